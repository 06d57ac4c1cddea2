"""The parts of a contact: the e-mail addresses, phones and postal addresses it may be reached
at, and the dated log of what happened between the house and them.

Each part belongs to one contact (``audit_parent``), so the contact's history shows its
changes; all of it is behind ``view_contacts`` and written by :mod:`vernissage.market.contacts`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernissage.core.models import BaseModel
from vernissage.core.validators import COUNTRY_VALIDATOR


class ContactPointKind(models.TextChoices):
    HOME = "home", _("home")
    WORK = "work", _("work")
    STUDIO = "studio", _("studio")
    OTHER = "other", _("other")


class ContactPoint(BaseModel):
    """What the three ways to reach someone share: whose it is, what kind, and whether it is
    the one to use first (one primary per contact and way)."""

    audit_parent = "contact"

    contact = models.ForeignKey(
        "market.Contact", on_delete=models.CASCADE, verbose_name=_("contact")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ContactPointKind.choices, default=ContactPointKind.HOME
    )
    primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        abstract = True
        ordering = ("-primary", "created_at")


class ContactEmail(ContactPoint):
    address = models.EmailField(_("e-mail"))

    class Meta(ContactPoint.Meta):
        default_related_name = "emails"
        verbose_name = _("e-mail address")
        verbose_name_plural = _("e-mail addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["contact"], condition=Q(primary=True), name="contactemail_one_primary"
            ),
            models.UniqueConstraint(
                fields=["contact", "address"], name="contactemail_address_once"
            ),
        ]

    def __str__(self) -> str:
        return self.address


class ContactPhone(ContactPoint):
    number = models.CharField(_("phone"), max_length=50)

    class Meta(ContactPoint.Meta):
        default_related_name = "phones"
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        constraints = [
            models.UniqueConstraint(
                fields=["contact"], condition=Q(primary=True), name="contactphone_one_primary"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ContactAddress(ContactPoint):
    lines = models.TextField(_("street and number"))
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=200, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[COUNTRY_VALIDATOR]
    )

    class Meta(ContactPoint.Meta):
        default_related_name = "addresses"
        verbose_name = _("postal address")
        verbose_name_plural = _("postal addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["contact"], condition=Q(primary=True), name="contactaddress_one_primary"
            ),
        ]

    def __str__(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (*self.lines.splitlines(), place, self.country) if part)


class Interaction(BaseModel):
    """Something that happened between the house and a contact, on a day, with the staff
    member who was there. The door's check-ins are not copied here: the log merges them in
    (:func:`vernissage.market.contact_selectors.contact_log`)."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visit to the gallery")
        CALL = "call", _("call")
        EMAIL = "email", _("e-mail")
        STUDIO_VISIT = "studio_visit", _("studio visit")
        OPENING_ATTENDED = "opening_attended", _("opening attended")
        PRESS_REQUEST = "press_request", _("press request")

    audit_parent = "contact"

    contact = models.ForeignKey(
        "market.Contact",
        on_delete=models.CASCADE,
        related_name="interactions",
        verbose_name=_("contact"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("staff member"),
    )
    note = models.TextField(_("note"), blank=True)
    exhibition = models.ForeignKey(
        "exhibitions.Exhibition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("exhibition"),
    )
    opening = models.ForeignKey(
        "exhibitions.Opening",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opening"),
    )

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["contact", "at"], name="interaction_contact_at_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"
