"""Provenance: who owned a work, one event after another, and the certificates of
authenticity the house issues for its works.

A work's provenance is an ordered list of events (creation, sale, gift, inheritance...), each
with its parties: the one it came from, the one it went to, and any agent between them. A
party is a person, an organization, or nobody known ("unknown", "private collection"); the
name of a person or organization may be kept off public pages. Prices are read only by
viewers with ``view_prices``, notes only by viewers who may see private records. The
services in :mod:`vernissage.market.provenance` keep the positions dense and the rules
below; :mod:`vernissage.market.certificates` issues and revokes certificates.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vernissage.core.fuzzy_dates import FuzzyDate, fuzzy
from vernissage.core.models import BaseModel
from vernissage.exhibitions.models import validate_currency
from vernissage.people.models import Organization, Person, Place
from vernissage.works.models import Artwork


class ProvenanceEvent(BaseModel):
    """One change in the ownership (or the whereabouts) of a work."""

    audit_parent = "artwork"

    class Kind(models.TextChoices):
        CREATION = "creation", _("creation")
        SALE = "sale", _("sale")
        GIFT = "gift", _("gift")
        INHERITANCE = "inheritance", _("inheritance")
        AUCTION = "auction", _("auction")
        TRANSFER = "transfer", _("transfer")
        EXCHANGE = "exchange", _("exchange")
        LOSS = "loss", _("loss or theft")
        RESTITUTION = "restitution", _("restitution")

    class Certainty(models.TextChoices):
        CERTAIN = "certain", _("certain")
        PROBABLE = "probable", _("probable")
        POSSIBLE = "possible", _("possible")

    #: Kinds after which the work belongs to the event's "to" party; a loss or theft changes
    #: where the work is, not whose it is.
    OWNERSHIP_KINDS: ClassVar[frozenset[str]] = frozenset(
        {
            "creation",
            "sale",
            "gift",
            "inheritance",
            "auction",
            "transfer",
            "exchange",
            "restitution",
        }
    )
    #: Kinds that always name someone the work went to.
    PARTY_KINDS: ClassVar[frozenset[str]] = frozenset({"sale", "auction", "exchange", "gift"})

    artwork = models.ForeignKey(
        Artwork,
        verbose_name=_("artwork"),
        on_delete=models.CASCADE,
        related_name="provenance_events",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.CharField(
        _("date"),
        max_length=100,
        blank=True,
        help_text=_("As written: “1998”, “c. 1998”, “by 2005”."),
    )
    date_earliest = models.DateField(null=True, blank=True, editable=False)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="provenance_events",
    )
    method = models.CharField(
        _("method"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “by descent”, “purchased at the exhibition”."),
    )
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    certainty = models.CharField(
        _("certainty"), max_length=10, choices=Certainty.choices, default=Certainty.CERTAIN
    )
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where this is known from: a citation.")
    )
    notes = models.TextField(_("private notes"), blank=True)
    #: The sale of the house that wrote this event, which a cancelled sale takes back.
    sale = models.ForeignKey(
        "market.Sale",
        verbose_name=_("sale"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="provenance_events",
    )

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("date",)
    private_fields: ClassVar[tuple[str, ...]] = ("notes",)
    #: Read only by viewers with ``view_prices``.
    price_fields: ClassVar[tuple[str, ...]] = ("price", "currency")

    class Meta:
        ordering = ("artwork_id", "position", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="provenanceevent_price_not_negative",
                violation_error_message=_("A price cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | ~Q(currency=""),
                name="provenanceevent_price_has_currency",
                violation_error_message=_("Give the currency of the price, such as EUR or USD."),
            ),
        ]
        verbose_name = _("provenance event")
        verbose_name_plural = _("provenance events")

    def __str__(self) -> str:
        when = f" {self.date}" if self.date else ""
        return f"{self.get_kind_display()}{when}"

    @property
    def when(self) -> FuzzyDate:
        return fuzzy(self, "date")


class ProvenanceParty(BaseModel):
    """Someone an event concerns: the one a work came from, went to, or who acted between."""

    audit_parent = "event"

    class Role(models.TextChoices):
        FROM = "from", _("from")
        TO = "to", _("to")
        AGENT = "agent", _("agent")

    class Anonymous(models.TextChoices):
        UNKNOWN = "unknown", _("unknown")
        PRIVATE_COLLECTION = "private", _("private collection")

    event = models.ForeignKey(
        ProvenanceEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provenance_parties",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provenance_parties",
    )
    anonymous = models.CharField(
        _("nobody named"),
        max_length=10,
        choices=Anonymous.choices,
        blank=True,
        help_text=_("When the party is not known, or is a private collection."),
    )
    name_public = models.BooleanField(
        _("name shown publicly"),
        default=True,
        help_text=_("Off: public pages say “private collection” instead of the name."),
    )

    class Meta:
        ordering = ("event_id", "role", "id")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organization__isnull=True) & Q(anonymous=""))
                | (Q(person__isnull=True) & Q(organization__isnull=False) & Q(anonymous=""))
                | (Q(person__isnull=True) & Q(organization__isnull=True) & ~Q(anonymous="")),
                name="provenanceparty_one_kind_of_party",
            )
        ]
        verbose_name = _("provenance party")
        verbose_name_plural = _("provenance parties")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    @property
    def name(self) -> str:
        """The party's name as staff who may see it read it."""
        if self.person_id is not None:
            return str(self.person)
        if self.organization_id is not None:
            return str(self.organization)
        return str(self.get_anonymous_display())

    @property
    def publicly_named(self) -> bool:
        """The name may be shown on public pages: the owner allowed it, and the person or
        organization is itself public."""
        if self.anonymous:
            return True
        record = self.person if self.person_id is not None else self.organization
        return bool(self.name_public and record is not None and record.is_public)

    @property
    def same_as_key(self) -> tuple[str, int] | None:
        """Who the party is, to tell whether two events follow on directly."""
        if self.person_id is not None:
            return ("person", self.person_id)
        if self.organization_id is not None:
            return ("organization", self.organization_id)
        return None


class Certificate(BaseModel):
    """A certificate of authenticity for a work, with what the owner chose to show on its
    public verification page."""

    artwork = models.ForeignKey(
        Artwork,
        verbose_name=_("artwork"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    number = models.CharField(_("number"), max_length=50, unique=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.CharField(
        _("issued by"), max_length=200, help_text=_("Who signs: a name and a capacity.")
    )
    show_title = models.BooleanField(_("show the title"), default=True)
    show_artist = models.BooleanField(_("show the artist"), default=True)
    show_details = models.BooleanField(_("show date, medium and dimensions"), default=True)
    show_image = models.BooleanField(_("show the image"), default=True)
    show_owner = models.BooleanField(_("show the owner"), default=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("why it was revoked"), blank=True)

    private_fields: ClassVar[tuple[str, ...]] = ("revoked_reason",)

    class Meta:
        ordering = ("-issued_on", "-id")
        verbose_name = _("certificate of authenticity")
        verbose_name_plural = _("certificates of authenticity")

    def __str__(self) -> str:
        return self.number

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
