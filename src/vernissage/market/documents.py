"""The market's printed documents (WeasyPrint): the invoice a gallery sends, and the
payables statement of what it owes its consignors.

Only for viewers who may see sales (the selectors answer 404 to anyone else). The works'
thumbnails are cut in process from their IIIF pyramids by the exhibitions' fetcher, which
answers those URLs only and refuses every other (no request leaves the process).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from vernissage.core.access import Viewer
from vernissage.exhibitions.documents import BASE_URL, THUMBNAIL_BOX, PyramidFetcher
from vernissage.images.models import Image
from vernissage.interop.iiif_presentation import image_fitted_path
from vernissage.market.consignments import ConsignorStatement
from vernissage.market.models import Sale, SaleLine
from vernissage.market.money import Money
from vernissage.market.sales import sale_totals


@dataclass(frozen=True)
class InvoiceLine:
    line: SaleLine
    makers: list[Any]
    thumbnail_url: str
    price: Money
    net: Money
    tax: Money


def house() -> dict[str, str]:
    return {
        "name": settings.VERNISSAGE_HOUSE_NAME,
        "address": settings.VERNISSAGE_HOUSE_ADDRESS,
        "tax_id": settings.VERNISSAGE_HOUSE_TAX_ID,
        "bank": settings.VERNISSAGE_BANK_DETAILS,
    }


def _pdf(html: str, images: dict[str, Image]) -> bytes:
    pdf: bytes = HTML(
        string=html, base_url=BASE_URL, url_fetcher=PyramidFetcher(images)
    ).write_pdf()
    return pdf


def invoice_pdf(*, sale: Sale, viewer: Viewer) -> bytes:
    """The invoice of an invoiced (or paid) sale; ``sale`` comes from ``sale_get``."""
    currency = sale.currency
    images: dict[str, Image] = {}
    lines = []
    for line in sale.lines.all():
        visible: list[Image] = getattr(line.artwork, "visible_images", [])
        url = ""
        if visible:
            url = image_fitted_path(visible[0], THUMBNAIL_BOX)
            images[url] = visible[0]
        lines.append(
            InvoiceLine(
                line=line,
                makers=getattr(line.artwork, "visible_creations", []),
                thumbnail_url=url,
                price=Money(line.price, currency),
                net=Money(line.net(currency), currency),
                tax=Money(line.tax(currency), currency),
            )
        )
    totals = sale_totals(sale)
    html = render_to_string(
        "market/documents/invoice.html",
        {
            "sale": sale,
            "house": house(),
            "lines": lines,
            "totals": totals,
            "payments": [
                (payment, Money(payment.amount, currency)) for payment in sale.payments.all()
            ],
            "terms": sale.terms or settings.VERNISSAGE_INVOICE_TERMS,
            "issued": timezone.localtime(sale.invoiced_at) if sale.invoiced_at else None,
        },
    )
    return _pdf(html, images)


def payables_pdf(*, statements: list[ConsignorStatement]) -> bytes:
    """The payables statement; ``statements`` come from ``payables_statement`` (which asks
    for the viewer's right to see sales)."""
    html = render_to_string(
        "market/documents/payables.html",
        {"house": house(), "statements": statements, "printed_at": timezone.localtime()},
    )
    return _pdf(html, {})
