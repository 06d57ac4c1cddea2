"""The staff pages of a work's provenance and certificates, and the market's menu links: who
may read and change them (the permission matrix), an event added and certificates issued and
revoked through the services, refusals shown as messages, queries that do not grow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories.exhibitions import place
from tests.factories.guests import staff_in
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.models import AuditLog
from vernissage.market.certificates import certificate_issue, certificate_verify_url
from vernissage.market.provenance import PartyInput, provenance_event_add, provenance_sale_record
from vernissage.market.provenance_models import Certificate, ProvenanceEvent

pytestmark = pytest.mark.django_db

BUYER = "Quiet Buyer"
NOTE = "NOTE-PROVENANCE-SECRET"
#: viewer → (may read the pages, may change)
VIEWERS: dict[str, tuple[bool, bool]] = {
    "anonymous": (False, False),
    "signed in, no role": (False, False),
    "staff, no permission": (False, False),
    "Viewer": (False, False),
    "Press": (False, False),
    "Registrar": (False, False),
    "Sales": (True, True),
    "Owner": (True, True),
    "superuser": (True, True),
}


def _login(client: Client, viewer: str) -> User | None:
    if viewer == "anonymous":
        return None
    if viewer in {"signed in, no role", "staff, no permission"}:
        user = User.objects.create_user(
            username="someone", is_staff=viewer == "staff, no permission"
        )
    else:
        user = staff_in(viewer, "someone")
    client.force_login(user)
    return user


@pytest.fixture
def work() -> Any:
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    buyer = PersonFactory(display_name=BUYER)
    painting = ArtworkFactory(
        title="Two Figures", makers=[(artist, "artist")], inventory_number="JK-2012-001"
    )
    provenance_event_add(
        artwork=painting,
        kind="creation",
        parties=[PartyInput(role="to", person=artist)],
        date="2012",
        notes=NOTE,
        acting_user=None,
    )
    provenance_sale_record(
        artwork=painting,
        seller_person=artist,
        buyer_person=buyer,
        buyer_private=True,
        date=dt.date(2013, 10, 10),
        place=place("Paris", "FR"),
        price=Decimal("24000"),
        currency="EUR",
        method="acquired at the exhibition",
        acting_user=None,
    )
    certificate_issue(artwork=painting, issued_by="Galerie Lumière", acting_user=None)
    return painting


def _changes() -> tuple[Any, ...]:
    return (
        AuditLog.objects.count(),
        ProvenanceEvent.objects.count(),
        *Certificate.objects.order_by("pk").values_list("number", "revoked_at"),
    )


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_provenance_and_certificate_pages_permission_matrix(
    client: Client, work: Any, viewer: str
) -> None:
    reads, keeps = VIEWERS[viewer]
    _login(client, viewer)
    certificate = Certificate.objects.get()
    before = _changes()
    for url in (
        f"/market/works/{work.slug}/provenance/",
        f"/market/works/{work.slug}/certificates/",
    ):
        response = client.get(url)
        text = response.content.decode()
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif not reads:
            assert response.status_code == 404, url
            assert response.content == client.get("/market/works/no-such-work/provenance/").content
            assert BUYER not in text, url
            assert certificate.number not in text, url
        else:
            assert response.status_code == 200, url
            assert BUYER in text or certificate.number in text, url
            assert ('id="provenance-form"' in text or 'id="certificate-form"' in text) == keeps

    posts = {
        f"/market/works/{work.slug}/provenance/add/": {
            "kind": "gift", "to_anonymous": "private", "certainty": "certain",
        },
        f"/market/works/{work.slug}/certificates/issue/": {"issued_by": "Someone"},
        f"/market/certificates/{certificate.pk}/revoke/": {"reason": "doubts"},
    }  # fmt: skip
    for url, data in posts.items():
        response = client.post(url, data)
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif not keeps:
            assert response.status_code == 404, url
        else:
            assert response.status_code == 302, url
        if not keeps:
            assert _changes() == before, url
    if keeps:
        assert ProvenanceEvent.objects.filter(artwork=work, kind="gift").count() == 1
        assert Certificate.objects.filter(artwork=work).count() == 2
        assert Certificate.objects.get(pk=certificate.pk).revoked_reason == "doubts"


def test_the_provenance_page_lists_events_and_the_text_and_adds_one(
    client: Client, work: Any
) -> None:
    _login(client, "Sales")
    heir = PersonFactory(display_name="Anna Petrova")

    page = client.get(f"/market/works/{work.slug}/provenance/").content.decode()
    assert (
        "Jacques Kalmurzaev, 2012; Quiet Buyer, Paris, 2013-10-10, acquired at the "
        "exhibition, for €24,000.00." in page
    )
    assert NOTE in page
    assert f"/linked-art/works/{work.slug}/provenance.json" in page

    response = client.post(
        f"/market/works/{work.slug}/provenance/add/",
        {"kind": "inheritance", "date": "c. 2030", "to_person": str(heir.pk),
         "to_name_public": "on", "certainty": "probable", "source": "Will of Petrov"},
        follow=True,
    )  # fmt: skip

    text = response.content.decode()
    assert "The inheritance is added to the provenance." in text
    assert "; probably Anna Petrova, c. 2030, by descent [1]." in text
    event = ProvenanceEvent.objects.get(artwork=work, kind="inheritance")
    assert (event.position, str(event.date_earliest)) == (2, "2025-01-01")
    assert event.parties.get().person == heir


def test_a_refused_event_is_a_message_and_nothing_is_written(client: Client, work: Any) -> None:
    _login(client, "Sales")
    before = _changes()

    response = client.post(
        f"/market/works/{work.slug}/provenance/add/",
        {"kind": "sale", "price": "-5", "currency": "EUR", "certainty": "certain"},
        follow=True,
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "A sale needs the party the work went to" in text
    assert _changes() == before


def test_certificates_are_issued_printed_and_revoked_through_the_page(
    client: Client, work: Any
) -> None:
    _login(client, "Owner")
    first = Certificate.objects.get()

    issued = client.post(
        f"/market/works/{work.slug}/certificates/issue/",
        {"issued_by": "Jacques Kalmurzaev, the artist", "issued_on": "2026-02-01",
         "show_title": "on", "show_artist": "on", "show_owner": "on"},
        follow=True,
    )  # fmt: skip
    assert "Certificate COA-JK-2012-001-2 is issued." in issued.content.decode()
    second = Certificate.objects.get(number="COA-JK-2012-001-2")
    assert (second.issued_on, second.show_image, second.show_owner) == (
        dt.date(2026, 2, 1),
        False,
        True,
    )
    page = issued.content.decode()
    assert f"/certificates/{second.pk}.pdf" in page
    assert certificate_verify_url(second) in page
    pdf = client.get(f"/certificates/{second.pk}.pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")

    refused = client.post(
        f"/market/certificates/{first.pk}/revoke/", {"reason": "   "}, follow=True
    )
    assert "Why it is revoked: This field is required." in refused.content.decode()
    assert Certificate.objects.get(pk=first.pk).revoked_at is None

    revoked = client.post(
        f"/market/certificates/{first.pk}/revoke/", {"reason": "Wrong dimensions"}, follow=True
    )
    assert "Certificate COA-JK-2012-001-1 is revoked." in revoked.content.decode()
    assert "Wrong dimensions" in revoked.content.decode()
    client.logout()
    public = client.get(certificate_verify_url(first).removeprefix("http://127.0.0.1:8000"))
    assert "revoked" in public.content.decode().lower()
    assert "Wrong dimensions" not in public.content.decode()


def test_the_provenance_page_costs_the_same_queries_for_2_and_6_events(
    client: Client, work: Any, django_assert_num_queries: Any
) -> None:
    _login(client, "Sales")
    url = f"/market/works/{work.slug}/provenance/"
    client.get(url)
    with django_assert_num_queries(13) as two:
        client.get(url)
    for year in range(2030, 2034):
        provenance_event_add(
            artwork=work,
            kind="gift",
            parties=[PartyInput(role="to", person=PersonFactory())],
            date=str(year),
            acting_user=None,
        )
    with django_assert_num_queries(len(two.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(
    ("viewer", "shown"),
    [
        pytest.param("anonymous", False, id="anonymous_case"),
        pytest.param("Registrar", False, id="registrar_case"),
        pytest.param("Press", False, id="press_case"),
        pytest.param("Sales", True, id="sales_case"),
        pytest.param("Owner", True, id="owner_case"),
    ],
)
def test_the_menu_links_the_market_pages_only_for_those_who_may_see_them(
    client: Client, work: Any, viewer: str, shown: bool
) -> None:
    _login(client, viewer)

    page = client.get("/works/").content.decode()

    assert ('href="/market/reports/sales/"' in page) == shown
    assert ('href="/market/payables/"' in page) == shown
    assert ('href="/contacts/"' in page) == shown
