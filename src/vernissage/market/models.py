"""Contacts: the collectors, clients and friends of the house, with how to reach them and
whether they said yes to hearing from it. All of it behind ``view_contacts``.

The market issue grows this area (interests, interactions, holds, sales, consignments,
provenance); exhibitions need its first part now, to build guest lists.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vernissage.core.models import BaseModel
from vernissage.people.models import Organization, Person


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

    private_fields: ClassVar[tuple[str, ...]] = ("notes",)

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organization__isnull=True))
                | (Q(person__isnull=True) & Q(organization__isnull=False)),
                name="contact_of_one_person_or_organization",
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.organization)


from vernissage.market.sales_models import (  # noqa: E402 - after Contact, which they name
    Consignment,
    Hold,
    InvoiceCounter,
    Offer,
    Payment,
    Sale,
    SaleEvent,
    SaleLine,
)

__all__ = [
    "Consignment",
    "Contact",
    "ContactTag",
    "Hold",
    "InvoiceCounter",
    "Offer",
    "Payment",
    "Sale",
    "SaleEvent",
    "SaleLine",
]
