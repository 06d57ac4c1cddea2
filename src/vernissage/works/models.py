"""Artworks, who made them, their series, titles, inscriptions and edition items."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vernissage.core.fuzzy_dates import FuzzyDate, fuzzy
from vernissage.core.models import AliveManager, BaseModel, SoftDeleteModel
from vernissage.core.querysets import PublicQuerySet
from vernissage.core.slugs import slug_url
from vernissage.core.validators import LANGUAGE_VALIDATOR
from vernissage.people.models import Person
from vernissage.works.classification import AAT, Classification, aat_url
from vernissage.works.dimensions import Dimensions, Unit, parse_dimensions
from vernissage.works.querysets import ArtworkQuerySet, CreationQuerySet


def size_field() -> models.DecimalField[Decimal | None, Decimal | None]:
    """A measurement in the unit it was given in, read from the typed dimensions."""
    return models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, editable=False
    )


class Term(BaseModel):
    """A word of the shared vocabulary: a medium or a theme, linked to Getty AAT where known."""

    class Kind(models.TextChoices):
        MEDIUM = "medium", _("medium")
        THEME = "theme", _("theme")

    label = models.CharField(_("label"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    aat_id = models.CharField(
        _("Getty AAT id"), max_length=20, blank=True, help_text=_("For example aat:300033618.")
    )

    class Meta:
        ordering = ("kind", "label")
        constraints = [
            models.UniqueConstraint(fields=["kind", "label"], name="term_unique_label_per_kind")
        ]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return self.label


class Series(BaseModel):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    artist = models.ForeignKey(
        Person,
        verbose_name=_("artist"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="series",
    )
    description = models.TextField(_("description"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ("title",)
        verbose_name_plural = _("series")
        verbose_name = _("series")

    def __str__(self) -> str:
        return self.title


class Artwork(SoftDeleteModel):
    class Status(models.TextChoices):
        AVAILABLE = "available", _("available")
        RESERVED = "reserved", _("reserved")
        SOLD = "sold", _("sold")
        ON_LOAN = "on_loan", _("on loan")
        ON_CONSIGNMENT = "on_consignment", _("on consignment")
        NOT_FOR_SALE = "not_for_sale", _("not for sale")
        DESTROYED = "destroyed", _("destroyed")
        LOST = "lost", _("lost")

    Classification = Classification

    inventory_number = models.CharField(
        _("inventory number"),
        max_length=50,
        unique=True,
        blank=True,
        help_text=_("Left empty, one is made from the house pattern."),
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    date = models.CharField(
        _("date"),
        max_length=100,
        blank=True,
        help_text=_("As written: “1998”, “c. 1998”, “2001–2003”."),
    )
    date_earliest = models.DateField(null=True, blank=True, editable=False, db_index=True)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices
    )
    medium = models.CharField(
        _("medium"),
        max_length=300,
        blank=True,
        help_text=_("Medium and support, e.g. “Oil on canvas”."),
    )
    support = models.CharField(_("support"), max_length=200, blank=True)
    dimensions = models.CharField(
        _("dimensions"),
        max_length=200,
        blank=True,
        help_text=_("Height × width (× depth), e.g. “60 x 80 cm”."),
    )
    height = size_field()
    width = size_field()
    depth = size_field()
    unit = models.CharField(max_length=2, blank=True, editable=False)
    framed_dimensions = models.CharField(_("framed dimensions"), max_length=200, blank=True)
    framed_height = size_field()
    framed_width = size_field()
    framed_depth = size_field()
    framed_unit = models.CharField(max_length=2, blank=True, editable=False)
    edition_size = models.PositiveIntegerField(
        _("edition size"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    artist_proofs = models.PositiveIntegerField(_("artist proofs"), default=0)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(
        Term,
        verbose_name=_("themes"),
        blank=True,
        related_name="artworks",
        limit_choices_to={"kind": Term.Kind.THEME},
    )
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="artworks",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AVAILABLE
    )
    credit_line = models.CharField(_("credit line"), max_length=300, blank=True)
    copyright = models.CharField(_("copyright"), max_length=300, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site.")
    )
    notes = models.TextField(_("private notes"), blank=True)
    makers = models.ManyToManyField(
        Person, verbose_name=_("makers"), through="Creation", related_name="artworks"
    )
    search_text = models.TextField(blank=True, editable=False)

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("date",)
    private_fields: ClassVar[tuple[str, ...]] = ("notes",)

    objects = AliveManager.from_queryset(ArtworkQuerySet)()
    all_objects = ArtworkQuerySet.as_manager()

    class Meta:
        ordering = ("-date_earliest", "title", "id")
        indexes = [
            # Matches the default ordering, so a list page reads its rows in index order
            # (and counts from the index) instead of sorting the catalogue.
            models.Index(
                fields=["deleted_at", "-date_earliest", "title", "id", "is_public"],
                name="artwork_alive_order_idx",
            ),
            models.Index(fields=["classification", "deleted_at"], name="artwork_kind_idx"),
        ]
        verbose_name = _("artwork")
        verbose_name_plural = _("artworks")

    def __str__(self) -> str:
        return f"{self.title} ({self.inventory_number})" if self.inventory_number else self.title

    def get_absolute_url(self) -> str:
        return slug_url("site:artwork-detail", self.slug)

    def get_history_url(self) -> str:
        return reverse("site:artwork-history", kwargs={"slug": self.slug})

    @property
    def when(self) -> FuzzyDate:
        return fuzzy(self, "date")

    @property
    def aat_type(self) -> tuple[str, str] | None:
        """The Getty AAT concept of the classification, as (id, label), where one is known."""
        return AAT.get(self.classification)

    @property
    def aat_type_url(self) -> str:
        concept = self.aat_type
        return aat_url(concept[0]) if concept else ""

    @property
    def unframed(self) -> Dimensions:
        return _dimensions(self.dimensions, self.height, self.width, self.depth, self.unit)

    @property
    def framed(self) -> Dimensions:
        return _dimensions(
            self.framed_dimensions,
            self.framed_height,
            self.framed_width,
            self.framed_depth,
            self.framed_unit,
        )

    @property
    def display_dimensions(self) -> str:
        return self.unframed.label

    @property
    def display_framed_dimensions(self) -> str:
        return self.framed.label

    @property
    def edition_label(self) -> str:
        if not self.edition_size:
            return ""
        if self.artist_proofs:
            return gettext("Edition of %(size)d + %(proofs)d AP") % {
                "size": self.edition_size,
                "proofs": self.artist_proofs,
            }
        return gettext("Edition of %(size)d") % {"size": self.edition_size}


def _dimensions(
    text: str,
    height: Decimal | None,
    width: Decimal | None,
    depth: Decimal | None,
    unit: str,
) -> Dimensions:
    if not unit:
        return parse_dimensions(text) if text else Dimensions(text, None, None, None, None)
    return Dimensions(text, height, width, depth, Unit(unit))


class Creation(BaseModel):
    """Who made a work and in what role; the order is the order of the credit."""

    audit_parent = "artwork"

    class Role(models.TextChoices):
        ARTIST = "artist", _("artist")
        CO_ARTIST = "co_artist", _("co-artist")
        ATTRIBUTED_TO = "attributed_to", _("attributed to")
        WORKSHOP_OF = "workshop_of", _("workshop of")
        PRINTER = "printer", _("printer")
        WEAVER = "weaver", _("weaver")

    artwork = models.ForeignKey(
        Artwork, verbose_name=_("artwork"), on_delete=models.CASCADE, related_name="creations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="creations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ARTIST)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = CreationQuerySet.as_manager()

    class Meta:
        ordering = ("artwork_id", "position", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["artwork", "person", "role"], name="creation_unique_role_per_person"
            )
        ]
        verbose_name = _("creation")
        verbose_name_plural = _("creations")

    def __str__(self) -> str:
        if self.role in {self.Role.ARTIST, self.Role.CO_ARTIST}:
            return str(self.person)
        return f"{self.get_role_display()} {self.person}"


class ArtworkTitle(BaseModel):
    audit_parent = "artwork"

    class Kind(models.TextChoices):
        TRANSLATED = "translated", _("translated title")
        ALTERNATE = "alternate", _("alternate title")
        FORMER = "former", _("former title")

    artwork = models.ForeignKey(
        Artwork, verbose_name=_("artwork"), on_delete=models.CASCADE, related_name="titles"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TRANSLATED)
    language = models.CharField(
        _("language"), max_length=20, blank=True, validators=[LANGUAGE_VALIDATOR]
    )

    class Meta:
        ordering = ("artwork_id", "kind", "title")
        verbose_name = _("artwork title")
        verbose_name_plural = _("artwork titles")

    def __str__(self) -> str:
        return self.title


class Inscription(BaseModel):
    audit_parent = "artwork"

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("signature")
        DATE = "date", _("date")
        INSCRIPTION = "inscription", _("inscription")
        STAMP = "stamp", _("stamp")
        LABEL = "label", _("label")

    artwork = models.ForeignKey(
        Artwork, verbose_name=_("artwork"), on_delete=models.CASCADE, related_name="inscriptions"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.INSCRIPTION
    )
    text = models.TextField(_("text"))
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("e.g. “lower right”, “verso”.")
    )

    class Meta:
        ordering = ("artwork_id", "id")
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")

    def __str__(self) -> str:
        return self.text


class EditionItem(BaseModel):
    """One numbered print of an edition, or one artist's proof, with its own status."""

    audit_parent = "artwork"

    class Kind(models.TextChoices):
        NUMBERED = "numbered", _("numbered")
        ARTIST_PROOF = "ap", _("artist's proof")
        PRINTER_PROOF = "pp", _("printer's proof")
        HORS_COMMERCE = "hc", _("hors commerce")

    PREFIX: ClassVar[dict[str, str]] = {"ap": "AP", "pp": "PP", "hc": "HC"}

    artwork = models.ForeignKey(
        Artwork, verbose_name=_("artwork"), on_delete=models.CASCADE, related_name="edition_items"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMBERED)
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    status = models.CharField(
        _("status"), max_length=20, choices=Artwork.Status.choices, default=Artwork.Status.AVAILABLE
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ("artwork_id", "kind", "number")
        constraints = [
            models.UniqueConstraint(
                fields=["artwork", "kind", "number"], name="editionitem_unique_number"
            )
        ]
        verbose_name = _("edition item")
        verbose_name_plural = _("edition items")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        total = self.artwork.edition_size if self.kind == "numbered" else self.artwork.artist_proofs
        prefix = self.PREFIX.get(self.kind, "")
        number = f"{self.number}/{total}" if total else str(self.number)
        return f"{prefix} {number}".strip()
