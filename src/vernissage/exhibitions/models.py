"""Venues, exhibitions and their checklists, invitations to exhibit, and opening nights with
their guests, the messages sent to them and the door's check-ins."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernissage.core.fuzzy_dates import FuzzyDate, fuzzy
from vernissage.core.models import AliveManager, BaseModel, SoftDeleteModel
from vernissage.core.slugs import slug_url
from vernissage.exhibitions.querysets import ExhibitionQuerySet, GuestQuerySet
from vernissage.people.models import Organization, Person, Place
from vernissage.works.models import Artwork


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(zone)s” is not a time zone; write it as Europe/Paris or America/New_York."),
            params={"zone": value},
        )


def validate_currency(value: str) -> None:
    if value and (len(value) != 3 or not value.isalpha() or not value.isupper()):
        raise ValidationError(
            _("Write the currency as its three-letter ISO 4217 code, such as EUR or USD.")
        )


class Venue(BaseModel):
    """Where exhibitions are shown: an organization (a gallery, a museum, a fair) with its
    address, its city and its time zone, in which its openings are always shown."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="venue", verbose_name=_("organization")
    )
    address = models.TextField(_("address"), blank=True)
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
        verbose_name=_("city"),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("How many people the rooms hold.")
    )

    class Meta:
        ordering = ("organization__name",)
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Exhibition(SoftDeleteModel):
    class Kind(models.TextChoices):
        SOLO = "solo", _("solo exhibition")
        GROUP = "group", _("group exhibition")
        ART_FAIR = "art_fair", _("art fair")
        ONLINE = "online", _("online viewing room")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.GROUP)
    organizer = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organized_exhibitions",
        verbose_name=_("organizer"),
    )
    curators = models.ManyToManyField(
        Person, blank=True, related_name="curated_exhibitions", verbose_name=_("curators")
    )
    #: Artists added by hand; the others follow from the checklist's makers.
    artists = models.ManyToManyField(
        Person,
        blank=True,
        related_name="exhibitions_joined",
        verbose_name=_("artists added by hand"),
        help_text=_("The makers of the works on the checklist are shown without being added."),
    )
    start_date = models.CharField(_("opens"), max_length=100, blank=True)
    start_date_earliest = models.DateField(null=True, blank=True, editable=False)
    start_date_latest = models.DateField(null=True, blank=True, editable=False)
    end_date = models.CharField(_("closes"), max_length=100, blank=True)
    end_date_earliest = models.DateField(null=True, blank=True, editable=False)
    end_date_latest = models.DateField(null=True, blank=True, editable=False)
    public_text = models.TextField(_("public text"), blank=True)
    press_release = models.TextField(_("press release"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where the facts come from."))
    is_public = models.BooleanField(_("public"), default=False)
    notes = models.TextField(_("private notes"), blank=True)

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("start_date", "end_date")
    private_fields: ClassVar[tuple[str, ...]] = ("notes",)

    objects = AliveManager.from_queryset(ExhibitionQuerySet)()
    all_objects = ExhibitionQuerySet.as_manager()

    class Meta:
        ordering = ("-start_date_earliest", "title")
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return slug_url("site:exhibition-detail", self.slug)

    @property
    def starts(self) -> FuzzyDate:
        return fuzzy(self, "start_date")

    @property
    def ends(self) -> FuzzyDate:
        return fuzzy(self, "end_date")


class ExhibitionVenue(BaseModel):
    """One stop of a show at one venue, with its own dates: a touring show has several."""

    audit_parent = "exhibition"

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="stops")
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="stops", verbose_name=_("venue")
    )
    start_date = models.CharField(_("opens"), max_length=100, blank=True)
    start_date_earliest = models.DateField(null=True, blank=True, editable=False)
    start_date_latest = models.DateField(null=True, blank=True, editable=False)
    end_date = models.CharField(_("closes"), max_length=100, blank=True)
    end_date_earliest = models.DateField(null=True, blank=True, editable=False)
    end_date_latest = models.DateField(null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("start_date", "end_date")

    class Meta:
        ordering = ("exhibition_id", "position", "start_date_earliest", "id")
        verbose_name = _("venue of the exhibition")
        verbose_name_plural = _("venues of the exhibition")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "venue", "start_date"], name="exhibitionvenue_unique_stop"
            )
        ]

    def __str__(self) -> str:
        return f"{self.exhibition} — {self.venue}"


class ChecklistItem(BaseModel):
    """A work shown, in its place on the checklist, with its lender, its status at the show
    and (private, ``view_prices``) its price there."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        CONFIRMED = "confirmed", _("confirmed")
        ON_VIEW = "on_view", _("on view")
        SOLD = "sold", _("sold at the show")
        RETURNED = "returned", _("returned")
        WITHDRAWN = "withdrawn", _("withdrawn")

    audit_parent = "exhibition"

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="checklist")
    artwork = models.ForeignKey(
        Artwork, on_delete=models.PROTECT, related_name="exhibited", verbose_name=_("work")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    section = models.CharField(_("section"), max_length=200, blank=True)
    catalogue_number = models.CharField(_("catalogue number"), max_length=30, blank=True)
    lender_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loans",
        verbose_name=_("lent by (person)"),
    )
    lender_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loans",
        verbose_name=_("lent by (organization)"),
    )
    lender_credit = models.CharField(
        _("lender's credit line"),
        max_length=300,
        blank=True,
        help_text=_("As printed, e.g. “Private collection, Paris”."),
    )
    status = models.CharField(
        _("status at the show"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    price = models.DecimalField(
        _("price at the show"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency]
    )

    #: Read only by viewers with ``view_prices``.
    price_fields: ClassVar[tuple[str, ...]] = ("price", "currency")
    private_fields: ClassVar[tuple[str, ...]] = ("lender_person", "lender_organization")

    class Meta:
        ordering = ("exhibition_id", "position", "id")
        verbose_name = _("checklist entry")
        verbose_name_plural = _("checklist")
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "artwork"], name="checklistitem_one_entry_per_work"
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | ~Q(currency=""),
                name="checklistitem_price_has_currency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exhibition}: {self.artwork}"


class Invitation(BaseModel):
    """An invitation to exhibit, from a person or an organization to an artist, for an
    exhibition or as an open proposal. Its state changes only through one service per
    transition, each writing an :class:`InvitationEvent`."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")
        EXPIRED = "expired", _("expired")

    artist = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="invitations_received",
        verbose_name=_("artist"),
    )
    from_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
        verbose_name=_("from (person)"),
    )
    from_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
        verbose_name=_("from (organization)"),
    )
    exhibition = models.ForeignKey(
        Exhibition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("exhibition"),
        help_text=_("Empty for an open proposal."),
    )
    proposal = models.CharField(
        _("proposal"),
        max_length=300,
        blank=True,
        help_text=_("What is proposed, when there is no exhibition yet."),
    )
    email = models.EmailField(_("artist's e-mail"), blank=True)
    message = models.TextField(_("message"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    deadline = models.DateTimeField(_("answer by"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, editable=False
    )
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: SHA-256 of the token in the answer link; the token itself is only ever in the e-mail.
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    source = models.TextField(_("source"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the artist's public page once accepted.")
    )

    class Meta:
        ordering = ("-created_at",)
        verbose_name = _("invitation to exhibit")
        verbose_name_plural = _("invitations to exhibit")
        constraints = [
            models.CheckConstraint(
                condition=Q(from_person__isnull=True) | Q(from_organization__isnull=True),
                name="invitation_from_one_inviter",
            )
        ]

    def __str__(self) -> str:
        what = self.exhibition.title if self.exhibition else self.proposal
        return f"{self.artist} — {what}" if what else str(self.artist)

    @property
    def inviter(self) -> Person | Organization | None:
        return self.from_person or self.from_organization


class InvitationEvent(models.Model):
    """One change of an invitation's state: the history the transitions write."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    from_state = models.CharField(max_length=10, choices=Invitation.State.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=Invitation.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("invitation_id", "at", "id")

    def __str__(self) -> str:
        return f"{self.invitation}: {self.from_state or '—'} → {self.to_state}"


class Opening(BaseModel):
    """An opening night: when and where, in the venue's time zone, and how many may come."""

    audit_parent = "exhibition"

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="openings")
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="openings", verbose_name=_("venue")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: as many as answer.")
    )
    rsvp_deadline = models.DateTimeField(_("answer by"), null=True, blank=True)
    reminders_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ("starts_at", "id")
        verbose_name = _("opening")
        verbose_name_plural = _("openings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="opening_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title or str(self.exhibition)

    @property
    def local_start(self) -> dt.datetime:
        """The start in the venue's time zone: how it is always shown."""
        return timezone.localtime(self.starts_at, self.venue.zone)

    @property
    def local_end(self) -> dt.datetime:
        return timezone.localtime(self.ends_at, self.venue.zone)


class Guest(BaseModel):
    """Someone on an opening's guest list: their answer, their party, their place on the
    waiting list, and whether they came."""

    class Response(models.TextChoices):
        PENDING = "pending", _("no answer yet")
        ATTENDING = "attending", _("attending")
        NOT_ATTENDING = "not_attending", _("not attending")
        MAYBE = "maybe", _("maybe")

    audit_parent = "opening"

    opening = models.ForeignKey(Opening, on_delete=models.CASCADE, related_name="guests")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guest_entries",
        verbose_name=_("person"),
    )
    contact = models.ForeignKey(
        "market.Contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guest_entries",
        verbose_name=_("contact"),
    )
    name = models.CharField(_("name"), max_length=300)
    #: Folded name, for the door's search in any script.
    search_name = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True, default="en")
    party_allowed = models.PositiveSmallIntegerField(
        _("party size allowed"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("The guest and the people they may bring."),
    )
    response = models.CharField(
        _("answer"), max_length=15, choices=Response.choices, default=Response.PENDING
    )
    party_size = models.PositiveSmallIntegerField(_("coming"), default=0)
    access_needs = models.TextField(_("access needs"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: On the waiting list since then (capacity was full when they said yes); null otherwise.
    waitlisted_at = models.DateTimeField(null=True, blank=True, editable=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    #: SHA-256 of the RSVP token; the token itself is only ever in the e-mail and the QR code.
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    token_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_in_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_in_party = models.PositiveSmallIntegerField(default=0, editable=False)
    note = models.TextField(_("private note"), blank=True)

    private_fields: ClassVar[tuple[str, ...]] = ("email", "access_needs", "note")

    objects = GuestQuerySet.as_manager()

    class Meta:
        ordering = ("opening_id", "search_name", "id")
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        constraints = [
            models.UniqueConstraint(
                fields=["opening", "email"],
                condition=~Q(email=""),
                name="guest_one_entry_per_address",
            ),
            models.CheckConstraint(
                condition=Q(party_size__lte=models.F("party_allowed")),
                name="guest_party_within_allowed",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GuestMessage(BaseModel):
    """One e-mail to a guest or an invited artist: queued, then sent, failed (and retried) or
    bounced. Nothing sent is lost: every attempt and error is here for staff to see."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        REMINDER = "reminder", _("reminder")
        PROMOTED = "promoted", _("place freed from the waiting list")
        CONFIRMATION = "confirmation", _("confirmation")
        INVITATION_TO_EXHIBIT = "exhibit", _("invitation to exhibit")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, will retry")
        GAVE_UP = "gave_up", _("failed")
        BOUNCED = "bounced", _("bounced")

    guest = models.ForeignKey(
        Guest, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    invitation = models.ForeignKey(
        Invitation, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        constraints = [
            models.CheckConstraint(
                condition=Q(guest__isnull=False) | Q(invitation__isnull=False),
                name="guestmessage_has_recipient_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to} ({self.get_status_display()})"


class CheckIn(models.Model):
    """One scan or tap at the door. ``client_id`` is made by the door page when the tap
    happens, so a check-in queued offline and sent twice is recorded once; a second check-in
    of the same guest is kept and flagged, never counted twice."""

    guest = models.ForeignKey(Guest, on_delete=models.CASCADE, related_name="checkins")
    at = models.DateTimeField(default=timezone.now)
    received_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    party = models.PositiveSmallIntegerField(default=1)
    client_id = models.UUIDField(unique=True)
    duplicate = models.BooleanField(default=False)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.guest} at {self.at:%H:%M}"
