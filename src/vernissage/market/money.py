"""Money: ISO 4217 currencies, amounts rounded to each currency's minor unit, and amounts
written for the reader's locale with Babel (“1 234,50 €” in French, “€1,234.50” in English).

Amounts are ``Decimal`` from the form to the PDF; nothing here touches a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.core import UnknownLocaleError
from babel.numbers import format_currency, get_currency_precision, list_currencies
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

_CURRENCIES = frozenset(list_currencies())


def currency_check(code: str) -> str:
    """``code`` as an ISO 4217 currency the world knows, or a clear refusal."""
    code = code.strip().upper()
    if code not in _CURRENCIES or len(code) != 3:
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency; write it as EUR, USD or GBP.")
            % {"code": code or "—"}
        )
    return code


def validate_iso_currency(value: str) -> None:
    """Model field validator (the admin and ``full_clean``)."""
    currency_check(value)


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of ``currency``: 0.01 for EUR, 1 for JPY."""
    return Decimal(1).scaleb(-get_currency_precision(currency))


def rounded(amount: Decimal, currency: str) -> Decimal:
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


def _babel_locale(language: str | None) -> str:
    return (language or translation.get_language() or "en").replace("-", "_")


def money_format(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """``amount`` in ``currency`` as a reader of ``language`` (default: the active one)
    writes it."""
    try:
        return format_currency(amount, currency, locale=_babel_locale(language))
    except (UnknownLocaleError, ValueError):
        return format_currency(amount, currency, locale="en")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @property
    def label(self) -> str:
        return money_format(self.amount, self.currency)

    def __str__(self) -> str:
        return self.label
