"""Reads of the market's money, for viewers who may see sales (``can_see_sales``); anyone
else gets the 404 of an unknown page, so a private sale does not even show it exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from vernissage.core.access import Viewer, can_see_sales
from vernissage.images.gallery import images_prefetch
from vernissage.market.models import Consignment, Contact, Hold, Offer, Sale, SaleLine
from vernissage.market.money import Money
from vernissage.market.sales import SaleTotals, sale_totals
from vernissage.works.models import Artwork
from vernissage.works.selectors import makers_prefetch


def sales_allowed(viewer: Viewer) -> None:
    """The 404 of an unknown page for anyone who may not see sales."""
    if not can_see_sales(viewer):
        raise Http404


def contacts_for_sales(*, viewer: Viewer) -> QuerySet[Contact]:
    sales_allowed(viewer)
    return Contact.objects.select_related("person", "organization").order_by(
        "person__sort_name", "organization__name", "id"
    )


def sale_get(*, pk: int, viewer: Viewer) -> Sale:
    """One sale with its buyer, lines (works, makers, first image), payments and history."""
    sales_allowed(viewer)
    sale = (
        Sale.objects.select_related("buyer__person", "buyer__organization")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=SaleLine.objects.select_related("artwork").prefetch_related(
                    Prefetch(
                        "artwork__creations",
                        queryset=makers_prefetch(viewer).queryset,
                        to_attr="visible_creations",
                    ),
                    Prefetch(
                        "artwork__images",
                        queryset=images_prefetch(viewer).queryset,
                        to_attr="visible_images",
                    ),
                ),
            ),
            "payments",
            "events__actor",
        )
        .filter(pk=pk)
        .first()
    )
    if sale is None:
        raise Http404
    return sale


def sale_lines(sale: Sale) -> list[SaleLine]:
    return list(sale.lines.all())


def artwork_for_sales(*, slug: str, viewer: Viewer) -> Artwork:
    sales_allowed(viewer)
    artwork = (
        Artwork.objects.prefetch_related(
            Prefetch(
                "creations", queryset=makers_prefetch(viewer).queryset, to_attr="visible_creations"
            )
        )
        .filter(slug=slug)
        .first()
    )
    if artwork is None:
        raise Http404
    return artwork


@dataclass
class ArtworkMarket:
    artwork: Artwork
    hold: Hold | None
    holds: list[Hold]
    offers: list[Offer]
    sales: list[tuple[Sale, SaleTotals]]


def artwork_market(*, artwork: Artwork, viewer: Viewer) -> ArtworkMarket:
    """A work's holds, offers and sales, newest first."""
    sales_allowed(viewer)
    holds = list(
        Hold.objects.filter(artwork=artwork).select_related(
            "contact__person", "contact__organization"
        )
    )
    offers = list(
        Offer.objects.filter(artwork=artwork).select_related(
            "contact__person", "contact__organization"
        )
    )
    sales = list(
        Sale.objects.filter(lines__artwork=artwork)
        .select_related("buyer__person", "buyer__organization")
        .prefetch_related("lines", "payments")
        .distinct()
    )
    return ArtworkMarket(
        artwork=artwork,
        hold=next((hold for hold in holds if hold.state == Hold.State.ACTIVE), None),
        holds=holds,
        offers=offers,
        sales=[(sale, sale_totals(sale)) for sale in sales],
    )


def contact_get(*, pk: int, viewer: Viewer) -> Contact:
    contact = contacts_for_sales(viewer=viewer).filter(pk=pk).first()
    if contact is None:
        raise Http404
    return contact


@dataclass
class ContactMarket:
    contact: Contact
    holds: list[Hold]
    offers: list[Offer]
    purchases: list[tuple[Sale, SaleTotals]]
    consignments: list[Consignment]
    spent: dict[str, Decimal] = field(default_factory=dict)

    @property
    def spent_money(self) -> list[Money]:
        return [Money(amount, currency) for currency, amount in sorted(self.spent.items())]


def contact_market(*, contact: Contact, viewer: Viewer) -> ContactMarket:
    """What one contact holds, offered, bought and consigned, with totals per currency."""
    sales_allowed(viewer)
    purchases = [
        (sale, sale_totals(sale))
        for sale in Sale.objects.filter(buyer=contact).prefetch_related(
            Prefetch("lines", queryset=SaleLine.objects.select_related("artwork")), "payments"
        )
    ]
    spent: dict[str, Decimal] = {}
    for sale, totals in purchases:
        if sale.state in {Sale.State.CONFIRMED, Sale.State.INVOICED, Sale.State.PAID}:
            spent[sale.currency] = spent.get(sale.currency, Decimal(0)) + totals.total
    return ContactMarket(
        contact=contact,
        holds=list(Hold.objects.filter(contact=contact).select_related("artwork")),
        offers=list(Offer.objects.filter(contact=contact).select_related("artwork")),
        purchases=purchases,
        consignments=list(
            Consignment.objects.filter(consignor_contact=contact).select_related("artwork")
        ),
        spent=spent,
    )
