"""The press: reviews and articles about artists, works and exhibitions, their quotes, and
critics' requests to artists.

A publication is an organization of the people area (a newspaper, a magazine, an online
journal, a radio, a book publisher). A review keeps its critics in order through
:class:`ReviewAuthor`, whose person may be erased later: the line stays and reads
"a critic". Who sees what is decided in :mod:`vernissage.press.querysets`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vernissage.core.fuzzy_dates import FuzzyDate, fuzzy
from vernissage.core.models import BaseModel
from vernissage.core.validators import LANGUAGE_VALIDATOR
from vernissage.people.models import Organization, Person
from vernissage.press.querysets import PressRequestQuerySet, QuoteQuerySet, ReviewQuerySet

#: Only web addresses a browser opens: no ftp, no javascript:, no file:.
HTTP_URL_VALIDATOR = URLValidator(
    schemes=["http", "https"], message=_("Give a web address starting with http:// or https://.")
)


class HttpURLField(models.URLField):  # type: ignore[type-arg]
    """A URL field whose only check is :data:`HTTP_URL_VALIDATOR` (given as its validator, so
    migrations see a plain URLField): one clear message, not two."""

    default_validators = []  # noqa: RUF012

    def deconstruct(self) -> tuple[str, str, list[object], dict[str, object]]:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", list(args), dict(kwargs)

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"assume_scheme": "https", **kwargs})


#: The kinds of organization a review may appear in.
PUBLICATION_KINDS = ("publication", "newspaper", "magazine", "online", "radio", "publisher")


class Review(BaseModel):
    """A review, article, interview, essay, book or mention: a record, not an attachment."""

    class Kind(models.TextChoices):
        REVIEW = "review", _("review")
        FEATURE = "feature", _("feature")
        INTERVIEW = "interview", _("interview")
        CATALOGUE_ESSAY = "catalogue_essay", _("catalogue essay")
        BOOK = "book", _("book")
        MENTION = "mention", _("mention")

    class Stance(models.TextChoices):
        """Recorded by a person who read it, never guessed; blank when nobody said."""

        NOT_GIVEN = "", _("not given")
        PRAISE = "praise", _("praise")
        MIXED = "mixed", _("mixed")
        CRITICAL = "critical", _("critical")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REVIEW)
    title = models.CharField(_("title"), max_length=500)
    publication = models.ForeignKey(
        Organization,
        verbose_name=_("publication"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
        limit_choices_to={"kind__in": PUBLICATION_KINDS},
    )
    date = models.CharField(
        _("date"),
        max_length=100,
        blank=True,
        help_text=_("As written: “12 March 2011”, “spring 2011”, “2011”."),
    )
    date_earliest = models.DateField(null=True, blank=True, editable=False)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    url = HttpURLField(
        _("web address"), max_length=500, blank=True, validators=[HTTP_URL_VALIDATOR]
    )
    language = models.CharField(
        _("language"), max_length=20, blank=True, validators=[LANGUAGE_VALIDATOR]
    )
    pages = models.CharField(_("pages"), max_length=50, blank=True, help_text=_("e.g. 12–14"))
    stance = models.CharField(
        _("stance"),
        max_length=10,
        choices=Stance.choices,
        blank=True,
        default=Stance.NOT_GIVEN,
        help_text=_("What the text says, as a person who read it records it."),
    )
    private_text = models.TextField(
        _("private copy of the text"), blank=True, help_text=_("For staff; never published.")
    )
    private_file = models.FileField(
        _("private copy (file)"), upload_to="press/copies/%Y/", blank=True
    )
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the public site.")
    )
    notes = models.TextField(_("private notes"), blank=True)
    authors = models.ManyToManyField(
        Person,
        verbose_name=_("authors"),
        through="ReviewAuthor",
        related_name="reviews_written",
        blank=True,
    )
    people = models.ManyToManyField(
        Person, verbose_name=_("about people"), blank=True, related_name="reviews"
    )
    works = models.ManyToManyField(
        "works.Artwork", verbose_name=_("about works"), blank=True, related_name="reviews"
    )
    exhibitions = models.ManyToManyField(
        "exhibitions.Exhibition",
        verbose_name=_("about exhibitions"),
        blank=True,
        related_name="reviews",
    )

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("date",)
    private_fields: ClassVar[tuple[str, ...]] = ("notes", "private_text", "private_file")

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ("-date_latest", "-created_at")
        indexes = [models.Index(fields=["date_latest", "created_at"], name="review_date_idx")]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> FuzzyDate:
        return fuzzy(self, "date")


class ReviewAuthor(BaseModel):
    """One author of a review, in order. The person may be erased later: the line stays,
    credited to "a critic"."""

    audit_parent = "review"

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="author_lines"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_lines",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ("review_id", "order", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "person"], name="reviewauthor_person_once_per_review"
            )
        ]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return str(self.person) if self.person_id is not None else gettext("a critic")


class Quote(BaseModel):
    """A sentence that matters, with its page; public pages show it only when the rights
    say so (``may_publish``)."""

    audit_parent = "review"

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="quotes"
    )
    text = models.TextField(_("text"))
    page = models.CharField(_("page"), max_length=20, blank=True)
    may_publish = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("The rights allow showing this quote on public pages."),
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ("review_id", "created_at", "id")
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self) -> str:
        return self.text[:80]


class PressRequest(BaseModel):
    """A critic or journalist asking an artist for an interview, a studio visit, images;
    each is written in the contact log too (:attr:`interaction`)."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("interview")
        STUDIO_VISIT = "studio_visit", _("studio visit")
        IMAGES = "images", _("images")
        OTHER = "other", _("other")

    class Answer(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    critic = models.ForeignKey(
        Person,
        verbose_name=_("critic or journalist"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="press_requests_made",
    )
    artist = models.ForeignKey(
        Person,
        verbose_name=_("artist"),
        on_delete=models.CASCADE,
        related_name="press_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    publication = models.ForeignKey(
        Organization,
        verbose_name=_("publication"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_requests",
        limit_choices_to={"kind__in": PUBLICATION_KINDS},
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where this is known from: a text, a letter.")
    )
    interaction = models.OneToOneField(
        "market.Interaction",
        verbose_name=_("entry in the contact log"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_request",
        editable=False,
    )

    objects = PressRequestQuerySet.as_manager()

    class Meta:
        ordering = ("-date", "-id")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(critic=models.F("artist")),
                name="pressrequest_not_to_self",
            ),
        ]
        verbose_name = _("press request")
        verbose_name_plural = _("press requests")

    def __str__(self) -> str:
        critic = str(self.critic) if self.critic_id is not None else gettext("a critic")
        return gettext("%(critic)s asks %(artist)s: %(kind)s") % {
            "critic": critic,
            "artist": self.artist,
            "kind": self.get_kind_display(),
        }
