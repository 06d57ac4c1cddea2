"""Contacts: the collectors, clients and friends of the house, with how to reach them and
whether they said yes to hearing from it. All of it behind ``view_contacts``.

The market issue grows this area (interests, interactions, holds, sales, consignments,
provenance); exhibitions need its first part now, to build guest lists.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vernissage.core.models import BaseModel
from vernissage.people.models import Organization, Person
from vernissage.works.models import Term

#: What an erased contact is called wherever it is still referred to (a sale, a guest list).
PRIVATE_COLLECTION = _("Private collection")


def validate_currency(value: str) -> None:
    """A currency as its ISO 4217 code, one Babel (CLDR) knows: EUR, USD, RUB."""
    from babel.numbers import list_currencies

    if value and value not in list_currencies():
        raise ValidationError(
            _("“%(code)s” is not an ISO 4217 currency code; write it as EUR, USD or RUB."),
            params={"code": value},
        )


class ContactTag(BaseModel):
    """A word to group contacts by: "press", "collectors Paris", "friends of the gallery"."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("contact tag")
        verbose_name_plural = _("contact tags")

    def __str__(self) -> str:
        return self.name


class Contact(BaseModel):
    """How to reach a person or an organization, and whether they agreed to hear from us."""

    person = models.OneToOneField(
        Person,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact",
        verbose_name=_("person"),
    )
    organization = models.OneToOneField(
        Organization,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact",
        verbose_name=_("organization"),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True, default="en")
    tags = models.ManyToManyField(ContactTag, blank=True, related_name="contacts")
    marketing_consent = models.BooleanField(
        _("agreed to invitations and news"),
        default=False,
        help_text=_("Only contacts who agreed are put on guest lists built from tags."),
    )
    consent_at = models.DateTimeField(_("agreed on"), null=True, blank=True)
    consent_source = models.CharField(
        _("how they agreed"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “signed the guest book at the Paris opening”."),
    )
    looked_after_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts_looked_after",
        verbose_name=_("looked after by"),
    )
    notes = models.TextField(_("private notes"), blank=True)
    interested_in_artists = models.ManyToManyField(
        Person,
        blank=True,
        related_name="interested_contacts",
        verbose_name=_("artists they follow"),
    )
    interested_in_media = models.ManyToManyField(
        Term,
        blank=True,
        related_name="interested_contacts_by_medium",
        limit_choices_to={"kind": Term.Kind.MEDIUM},
        verbose_name=_("media they collect"),
    )
    interested_in_themes = models.ManyToManyField(
        Term,
        blank=True,
        related_name="interested_contacts_by_theme",
        limit_choices_to={"kind": Term.Kind.THEME},
        verbose_name=_("themes they look for"),
    )
    price_min = models.DecimalField(
        _("spends from"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_max = models.DecimalField(
        _("spends up to"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    price_currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    #: When the contact was erased at their request: their details are gone, their name is
    #: "Private collection", and what refers to them (guest lists, sales) keeps its rows.
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True, editable=False)

    private_fields: ClassVar[tuple[str, ...]] = ("notes",)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organization__isnull=True))
                | (Q(person__isnull=True) & Q(organization__isnull=False))
                | (
                    Q(erased_at__isnull=False)
                    & Q(person__isnull=True)
                    & Q(organization__isnull=True)
                ),
                name="contact_of_one_person_or_organization",
            ),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True) | Q(price_min__gte=0),
                name="contact_price_min_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(price_min__isnull=True)
                | Q(price_max__isnull=True)
                | Q(price_min__lte=models.F("price_max")),
                name="contact_price_range_in_order",
            ),
            models.CheckConstraint(
                condition=(Q(price_min__isnull=True) & Q(price_max__isnull=True))
                | ~Q(price_currency=""),
                name="contact_price_range_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return str(PRIVATE_COLLECTION)
        return str(self.person or self.organization or PRIVATE_COLLECTION)

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


# Addresses, phones, e-mail addresses and the log of interactions (their own module).
from vernissage.market.contacts_models import (  # noqa: E402, F401
    ContactAddress,
    ContactEmail,
    ContactPhone,
    Interaction,
)

# Provenance and certificates of authenticity (their own module).
from vernissage.market.provenance_models import (  # noqa: E402, F401, I001
    Certificate,
    ProvenanceEvent,
    ProvenanceParty,
)
from vernissage.market.sales_models import (  # noqa: E402 - after Contact, which they name
    Consignment,
    ExchangeRate,
    Hold,
    InvoiceCounter,
    Offer,
    Payment,
    Sale,
    SaleEvent,
    SaleLine,
)

__all__ = [
    "Certificate",
    "Consignment",
    "Contact",
    "ContactAddress",
    "ContactEmail",
    "ContactPhone",
    "ContactTag",
    "ExchangeRate",
    "Interaction",
    "ProvenanceEvent",
    "ProvenanceParty",
    "Hold",
    "InvoiceCounter",
    "Offer",
    "Payment",
    "Sale",
    "SaleEvent",
    "SaleLine",
]
