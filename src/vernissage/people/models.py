"""People, organizations and places, and the ties between them."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vernissage.core.fuzzy_dates import FuzzyDate, fuzzy
from vernissage.core.models import AliveManager, BaseModel, SoftDeleteModel
from vernissage.core.querysets import PublicQuerySet
from vernissage.core.slugs import slug_url
from vernissage.core.validators import COUNTRY_VALIDATOR, LANGUAGE_VALIDATOR, SCRIPT_VALIDATOR
from vernissage.people.querysets import (
    LifeEventQuerySet,
    PersonQuerySet,
    PlaceQuerySet,
    RelationshipQuerySet,
)


class Place(BaseModel):
    class Kind(models.TextChoices):
        CITY = "city", _("city")
        LANDMARK = "landmark", _("landmark")
        REGION = "region", _("region")
        COUNTRY = "country", _("country")
        ADDRESS = "address", _("address")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CITY)
    country = models.CharField(
        _("country"), max_length=2, blank=True, validators=[COUNTRY_VALIDATOR]
    )
    within = models.ForeignKey(
        "self",
        verbose_name=_("within"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contains",
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    search_names = models.TextField(blank=True, editable=False)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return f"{self.name}, {self.country}" if self.country and self.kind == "city" else self.name


class PlaceName(BaseModel):
    place = models.ForeignKey(
        Place, verbose_name=_("place"), on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(
        _("language"), max_length=20, blank=True, validators=[LANGUAGE_VALIDATOR]
    )
    script = models.CharField(_("script"), max_length=4, blank=True, validators=[SCRIPT_VALIDATOR])

    class Meta:
        ordering = ("place_id", "name")
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="placename_unique_per_place")
        ]
        verbose_name = _("place name")
        verbose_name_plural = _("place names")

    def __str__(self) -> str:
        return self.name


class Role(models.Model):
    """What a person does in the art world; a person may hold several."""

    class Code(models.TextChoices):
        ARTIST = "artist", _("artist")
        PHOTOGRAPHER = "photographer", _("photographer")
        COLLECTOR = "collector", _("collector")
        CRITIC = "critic", _("critic")
        CURATOR = "curator", _("curator")
        DEALER = "dealer", _("dealer")
        GALLERIST = "gallerist", _("gallerist")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)

    class Meta:
        ordering = ("code",)
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        return self.get_code_display()


class Person(SoftDeleteModel):
    display_name = models.CharField(_("display name"), max_length=200)
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_("Family name first, e.g. “Kalmurzaev, Jacques”."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="people")
    birth_date = models.CharField(
        _("birth date"),
        max_length=100,
        blank=True,
        help_text=_("As written: “1968”, “c. 1970”, “1960s”."),
    )
    birth_date_earliest = models.DateField(null=True, blank=True, editable=False)
    birth_date_latest = models.DateField(null=True, blank=True, editable=False)
    birth_place = models.ForeignKey(
        Place,
        verbose_name=_("birth place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="births",
    )
    death_date = models.CharField(_("death date"), max_length=100, blank=True)
    death_date_earliest = models.DateField(null=True, blank=True, editable=False)
    death_date_latest = models.DateField(null=True, blank=True, editable=False)
    death_place = models.ForeignKey(
        Place,
        verbose_name=_("death place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deaths",
    )
    nationality = models.CharField(_("nationality"), max_length=100, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    # The vocabulary is the works area's (works.Term); named by string, as works needs people.
    media = models.ManyToManyField(
        "works.Term",
        verbose_name=_("media"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "medium"},
    )
    themes = models.ManyToManyField(
        "works.Term",
        verbose_name=_("themes"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "theme"},
    )
    ulan_id = models.CharField(
        _("ULAN id"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^5\d{8}$", _("A ULAN id has nine digits and starts with 5."))],
    )
    wikidata_id = models.CharField(
        _("Wikidata id"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata id looks like Q12345."))],
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public site.")
    )
    notes = models.TextField(_("private notes"), blank=True)
    search_names = models.TextField(blank=True, editable=False)

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("birth_date", "death_date")
    private_fields: ClassVar[tuple[str, ...]] = ("notes",)

    objects = AliveManager.from_queryset(PersonQuerySet)()
    all_objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ("sort_name", "display_name")
        verbose_name_plural = _("people")
        verbose_name = _("person")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return slug_url("site:person-detail", self.slug)

    def get_history_url(self) -> str:
        return reverse("site:person-history", kwargs={"slug": self.slug})

    @property
    def birth(self) -> FuzzyDate:
        return fuzzy(self, "birth_date")

    @property
    def death(self) -> FuzzyDate:
        return fuzzy(self, "death_date")

    @property
    def ulan_url(self) -> str:
        return f"http://vocab.getty.edu/page/ulan/{self.ulan_id}" if self.ulan_id else ""

    @property
    def wikidata_url(self) -> str:
        return f"https://www.wikidata.org/wiki/{self.wikidata_id}" if self.wikidata_id else ""


class PersonName(BaseModel):
    """Another name of a person: another script, a transliteration, a former name."""

    audit_parent = "person"

    class Kind(models.TextChoices):
        VARIANT = "variant", _("variant")
        TRANSLITERATION = "transliteration", _("transliteration")
        BIRTH = "birth", _("birth name")
        PSEUDONYM = "pseudonym", _("pseudonym")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="names"
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VARIANT)
    language = models.CharField(
        _("language"), max_length=20, blank=True, validators=[LANGUAGE_VALIDATOR]
    )
    script = models.CharField(_("script"), max_length=4, blank=True, validators=[SCRIPT_VALIDATOR])

    class Meta:
        ordering = ("person_id", "name")
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="personname_unique_per_person")
        ]
        verbose_name = _("person name")
        verbose_name_plural = _("person names")

    def __str__(self) -> str:
        return self.name


class Organization(BaseModel):
    class Kind(models.TextChoices):
        GALLERY = "gallery", _("gallery")
        MUSEUM = "museum", _("museum")
        SCHOOL = "school", _("school")
        PUBLICATION = "publication", _("publication")
        FOUNDATION = "foundation", _("foundation")
        AUCTION_HOUSE = "auction_house", _("auction house")
        NEWSPAPER = "newspaper", _("newspaper")
        MAGAZINE = "magazine", _("magazine")
        ONLINE = "online", _("online publication")
        RADIO = "radio", _("radio")
        PUBLISHER = "publisher", _("publisher")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organizations",
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    notes = models.TextField(_("private notes"), blank=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class Relationship(BaseModel):
    """A dated tie from a person to another person or to an organization, with its source."""

    audit_parent = "person"

    class Kind(models.TextChoices):
        PARTNER = "partner", _("partner of")
        SPOUSE = "spouse", _("spouse of")
        COLLABORATOR = "collaborator", _("collaborator of")
        PARENT = "parent", _("parent of")
        SIBLING = "sibling", _("sibling of")
        TEACHER = "teacher", _("teacher of")
        PATRON = "patron", _("patron of")
        SUPPORTER = "supporter", _("supporter of")
        FRIEND = "friend", _("friend of")
        REPRESENTED_BY = "represented_by", _("represented by")
        STUDIED_AT = "studied_at", _("studied at")
        MEMBER_OF = "member_of", _("member of")

    #: Kinds that read the same from both ends.
    SYMMETRIC: ClassVar[frozenset[str]] = frozenset(
        {"partner", "spouse", "collaborator", "sibling", "friend"}
    )
    #: How a directed tie reads from its other end.
    INVERSE_LABELS: ClassVar[dict[str, Promise]] = {
        "parent": _("child of"),
        "teacher": _("student of"),
        "patron": _("supported as patron by"),
        "supporter": _("supported by"),
    }
    ORGANIZATION_KINDS: ClassVar[frozenset[str]] = frozenset(
        {"represented_by", "studied_at", "member_of"}
    )

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="relationships"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    other_person = models.ForeignKey(
        Person,
        verbose_name=_("other person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inverse_relationships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationships",
    )
    start_date = models.CharField(_("from"), max_length=100, blank=True)
    start_date_earliest = models.DateField(null=True, blank=True, editable=False)
    start_date_latest = models.DateField(null=True, blank=True, editable=False)
    end_date = models.CharField(_("until"), max_length=100, blank=True)
    end_date_earliest = models.DateField(null=True, blank=True, editable=False)
    end_date_latest = models.DateField(null=True, blank=True, editable=False)
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where this is known from: a text, a letter.")
    )
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("start_date", "end_date")

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ("person_id", "kind", "start_date_earliest")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(other_person__isnull=False, organization__isnull=True)
                    | models.Q(other_person__isnull=True, organization__isnull=False)
                ),
                name="relationship_one_target",
            ),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other_person")),
                name="relationship_not_to_self",
            ),
        ]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")

    def __str__(self) -> str:
        return f"{self.person} {self.get_kind_display()} {self.target}"

    @property
    def target(self) -> Person | Organization | None:
        return self.other_person or self.organization

    def clean(self) -> None:
        if (self.other_person_id is None) == (self.organization_id is None):
            raise ValidationError(
                gettext("A relationship links a person to one other person or one organization.")
            )
        if self.other_person_id is not None and self.other_person_id == self.person_id:
            raise ValidationError(gettext("A person cannot be related to themselves."))
        if self.kind in self.ORGANIZATION_KINDS and self.organization_id is None:
            raise ValidationError(
                {
                    "organization": gettext("“%(kind)s” links a person to an organization.")
                    % {"kind": self.get_kind_display()}
                }
            )
        if self.kind not in self.ORGANIZATION_KINDS and self.other_person_id is None:
            raise ValidationError(
                {
                    "other_person": gettext("“%(kind)s” links two people.")
                    % {"kind": self.get_kind_display()}
                }
            )

    def label_from(self, person: Person) -> str:
        """How the tie reads from ``person``'s side: “partner of”, “child of”."""
        if person.pk == self.person_id or self.kind in self.SYMMETRIC:
            return str(self.get_kind_display())
        inverse = self.INVERSE_LABELS.get(self.kind)
        return str(inverse if inverse is not None else self.get_kind_display())

    @property
    def start(self) -> FuzzyDate:
        return fuzzy(self, "start_date")

    @property
    def end(self) -> FuzzyDate:
        return fuzzy(self, "end_date")


class LifeEvent(BaseModel):
    audit_parent = "person"

    class Kind(models.TextChoices):
        BORN = "born", _("born")
        DIED = "died", _("died")
        STUDIED = "studied", _("studied")
        MOVED = "moved", _("moved")
        TRAVEL = "travel", _("travelled")
        RESIDENCY = "residency", _("residency")
        AWARD = "award", _("award")
        OTHER = "other", _("other")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.CharField(_("date"), max_length=100, blank=True)
    date_earliest = models.DateField(null=True, blank=True, editable=False)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    fuzzy_date_fields: ClassVar[tuple[str, ...]] = ("date",)

    objects = LifeEventQuerySet.as_manager()

    class Meta:
        ordering = ("person_id", "date_earliest", "id")
        verbose_name = _("life event")
        verbose_name_plural = _("life events")

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()} {self.date}".strip()

    @property
    def when(self) -> FuzzyDate:
        return fuzzy(self, "date")


class PersonMerge(BaseModel):
    """One person merged into another by staff: what moved, so that it can be undone.

    ``moved`` maps ``app_label.model.field`` to the ids of the rows whose foreign key was turned
    from ``merged`` to ``keep``; ``repointed`` maps ``app_label.model.object_id`` to
    ``[id, from, to]`` triples of generic links (citations) turned the same way; ``dropped``
    holds the rows removed because ``keep`` already had the same (a role both held, a tie
    both had, the tie between the two), each with its values, to be made again on undo.
    """

    audit_parent = "keep"

    keep = models.ForeignKey(
        Person, verbose_name=_("kept person"), on_delete=models.PROTECT, related_name="+"
    )
    merged = models.ForeignKey(
        Person, verbose_name=_("merged person"), on_delete=models.PROTECT, related_name="+"
    )
    moved = models.JSONField(_("moved"), default=dict, blank=True)
    repointed = models.JSONField(_("repointed"), default=dict, blank=True)
    dropped = models.JSONField(_("dropped"), default=list, blank=True)
    added_names = models.JSONField(_("names added"), default=list, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("merge of people")
        verbose_name_plural = _("merges of people")

    def __str__(self) -> str:
        return gettext("%(merged)s merged into %(keep)s") % {
            "merged": self.merged,
            "keep": self.keep,
        }

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class PersonDistinction(BaseModel):
    """Two people staff decided are not the same: never proposed for merging again.
    ``first`` is the one with the smaller id."""

    first = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        Person, verbose_name=_("other person"), on_delete=models.CASCADE, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ("first_id", "second_id")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="persondistinction_once"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="persondistinction_ordered",
            ),
        ]
        verbose_name = _("people kept apart")
        verbose_name_plural = _("people kept apart")

    def __str__(self) -> str:
        return gettext("%(first)s is not %(second)s") % {
            "first": self.first,
            "second": self.second,
        }
