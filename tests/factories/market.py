"""Buyers, works for sale and sales, made through the market's services as every door
makes them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.factories.guests import contact_make
from tests.factories.works import ArtworkFactory
from vernissage.market import sales
from vernissage.market.models import Contact, Sale
from vernissage.works.models import Artwork


def work_make(title: str = "Siberian Morning", **extra: Any) -> Artwork:
    work: Artwork = ArtworkFactory(title=title, **extra)
    return work


def buyer_make(name: str = "Viktor Petrov", **extra: Any) -> Contact:
    return contact_make(name, **extra)


def sale_make(
    *,
    buyer: Contact | None = None,
    works: tuple[Artwork, ...] = (),
    price: Decimal = Decimal("12000"),
    currency: str = "EUR",
    tax_rate: Decimal = Decimal(0),
    discount: Decimal = Decimal(0),
) -> Sale:
    """A draft sale of ``works`` (one new work if none) at ``price`` each."""
    sale = sales.sale_create(buyer=buyer or buyer_make(), currency=currency, acting_user=None)
    for work in works or (work_make(),):
        sales.sale_line_add(
            sale=sale,
            artwork=work,
            price=price,
            currency=currency,
            tax_rate=tax_rate,
            discount=discount,
            acting_user=None,
        )
    return sale
