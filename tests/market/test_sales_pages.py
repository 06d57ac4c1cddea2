"""The staff pages of the market and the invoice PDF: who may see and do what (the permission
matrix), a work taken from hold to a paid invoice through the pages, refusals shown as
messages, and the invoice as a gallery sends it."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from tests.factories.guests import staff_in
from tests.factories.market import buyer_make, sale_make, work_make
from vernissage.core.models import AuditLog
from vernissage.images import services as images
from vernissage.market import holds, sales
from vernissage.market.models import Hold, Offer, Payment, Sale, SaleLine
from vernissage.works.models import Artwork

pytestmark = pytest.mark.django_db

#: Strings only the market's pages hold; none may reach a viewer who may not see sales.
SECRETS = ("Viktor Secretbuyer", "12,345", "12345", "2026-", "secret-buyer@")
#: viewer → may see and keep sales
VIEWERS: dict[str, bool] = {
    "anonymous": False,
    "signed in, no role": False,
    "staff, no permission": False,
    "Viewer": False,
    "Registrar": False,
    "Press": False,
    "Sales": True,
    "Owner": True,
    "superuser": True,
}


def _viewer(client: Client, name: str) -> User | None:
    if name == "anonymous":
        return None
    if name in {"signed in, no role", "staff, no permission"}:
        user = User.objects.create_user(
            username="someone", password="x", is_staff=name == "staff, no permission"
        )
    else:
        user = staff_in(name, "someone")
    client.force_login(user)
    return user


def _picture(folder: Path) -> Path:
    path = folder / "siberia.png"
    pyvips.Image.black(600, 400, bands=3).linear(1, 120).cast("uchar").copy(
        interpretation="srgb"
    ).pngsave(str(path))
    return path


@pytest.fixture
def market(settings: Any, tmp_path: Path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VERNISSAGE_HOUSE_NAME = "Galerie Lumière"
    settings.VERNISSAGE_HOUSE_ADDRESS = "12 rue de Seine\n75006 Paris"
    settings.VERNISSAGE_BANK_DETAILS = "IBAN FR76 3000 6000 0112 3456 7890 189\nBIC AGRIFRPP"
    work = work_make("Siberian Morning", medium="Oil on canvas")
    images.image_add(
        artwork=work, path=_picture(tmp_path), acting_user=None, identifier="siberia",
        build_now=True,
    )  # fmt: skip
    other = work_make("Frozen River")
    buyer = buyer_make("Viktor Secretbuyer", email="secret-buyer@contacts.example")
    sale = sale_make(buyer=buyer, works=(other,), price=Decimal("12345"))
    sales.sale_confirm(sale=sale, acting_user=None)
    sales.sale_invoice(sale=sale, acting_user=None)
    offer = holds.offer_record(
        artwork=work, contact=buyer, amount=Decimal("12345"), currency="EUR", acting_user=None
    )
    hold = holds.hold_place(
        artwork=work, contact=buyer, until=timezone.now() + dt.timedelta(days=3), acting_user=None
    )
    return {"work": work, "other": other, "buyer": buyer, "sale": sale, "offer": offer,
            "hold": hold}  # fmt: skip


def _leaks(response: Any) -> list[str]:
    text = response.content.decode(errors="replace") + " ".join(
        f"{k}: {v}" for k, v in response.items()
    )
    return [secret for secret in SECRETS if secret in text]


def _changes() -> tuple[int, ...]:
    return (
        AuditLog.objects.count(),
        Sale.objects.count(),
        SaleLine.objects.count(),
        Payment.objects.count(),
        Hold.objects.count(),
        Offer.objects.count(),
        *Sale.objects.order_by("pk").values_list("id", flat=True),
    )


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_market_pages_permission_matrix(
    client: Client, market: dict[str, Any], viewer: str
) -> None:
    allowed = VIEWERS[viewer]
    _viewer(client, viewer)
    work, sale, buyer = market["work"], market["sale"], market["buyer"]
    before = _changes()

    pages = {
        f"/market/works/{work.slug}/": "/market/works/no-such-work/",
        f"/market/sales/{sale.pk}/": "/market/sales/999999/",
        f"/market/sales/{sale.pk}/invoice.pdf": "/market/sales/999999/invoice.pdf",
        f"/market/contacts/{buyer.pk}/": "/market/contacts/999999/",
    }
    for url, unknown in pages.items():
        response = client.get(url)
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif allowed:
            assert response.status_code == 200, url
            if not url.endswith(".pdf"):
                assert _leaks(response) != [], url  # the test can fail: they do see it
        else:
            assert response.status_code == 404, url
            assert response.content == client.get(unknown).content
            assert _leaks(response) == [], url
    assert _changes() == before

    forms = {
        f"/market/works/{work.slug}/holds/{market['hold'].pk}/release/": {},
        f"/market/works/{work.slug}/hold/": {"contact": buyer.pk, "until": "2099-01-01"},
        f"/market/works/{work.slug}/offer/": {
            "contact": buyer.pk, "amount": "5", "currency": "EUR",
        },
        f"/market/works/{work.slug}/offers/{market['offer'].pk}/answer/": {"answer": "declined"},
        f"/market/sales/{sale.pk}/payment/": {"amount": "100"},
        f"/market/works/{market['other'].slug}/sell/": {
            "buyer": buyer.pk, "price": "1", "currency": "EUR", "discount": "0",
            "tax_rate": "0", "artist_share": "50",
        },
        f"/market/sales/{sale.pk}/cancel/": {"reason": "test"},
    }  # fmt: skip
    for url, data in forms.items():
        before = _changes()
        response = client.post(url, data)
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif allowed:
            assert response.status_code == 302, url
            continue
        else:
            assert response.status_code == 404, url
            assert _leaks(response) == [], url
        assert _changes() == before, url
    if allowed:
        market["work"].refresh_from_db()
        assert Hold.objects.filter(state="active").count() == 1  # released, then held again
        assert Offer.objects.get(pk=market["offer"].pk).answer == "declined"
        assert Payment.objects.get().amount == Decimal("100.00")


def _login_sales(client: Client) -> User:
    user = staff_in("Sales", "irina")
    client.force_login(user)
    return user


def test_a_work_goes_from_hold_to_a_paid_invoice_through_the_pages(
    client: Client, market: dict[str, Any]
) -> None:
    _login_sales(client)
    work, buyer = market["work"], market["buyer"]

    response = client.post(
        f"/market/works/{work.slug}/sell/",
        {"buyer": buyer.pk, "price": "20000", "currency": "EUR", "discount": "10",
         "tax_rate": "5.5", "artist_share": "60"},
    )  # fmt: skip
    sale = Sale.objects.get(lines__artwork=work)
    assert response["Location"] == f"/market/sales/{sale.pk}/"
    for step in ("confirm", "invoice"):
        assert client.post(f"/market/sales/{sale.pk}/{step}/").status_code == 302
    page = client.get(f"/market/sales/{sale.pk}/").content.decode()
    assert "€18,990.00" in page  # 20,000 less 10 %, plus 5.5 % tax
    assert "€10,800.00" in page  # the artist's 60 % of the net

    response = client.post(f"/market/sales/{sale.pk}/payment/", {"amount": "19000"}, follow=True)
    assert response.status_code == 200
    assert "more than the €18,990.00 still owed" in response.content.decode()
    client.post(f"/market/sales/{sale.pk}/payment/", {"amount": "18990"})

    sale.refresh_from_db()
    work.refresh_from_db()
    assert (sale.state, work.status) == ("paid", Artwork.Status.SOLD)
    assert Hold.objects.get(pk=market["hold"].pk).state == "sold"


def test_htmx_steps_answer_with_the_panel_and_show_refusals(
    client: Client, market: dict[str, Any]
) -> None:
    _login_sales(client)
    sale = market["sale"]

    response = client.post(f"/market/sales/{sale.pk}/confirm/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert "This sale is invoiced: it cannot be confirmed." in page
    assert 'id="sale-panel"' not in page  # the panel's inside, not the whole page


def test_the_invoice_pdf_has_letterhead_thumbnail_amounts_and_bank_details(
    client: Client, market: dict[str, Any]
) -> None:
    _login_sales(client)
    work, buyer = market["work"], market["buyer"]
    sale = sale_make(buyer=buyer, works=(work,), price=Decimal("12345"), tax_rate=Decimal("20"))
    sales.sale_confirm(sale=sale, acting_user=None)
    sales.sale_invoice(sale=sale, acting_user=None)
    sales.payment_record(sale=sale, amount=Decimal("4000"), acting_user=None)
    sale.refresh_from_db()

    response = client.get(f"/market/sales/{sale.pk}/invoice.pdf")

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for expected in (
        "Galerie Lumière", "12 rue de Seine", f"Invoice {sale.invoice_number}",
        "Viktor Secretbuyer", "Siberian Morning", "Oil on canvas", "€12,345.00", "€2,469.00",
        "€14,814.00", "€10,814.00", "IBAN FR76", "Payment due within 30 days",
    ):  # fmt: skip
        assert expected in text, expected
    assert sum(len(page.images) for page in reader.pages) == 1


def test_amounts_follow_the_readers_language(client: Client, market: dict[str, Any]) -> None:
    from django.utils import translation

    from vernissage.market.money import money_format

    with translation.override("fr"):
        assert money_format(Decimal("12345.5"), "EUR") == "12\u202f345,50\xa0€"
    assert money_format(Decimal("12345.5"), "EUR", language="de") == "12.345,50\xa0€"
    assert money_format(Decimal("12345"), "JPY", language="en") == "¥12,345"


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["contact", "work"])
def test_market_pages_cost_the_same_queries_for_1_and_4_sales(
    client: Client, market: dict[str, Any], page: str
) -> None:
    _login_sales(client)
    buyer, work = market["buyer"], work_make("Often Sold")
    url = f"/market/contacts/{buyer.pk}/" if page == "contact" else f"/market/works/{work.slug}/"

    def sale_called_off() -> None:
        sale = sale_make(buyer=buyer, works=(work,))
        sales.sale_cancel(sale=sale, reason="only a test", acting_user=None)

    sale_called_off()
    client.get(url)  # the kept permissions warm up
    once = _queries(client, url)
    for _ in range(3):
        sale_called_off()

    assert _queries(client, url) == once
