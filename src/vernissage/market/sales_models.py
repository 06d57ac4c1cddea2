"""The market's money: holds and offers on works, sales with their lines, payments and
history, the yearly invoice counter, consignments to the gallery.

All of it is private (``view_prices`` and ``view_contacts``); it is written only by the
services in ``holds``, ``sales`` and ``consignments``, which keep each work's status in step
(available → reserved → sold).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vernissage.core.models import BaseModel
from vernissage.market.money import Money, rounded, validate_iso_currency

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def money_field(verbose_name: str | object, **extra: object) -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        verbose_name,  # type: ignore[arg-type]
        max_digits=14,
        decimal_places=2,
        **extra,  # type: ignore[arg-type]
    )


def percent_field(
    verbose_name: str | object, default: Decimal
) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(
        verbose_name,  # type: ignore[arg-type]
        max_digits=5,
        decimal_places=2,
        default=default,
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
    )


def currency_field() -> models.CharField[str, str]:
    return models.CharField(_("currency"), max_length=3, validators=[validate_iso_currency])


class Hold(BaseModel):
    """A work kept for one contact until a date; it lapses by itself then."""

    class State(models.TextChoices):
        ACTIVE = "active", _("on hold")
        RELEASED = "released", _("released")
        LAPSED = "lapsed", _("lapsed")
        SOLD = "sold", _("sold to them")

    artwork = models.ForeignKey(
        "works.Artwork", on_delete=models.PROTECT, related_name="holds", verbose_name=_("work")
    )
    contact = models.ForeignKey(
        "market.Contact", on_delete=models.PROTECT, related_name="holds", verbose_name=_("for")
    )
    until = models.DateTimeField(_("until"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="active")
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    audit_parent = "artwork"

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("hold")
        verbose_name_plural = _("holds")
        constraints = [
            models.UniqueConstraint(
                fields=["artwork"], condition=Q(state="active"), name="hold_one_active_per_work"
            )
        ]

    def __str__(self) -> str:
        return f"{self.artwork} — {self.contact}"


class Offer(BaseModel):
    """What a contact offered for a work, and the answer."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        COUNTERED = "countered", _("countered")

    artwork = models.ForeignKey(
        "works.Artwork", on_delete=models.PROTECT, related_name="offers", verbose_name=_("work")
    )
    contact = models.ForeignKey(
        "market.Contact", on_delete=models.PROTECT, related_name="offers", verbose_name=_("from")
    )
    amount = money_field(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])
    currency = currency_field()
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    counter_amount = money_field(_("counter-offer"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    audit_parent = "artwork"

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return f"{self.contact}: {self.amount_money}"

    @property
    def amount_money(self) -> Money:
        return Money(self.amount, self.currency)

    @property
    def counter_money(self) -> Money | None:
        if self.counter_amount is None:
            return None
        return Money(self.counter_amount, self.currency)


class Sale(BaseModel):
    """A sale to one buyer in one currency: draft → confirmed → invoiced → paid, or
    cancelled with a reason."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONFIRMED = "confirmed", _("confirmed")
        INVOICED = "invoiced", _("invoiced")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    buyer = models.ForeignKey(
        "market.Contact",
        on_delete=models.PROTECT,
        related_name="purchases",
        verbose_name=_("buyer"),
    )
    currency = currency_field()
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    artist_share = percent_field(_("artist's share (%)"), Decimal(50))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    invoice_number = models.CharField(
        _("invoice number"), max_length=20, null=True, blank=True, unique=True
    )
    invoiced_at = models.DateTimeField(_("invoiced at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    terms = models.TextField(_("terms"), blank=True)
    notes = models.TextField(_("private notes"), blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        indexes = [models.Index(fields=["state", "confirmed_at"], name="sale_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(artist_share__gte=0) & Q(artist_share__lte=100),
                name="sale_artist_share_percent",
            )
        ]

    def __str__(self) -> str:
        return self.invoice_number or str(_("Sale %(id)s") % {"id": self.pk})


class SaleLine(BaseModel):
    """One work of a sale, its price before discount and tax."""

    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="lines")
    artwork = models.ForeignKey(
        "works.Artwork", on_delete=models.PROTECT, related_name="sale_lines", verbose_name=_("work")
    )
    price = money_field(_("price"), validators=[MinValueValidator(ZERO)])
    discount = percent_field(_("discount (%)"), ZERO)
    tax_rate = percent_field(_("tax rate (%)"), ZERO)
    #: The price less the discount, rounded to the currency's minor unit: written by the
    #: services beside the price, so that reports sum one column in the database.
    net_amount = money_field(_("net"), default=ZERO, editable=False)

    audit_parent = "sale"

    class Meta:
        ordering = ("id",)
        verbose_name = _("sale line")
        verbose_name_plural = _("sale lines")
        constraints = [
            models.UniqueConstraint(fields=["sale", "artwork"], name="sale_line_work_once"),
            models.CheckConstraint(condition=Q(price__gte=0), name="sale_line_price_positive"),
            models.CheckConstraint(
                condition=Q(discount__gte=0) & Q(discount__lte=100),
                name="sale_line_discount_percent",
            ),
        ]

    def __str__(self) -> str:
        return str(self.artwork)

    def net(self, currency: str) -> Decimal:
        return rounded(self.price * (HUNDRED - self.discount) / HUNDRED, currency)

    def tax(self, currency: str) -> Decimal:
        return rounded(self.net(currency) * self.tax_rate / HUNDRED, currency)


class Payment(BaseModel):
    sale = models.ForeignKey(Sale, on_delete=models.PROTECT, related_name="payments")
    amount = money_field(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])
    received_on = models.DateField(_("received on"))
    method = models.CharField(_("method"), max_length=100, blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True)

    audit_parent = "sale"

    class Meta:
        ordering = ("received_on", "id")
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.received_on})"


class SaleEvent(BaseModel):
    """One step of a sale's history: from which state to which, by whom, why."""

    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("from"), max_length=10, blank=True)
    to_state = models.CharField(_("to"), max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("sale event")
        verbose_name_plural = _("sale events")

    def __str__(self) -> str:
        return f"{self.from_state or '—'} → {self.to_state}"


class InvoiceCounter(models.Model):
    """The last invoice number given in a year; its row is locked while a number is taken,
    so numbers have no gap and no duplicate."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("year",)
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Consignment(BaseModel):
    """A work left with the gallery to sell by its artist or by a collector, for an agreed
    net price (what the consignor gets) or a commission (what the gallery keeps)."""

    artwork = models.ForeignKey(
        "works.Artwork",
        on_delete=models.PROTECT,
        related_name="consignments",
        verbose_name=_("work"),
    )
    consignor_person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consignments",
        verbose_name=_("artist consigning"),
    )
    consignor_contact = models.ForeignKey(
        "market.Contact",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consignments",
        verbose_name=_("collector consigning"),
    )
    net_price = money_field(_("agreed net price"), null=True, blank=True)
    currency = currency_field()
    commission = models.DecimalField(
        _("commission (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(HUNDRED)],
    )
    received_on = models.DateField(_("received on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    audit_parent = "artwork"

    class Meta:
        ordering = ("-received_on", "-id")
        verbose_name = _("consignment")
        verbose_name_plural = _("consignments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(consignor_person__isnull=False) & Q(consignor_contact__isnull=True))
                | (Q(consignor_person__isnull=True) & Q(consignor_contact__isnull=False)),
                name="consignment_one_consignor",
            ),
            models.CheckConstraint(
                condition=(Q(net_price__isnull=False) & Q(commission__isnull=True))
                | (Q(net_price__isnull=True) & Q(commission__isnull=False)),
                name="consignment_net_or_commission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.artwork} — {self.consignor}"

    @property
    def consignor(self) -> object:
        return self.consignor_person or self.consignor_contact

    @property
    def net_money(self) -> Money | None:
        return None if self.net_price is None else Money(self.net_price, self.currency)


class ExchangeRate(BaseModel):
    """What one unit of a currency is worth in the house's reporting currency from a date on,
    as staff entered it: the sales report converts at these rates and at no other."""

    currency = currency_field()
    base_currency = models.CharField(
        _("in"),
        max_length=3,
        validators=[validate_iso_currency],
        help_text=_("The reporting currency the rate converts to (VERNISSAGE_REPORTING_CURRENCY)."),
    )
    rate = models.DecimalField(
        _("rate"),
        max_digits=20,
        decimal_places=8,
        validators=[MinValueValidator(Decimal("0.00000001"))],
        help_text=_("What one unit of the currency is worth in the reporting currency."),
    )
    valid_from = models.DateField(_("holds from"))
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the rate comes from: “ECB reference rate”, “bank statement”."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        ordering = ("currency", "-valid_from", "-id")
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "base_currency", "valid_from"],
                name="exchange_rate_one_per_day",
                violation_error_message=_(
                    "There is a rate of this currency from that day already: change it."
                ),
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(
                condition=~Q(currency=models.F("base_currency")),
                name="exchange_rate_two_currencies",
                violation_error_message=_("A currency is not converted into itself."),
            ),
        ]

    def __str__(self) -> str:
        rate = f"{self.rate.normalize():f}"
        return f"1 {self.currency} = {rate} {self.base_currency} ({self.valid_from})"
