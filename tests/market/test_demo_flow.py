"""Issue 8's "done when", in the demo world and through the staff pages: a work from hold to
a paid invoice, its provenance text updated, the invoice and a certificate printed and the
certificate verified by its public page, and what the gallery owes Romy."""

from __future__ import annotations

import io

from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from tests.factories.guests import staff_in
from vernissage.demo.loader import WorldSummary
from vernissage.market.certificates import certificate_verify_url
from vernissage.market.models import Contact, Sale
from vernissage.market.provenance_models import Certificate
from vernissage.works.models import Artwork


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_demo_work_goes_from_hold_to_paid_with_its_provenance_and_certificate(
    client: Client, world: WorldSummary
) -> None:
    client.force_login(staff_in("Sales", "irina"))
    work = Artwork.objects.get(inventory_number="RK-1990-001")
    buyer = Contact.objects.get(person__display_name="Claire Whitfield")
    today = timezone.localdate()

    client.post(f"/market/works/{work.slug}/hold/", {"contact": buyer.pk, "until": "2099-01-01"})
    work.refresh_from_db()
    assert work.status == Artwork.Status.RESERVED
    client.post(
        f"/market/works/{work.slug}/sell/",
        {"buyer": buyer.pk, "price": "4200", "currency": "EUR", "discount": "0",
         "tax_rate": "0", "artist_share": "50"},
    )  # fmt: skip
    sale = Sale.objects.get(lines__artwork=work)
    for step in ("confirm", "invoice"):
        client.post(f"/market/sales/{sale.pk}/{step}/")
    client.post(f"/market/sales/{sale.pk}/payment/", {"amount": "4200"})
    sale.refresh_from_db()
    work.refresh_from_db()
    assert (sale.state, work.status) == ("paid", Artwork.Status.SOLD)

    page = client.get(f"/market/works/{work.slug}/provenance/").content.decode()
    assert f"Claire Whitfield, {today.isoformat()}, sold through the gallery, for €4,200.00" in page
    invoice = client.get(f"/market/sales/{sale.pk}/invoice.pdf")
    assert sale.invoice_number is not None
    assert sale.invoice_number in _pdf_text(invoice.content)

    client.post(
        f"/market/works/{work.slug}/certificates/issue/",
        {"issued_by": "Romy Kalmurzaev, the artist", "show_title": "on", "show_artist": "on"},
    )
    certificate = Certificate.objects.get(artwork=work)
    printed = client.get(f"/certificates/{certificate.pk}.pdf")
    assert printed["Content-Type"] == "application/pdf"
    assert certificate.number in _pdf_text(printed.content)
    client.logout()
    verified = client.get(certificate_verify_url(certificate).removeprefix("http://127.0.0.1:8000"))
    assert verified.status_code == 200
    assert work.title in verified.content.decode()

    client.force_login(staff_in("Owner", "boss"))
    payables = client.get("/market/payables/").content.decode()
    assert "Romy Kalmurzaev" in payables
    assert "€2,000.00" in payables  # half the agreed net of the print sold, half paid so far
