"""Exchange rates entered by staff, and the conversion of amounts at them.

A rate says what one unit of a currency is worth in the house's reporting currency
(``VERNISSAGE_REPORTING_CURRENCY``) from a date on, until a later rate of the same currency
takes over. Nothing here invents a rate: an amount in a currency with no rate holding on the
day asked is not converted (the caller lists it apart), never converted at 1. An amount
already in the reporting currency needs no rate. ``Decimal`` throughout.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vernissage.core.access import Viewer
from vernissage.core.services import Actor, audited_delete, audited_save
from vernissage.market.models import ExchangeRate
from vernissage.market.money import Money, currency_check, rounded
from vernissage.market.selectors import sales_allowed


def reporting_currency() -> str:
    """The currency reports convert into (a setting, checked as an ISO 4217 code)."""
    return currency_check(settings.VERNISSAGE_REPORTING_CURRENCY)


# --- writes ---------------------------------------------------------------------------------


def exchange_rate_save(*, rate: ExchangeRate, acting_user: Actor) -> ExchangeRate:
    """Save a rate as entered (the admin's form): the currencies checked, the rate above zero,
    and who entered it kept beside it."""
    errors: dict[str, str] = {}
    try:
        rate.currency = currency_check(rate.currency or "")
    except ValidationError as error:
        errors["currency"] = " ".join(error.messages)
    rate.base_currency = currency_check(rate.base_currency or reporting_currency())
    if rate.rate is None or rate.rate <= 0:
        errors["rate"] = _("A rate is a number above zero.")
    if not errors and rate.currency == rate.base_currency:
        errors["currency"] = _("A currency is not converted into itself.")
    if errors:
        raise ValidationError(errors)
    rate.source = " ".join(rate.source.split())
    authenticated = acting_user is not None and acting_user.is_authenticated
    rate.entered_by = acting_user if authenticated else None  # type: ignore[assignment]
    with transaction.atomic():
        return audited_save(instance=rate, acting_user=acting_user)


def exchange_rate_set(
    *,
    currency: str,
    rate: Decimal,
    valid_from: dt.date,
    acting_user: Actor,
    source: str = "",
    base_currency: str | None = None,
) -> ExchangeRate:
    """Enter the rate of ``currency`` from ``valid_from`` on; a rate entered again for the
    same day replaces the one before (the audit log keeps both)."""
    base = currency_check(base_currency or reporting_currency())
    code = currency_check(currency)
    with transaction.atomic():
        existing = (
            ExchangeRate.objects.select_for_update()
            .filter(currency=code, base_currency=base, valid_from=valid_from)
            .first()
        )
        row = existing or ExchangeRate(currency=code, base_currency=base, valid_from=valid_from)
        row.rate = rate
        row.source = source
        return exchange_rate_save(rate=row, acting_user=acting_user)


def exchange_rate_delete(*, rate: ExchangeRate, acting_user: Actor) -> None:
    with transaction.atomic():
        audited_delete(instance=rate, acting_user=acting_user)


# --- reads ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateUsed:
    currency: str
    rate: Decimal
    valid_from: dt.date

    @property
    def rate_text(self) -> str:
        """The rate as entered, without trailing zeros (“0.92”, not “0.92000000”)."""
        return f"{self.rate.normalize():f}"


@dataclass
class RateTable:
    """The rates into one currency, read once, asked per currency and day."""

    base_currency: str
    #: Per currency, its rates oldest first: ``(valid_from, rate)``.
    by_currency: dict[str, list[tuple[dt.date, Decimal]]] = field(default_factory=dict)

    def rate_on(self, currency: str, day: dt.date) -> RateUsed | None:
        """The rate of ``currency`` holding on ``day``: the latest from that day or before;
        ``None`` when none holds yet (or none was entered)."""
        rates = self.by_currency.get(currency)
        if not rates:
            return None
        index = bisect.bisect_right(rates, day, key=lambda entry: entry[0]) - 1
        if index < 0:
            return None
        valid_from, rate = rates[index]
        return RateUsed(currency=currency, rate=rate, valid_from=valid_from)

    def convert(self, amount: Money, day: dt.date) -> tuple[Money, RateUsed | None] | None:
        """``amount`` in the base currency at the rate holding on ``day``, with that rate
        (``None`` for an amount in the base currency already); ``None`` without a rate."""
        if amount.currency == self.base_currency:
            return amount, None
        used = self.rate_on(amount.currency, day)
        if used is None:
            return None
        value = rounded(amount.amount * used.rate, self.base_currency)
        return Money(value, self.base_currency), used


def exchange_rates_table(*, viewer: Viewer, base_currency: str | None = None) -> RateTable:
    """Every rate into ``base_currency`` (default: the reporting currency), in one query."""
    sales_allowed(viewer)
    base = currency_check(base_currency or reporting_currency())
    table = RateTable(base_currency=base)
    for currency, valid_from, rate in (
        ExchangeRate.objects.filter(base_currency=base)
        .order_by("currency", "valid_from")
        .values_list("currency", "valid_from", "rate")
    ):
        table.by_currency.setdefault(currency, []).append((valid_from, rate))
    return table
