"""Writes about people, organizations and places. Every function is one transaction, audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from vernissage.core.models import AuditLog
from vernissage.core.services import (
    Actor,
    audit_m2m,
    audit_record,
    audited_delete,
    audited_save,
    m2m_snapshot,
    snapshot,
    soft_delete,
    soft_restore,
)
from vernissage.core.slugs import unique_slug
from vernissage.core.text import fold
from vernissage.people.gazetteer import gazetteer_city, gazetteer_lookup
from vernissage.people.models import (
    LifeEvent,
    Organization,
    Person,
    PersonDistinction,
    PersonMerge,
    PersonName,
    Place,
    PlaceName,
    Relationship,
    Role,
)
from vernissage.people.relations import PersonLink, generic_links, person_links
from vernissage.works.models import Term
from vernissage.works.services import term_get_or_create

# --- places ---------------------------------------------------------------------------------


def place_save(*, place: Place, acting_user: Actor) -> Place:
    """Save a place as typed; a city with no coordinates gets them from the gazetteer."""
    with transaction.atomic():
        if place.kind == Place.Kind.CITY and place.latitude is None and place.name:
            city = gazetteer_lookup(place.name, country=place.country)
            if (
                city is not None
                and not Place.objects.filter(geonames_id=city.geonames_id)
                .exclude(pk=place.pk)
                .exists()
            ):
                place.geonames_id = city.geonames_id
                place.country = place.country or city.country
                place.latitude = Decimal(str(city.latitude)).quantize(Decimal("0.000001"))
                place.longitude = Decimal(str(city.longitude)).quantize(Decimal("0.000001"))
        place.search_names = _place_search_names(place)
        return audited_save(instance=place, acting_user=acting_user)


def _place_search_names(place: Place) -> str:
    names = [place.name]
    known_city = gazetteer_city(place.geonames_id) if place.geonames_id else None
    if known_city is not None:
        names += list(known_city.alternate_names)
    if place.pk is not None:
        names += list(PlaceName.objects.filter(place=place).values_list("name", flat=True))
    return fold(" ".join(names))


def place_refresh_search(*, place: Place) -> None:
    """Recompute the folded names search reads, after a name variant changed."""
    place.search_names = _place_search_names(place)
    place.save(update_fields=["search_names"])


def place_resolve(
    *,
    name: str,
    kind: str = Place.Kind.CITY,
    country: str = "",
    within: Place | None = None,
    acting_user: Actor = None,
) -> Place:
    """The place called ``name``: one already recorded, else a new one, with the gazetteer's
    coordinates for a city. "Moscow" and "Москва" resolve to the same city."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("A place needs a name."))
    folded = fold(name)
    candidates = Place.objects.filter(kind=kind)
    if country:
        candidates = candidates.filter(country=country.upper())
    for place in candidates.filter(search_names__contains=folded):
        if folded == fold(place.name) or folded in {
            fold(variant) for variant in place.names.values_list("name", flat=True)
        }:
            return place
    if kind == Place.Kind.CITY:
        city = gazetteer_lookup(name, country=country)
        if city is not None:
            known = Place.objects.filter(geonames_id=city.geonames_id).first()
            if known is not None:
                return known
            name = city.name
    place = Place(name=name, kind=kind, country=country.upper(), within=within)
    return place_save(place=place, acting_user=acting_user)


def place_name_add(
    *, place: Place, name: str, language: str = "", script: str = "", acting_user: Actor = None
) -> PlaceName:
    return place_name_save(
        name=PlaceName(place=place, name=name, language=language, script=script),
        acting_user=acting_user,
    )


def place_name_save(*, name: PlaceName, acting_user: Actor) -> PlaceName:
    """Save a name of a place (“Москва” for Moscow); search and :func:`place_resolve` find
    the place by it from then on."""
    with transaction.atomic():
        name.name = " ".join(name.name.split())
        audited_save(instance=name, acting_user=acting_user)
        place_refresh_search(place=name.place)
    return name


def place_name_delete(*, name: PlaceName, acting_user: Actor) -> None:
    with transaction.atomic():
        place = name.place
        audited_delete(instance=name, acting_user=acting_user)
        place_refresh_search(place=place)


# --- people ---------------------------------------------------------------------------------


def _sort_name(display_name: str) -> str:
    parts = display_name.split()
    if len(parts) < 2:
        return display_name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


def person_save(*, person: Person, acting_user: Actor) -> Person:
    """Save a person as edited: fills in the sort name, the slug and the search names.

    A birth or death date that cannot be read is kept as written and flagged.
    """
    with transaction.atomic():
        person.display_name = " ".join(person.display_name.split())
        if not person.sort_name:
            person.sort_name = _sort_name(person.display_name)
        if not person.slug:
            person.slug = unique_slug(model=Person, text=person.display_name, exclude_pk=person.pk)
        person.search_names = _person_search_names(person)
        return audited_save(instance=person, acting_user=acting_user)


def _person_search_names(person: Person) -> str:
    names = [person.display_name, person.sort_name]
    if person.pk is not None:
        names += list(PersonName.objects.filter(person=person).values_list("name", flat=True))
    return fold(" ".join(names))


def person_refresh_search(*, person: Person) -> None:
    """Recompute the folded names search reads, after a name variant changed."""
    person.search_names = _person_search_names(person)
    person.save(update_fields=["search_names"])


def person_create(
    *,
    acting_user: Actor,
    display_name: str,
    sort_name: str = "",
    roles: Iterable[str] = (),
    names: Iterable[dict[str, str]] = (),
    birth_date: str = "",
    birth_place: Place | None = None,
    death_date: str = "",
    death_place: Place | None = None,
    nationality: str = "",
    biography: str = "",
    media: Iterable[str] = (),
    themes: Iterable[str] = (),
    ulan_id: str = "",
    wikidata_id: str = "",
    is_public: bool = False,
    notes: str = "",
) -> Person:
    chosen_roles = _roles(roles)
    with transaction.atomic():
        person = person_save(
            person=Person(
                display_name=display_name,
                sort_name=sort_name,
                birth_date=birth_date,
                birth_place=birth_place,
                death_date=death_date,
                death_place=death_place,
                nationality=nationality,
                biography=biography,
                ulan_id=ulan_id,
                wikidata_id=wikidata_id,
                is_public=is_public,
                notes=notes,
            ),
            acting_user=acting_user,
        )
        person.roles.set(chosen_roles)
        person.media.set(
            [term_get_or_create(label=label, kind=Term.Kind.MEDIUM) for label in media]
        )
        person.themes.set(
            [term_get_or_create(label=label, kind=Term.Kind.THEME) for label in themes]
        )
        for variant in names:
            person_name_add(person=person, acting_user=acting_user, **variant)
    return person


def _roles(codes: Iterable[str]) -> list[Role]:
    wanted = list(dict.fromkeys(codes))
    unknown = [code for code in wanted if code not in Role.Code.values]
    if unknown:
        raise ValidationError(
            _("Unknown role %(unknown)s; a role is one of %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(Role.Code.values)}
        )
    return list(Role.objects.filter(code__in=wanted))


def person_set_roles(*, person: Person, roles: Iterable[str], acting_user: Actor) -> None:
    with transaction.atomic():
        before = m2m_snapshot(person)
        person.roles.set(_roles(roles))
        audit_m2m(instance=person, acting_user=acting_user, before=before)


def person_media_add(*, person: Person, media: Iterable[str], acting_user: Actor) -> None:
    """Add media (labels of the works' vocabulary, made when new) to those the person works
    in; the ones they have stay."""
    with transaction.atomic():
        before = m2m_snapshot(person)
        person.media.add(
            *[term_get_or_create(label=label, kind=Term.Kind.MEDIUM) for label in media]
        )
        audit_m2m(instance=person, acting_user=acting_user, before=before)


def person_name_add(
    *,
    person: Person,
    name: str,
    acting_user: Actor,
    language: str = "",
    script: str = "",
    kind: str = PersonName.Kind.VARIANT,
) -> PersonName:
    with transaction.atomic():
        variant = audited_save(
            instance=PersonName(
                person=person,
                name=" ".join(name.split()),
                language=language,
                script=script,
                kind=kind,
            ),
            acting_user=acting_user,
        )
        person_refresh_search(person=person)
    return variant


def person_name_save(*, name: PersonName, acting_user: Actor) -> PersonName:
    with transaction.atomic():
        audited_save(instance=name, acting_user=acting_user)
        person_refresh_search(person=name.person)
    return name


def person_name_delete(*, name: PersonName, acting_user: Actor) -> None:
    with transaction.atomic():
        person = name.person
        audited_delete(instance=name, acting_user=acting_user)
        person_refresh_search(person=person)


def person_delete(*, person: Person, acting_user: Actor) -> None:
    """Hide a person; their works, names and ties stay, and :func:`person_restore` undoes it."""
    soft_delete(instance=person, acting_user=acting_user)


def person_restore(*, person: Person, acting_user: Actor) -> None:
    soft_restore(instance=person, acting_user=acting_user)


# --- organizations --------------------------------------------------------------------------


def organization_save(*, organization: Organization, acting_user: Actor) -> Organization:
    with transaction.atomic():
        organization.name = " ".join(organization.name.split())
        if not organization.slug:
            organization.slug = unique_slug(
                model=Organization, text=organization.name, exclude_pk=organization.pk
            )
        return audited_save(instance=organization, acting_user=acting_user)


def organization_create(
    *,
    acting_user: Actor,
    name: str,
    kind: str,
    place: Place | None = None,
    description: str = "",
    website: str = "",
    is_public: bool = True,
    notes: str = "",
) -> Organization:
    return organization_save(
        organization=Organization(
            name=name,
            kind=kind,
            place=place,
            description=description,
            website=website,
            is_public=is_public,
            notes=notes,
        ),
        acting_user=acting_user,
    )


# --- relationships and life events ----------------------------------------------------------


def relationship_save(*, relationship: Relationship, acting_user: Actor) -> Relationship:
    return audited_save(instance=relationship, acting_user=acting_user)


def relationship_delete(*, relationship: Relationship, acting_user: Actor) -> None:
    audited_delete(instance=relationship, acting_user=acting_user)


def relationship_create(
    *,
    acting_user: Actor,
    person: Person,
    kind: str,
    other_person: Person | None = None,
    organization: Organization | None = None,
    start_date: str = "",
    end_date: str = "",
    source: str = "",
    note: str = "",
    is_public: bool = True,
) -> Relationship:
    return relationship_save(
        relationship=Relationship(
            person=person,
            kind=kind,
            other_person=other_person,
            organization=organization,
            start_date=start_date,
            end_date=end_date,
            source=source,
            note=note,
            is_public=is_public,
        ),
        acting_user=acting_user,
    )


def life_event_save(*, event: LifeEvent, acting_user: Actor) -> LifeEvent:
    return audited_save(instance=event, acting_user=acting_user)


def life_event_delete(*, event: LifeEvent, acting_user: Actor) -> None:
    audited_delete(instance=event, acting_user=acting_user)


def life_event_create(
    *,
    acting_user: Actor,
    person: Person,
    kind: str,
    date: str = "",
    place: Place | None = None,
    organization: Organization | None = None,
    description: str = "",
    source: str = "",
    is_public: bool = True,
) -> LifeEvent:
    return life_event_save(
        event=LifeEvent(
            person=person,
            kind=kind,
            date=date,
            place=place,
            organization=organization,
            description=description,
            source=source,
            is_public=is_public,
        ),
        acting_user=acting_user,
    )


# --- merging two records of one person ------------------------------------------------------

#: Models whose row, when the kept person already has the same one, says the same thing twice:
#: the merged person's copy is dropped (and made again on undo). A clash in any other model is
#: refused (two contact records, say: their details would have to be merged by hand first).
_DUPLICATES_DROPPED = frozenset(
    {"people.personname", "people.relationship", "works.creation", "press.reviewauthor"}
)


@dataclass
class Dropped:
    model: type[models.Model]
    pk: int
    reason: str
    #: The kept person's row that says the same, to which the dropped row's citations move.
    duplicate_of: int | None = None


@dataclass
class MergePlan:
    """What :func:`person_merge` would do: shown on the merge screen before anyone confirms."""

    keep: Person
    merged: Person
    moves: dict[PersonLink, list[int]] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)
    repoints: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    names_to_add: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(what, how many) moved, one line per kind of record, largest first."""
        totals: dict[str, int] = {}
        for link, ids in self.moves.items():
            if ids:
                totals[link.label] = totals.get(link.label, 0) + len(ids)
        for key, triples in self.repoints.items():
            label = str(django_apps.get_model(key.rsplit(".", 1)[0])._meta.verbose_name_plural)
            totals[label] = totals.get(label, 0) + len(triples)
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def _unique_sets(model: type[models.Model], field_name: str) -> list[tuple[list[str], Q | None]]:
    """The unique field sets of ``model`` that hold ``field_name``, each with its condition."""
    meta = model._meta
    sets: list[tuple[list[str], Q | None]] = []
    if meta.get_field(field_name).unique:  # type: ignore[union-attr]
        sets.append(([field_name], None))
    for together in meta.unique_together:
        if field_name in together:
            sets.append((list(together), None))
    for constraint in meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field_name in constraint.fields:
            sets.append((list(constraint.fields), constraint.condition))
    return sets


def _tie_ends(tie: Relationship, *, merged: Person, keep: Person) -> tuple[Any, ...]:
    person_id = keep.pk if tie.person_id == merged.pk else tie.person_id
    other_id = keep.pk if tie.other_person_id == merged.pk else tie.other_person_id
    return (person_id, tie.kind, other_id, tie.organization_id)


def _tie_keys(ends: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    person_id, kind, other_id, organization_id = ends
    keys = [ends]
    if kind in Relationship.SYMMETRIC and other_id is not None:
        keys.append((other_id, kind, person_id, organization_id))
    return keys


def _plan_ties(plan: MergePlan) -> None:
    keep, merged = plan.keep, plan.merged
    kept: dict[tuple[Any, ...], int] = {}
    for tie in Relationship.objects.filter(Q(person=keep) | Q(other_person=keep)).exclude(
        Q(person=merged) | Q(other_person=merged)
    ):
        for key in _tie_keys(_tie_ends(tie, merged=merged, keep=keep)):
            kept.setdefault(key, tie.pk)
    ties = Relationship.objects.filter(Q(person=merged) | Q(other_person=merged)).order_by("pk")
    for tie in ties:
        if keep.pk in {tie.person_id, tie.other_person_id}:
            plan.dropped.append(
                Dropped(Relationship, tie.pk, gettext("the tie between the two: %s") % tie)
            )
            continue
        ends = _tie_ends(tie, merged=merged, keep=keep)
        duplicate = next((kept[key] for key in _tie_keys(ends) if key in kept), None)
        if duplicate is not None:
            plan.dropped.append(
                Dropped(Relationship, tie.pk, gettext("a tie both have: %s") % tie, duplicate)
            )
        else:
            kept[ends] = tie.pk


def _plan_names(plan: MergePlan) -> None:
    keep, merged = plan.keep, plan.merged
    kept = {keep.display_name, *keep.names.values_list("name", flat=True)}
    for name in merged.names.order_by("pk"):
        if name.name == keep.display_name:
            plan.dropped.append(
                Dropped(PersonName, name.pk, gettext("the kept person's own name: %s") % name)
            )
    if merged.display_name not in kept:
        merged_names = set(merged.names.values_list("name", flat=True))
        if merged.display_name not in merged_names:
            plan.names_to_add.append(merged.display_name)


def person_merge_plan(*, keep: Person, merged: Person) -> MergePlan:
    """What merging ``merged`` into ``keep`` would move, drop and add, and why it would be
    refused (``problems``); nothing is written."""
    plan = MergePlan(keep=keep, merged=merged)
    if keep.pk == merged.pk:
        plan.problems.append(gettext("A person cannot be merged into themselves."))
        return plan
    for person in (keep, merged):
        if person.deleted_at is not None:
            plan.problems.append(
                gettext("%(person)s is deleted; restore them before merging.") % {"person": person}
            )
    if plan.problems:
        return plan
    _plan_ties(plan)
    _plan_names(plan)
    for link in person_links():
        label = link.model._meta.label_lower
        dropped_here = {drop.pk for drop in plan.dropped if drop.model is link.model}
        rows = link.rows(merged).exclude(pk__in=dropped_here)
        for names, condition in _unique_sets(link.model, link.field):
            others = [name for name in names if name != link.field]
            kept_rows = link.rows(keep)
            clashing = rows
            if condition is not None:
                kept_rows = kept_rows.filter(condition)
                clashing = clashing.filter(condition)
            existing = {
                tuple(values[:-1]): values[-1] for values in kept_rows.values_list(*others, "pk")
            }
            for values in clashing.values_list(*others, "pk"):
                duplicate = existing.get(tuple(values[:-1]))
                if duplicate is None or any(
                    drop.model is link.model and drop.pk == values[-1] for drop in plan.dropped
                ):
                    continue
                row = link.model._base_manager.get(pk=values[-1])
                if link.model._meta.auto_created or label in _DUPLICATES_DROPPED:
                    plan.dropped.append(
                        Dropped(
                            link.model,
                            values[-1],
                            gettext("both have it: %s")
                            % (
                                _row_label(row)
                                if link.model._meta.auto_created
                                else f"{link.model._meta.verbose_name} “{row}”"
                            ),
                            duplicate,
                        )
                    )
                else:
                    plan.problems.append(
                        gettext(
                            "Both people have a %(what)s (%(row)s); merge or remove one of "
                            "them first."
                        )
                        % {"what": link.model._meta.verbose_name, "row": row}
                    )
        dropped_here = {drop.pk for drop in plan.dropped if drop.model is link.model}
        plan.moves[link] = list(
            link.rows(merged)
            .exclude(pk__in=dropped_here)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    person_type = ContentType.objects.get_for_model(Person)
    for model, generic in generic_links():
        key = f"{model._meta.label_lower}.{generic.fk_field}"
        triples = [
            (pk, merged.pk, keep.pk)
            for pk in model._base_manager.filter(
                **{generic.ct_field: person_type, generic.fk_field: merged.pk}
            ).values_list("pk", flat=True)
        ]
        for drop in plan.dropped:
            if drop.duplicate_of is None or drop.model._meta.auto_created:
                continue
            dropped_type = ContentType.objects.get_for_model(drop.model)
            triples += [
                (pk, drop.pk, drop.duplicate_of)
                for pk in model._base_manager.filter(
                    **{generic.ct_field: dropped_type, generic.fk_field: drop.pk}
                ).values_list("pk", flat=True)
            ]
        if triples:
            plan.repoints[key] = sorted(triples)
    return plan


def _row_label(row: models.Model) -> str:
    """A row of a many-to-many table reads as its other end (“critic”, not “Person_roles
    object (3)”)."""
    if row._meta.auto_created:
        for field in row._meta.concrete_fields:
            if field.is_relation and field.related_model is not Person:
                return str(getattr(row, field.name))
    return str(row)


def _audit_moves(
    *,
    model: type[models.Model],
    ids: list[int],
    attname: str,
    before: int,
    after: int,
    acting_user: Actor,
) -> None:
    """One audit row per moved record (in bulk), in the history of the record it belongs to.
    The hidden tables of many-to-many links have none: the merge's own row lists them."""
    if model._meta.auto_created or not ids:
        return
    actor_id = acting_user.pk if acting_user is not None and acting_user.is_authenticated else None
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    parent = getattr(model, "audit_parent", "")
    parent_field = model._meta.get_field(parent) if parent else None
    assert parent_field is None or isinstance(parent_field, models.ForeignKey)  # noqa: S101
    rows = model._base_manager.filter(pk__in=ids)
    entries = []
    now = timezone.now()
    for row in rows:
        record_type, record_id = content_type, str(row.pk)
        if parent_field is not None and getattr(row, parent_field.attname) is not None:
            record_type = ContentType.objects.get_for_model(
                parent_field.related_model,
                for_concrete_model=True,
            )
            record_id = str(getattr(row, parent_field.attname))
        entries.append(
            AuditLog(
                at=now,
                actor_id=actor_id,
                action=AuditLog.Action.UPDATE,
                content_type=content_type,
                object_id=str(row.pk),
                object_repr=str(row)[:300],
                changes={attname: [before, after]},
                record_type=record_type,
                record_id=record_id,
            )
        )
    AuditLog.objects.bulk_create(entries)


def _user(acting_user: Actor) -> User | None:
    return acting_user if isinstance(acting_user, User) else None


def _attname(model: type[models.Model], field_name: str) -> str:
    model_field = model._meta.get_field(field_name)
    assert isinstance(model_field, models.Field)  # noqa: S101 (a foreign key, never a relation's other end)
    return model_field.attname


def _move(
    *,
    model: type[models.Model],
    field_name: str,
    ids: list[int],
    to: int,
    acting_user: Actor,
    before: int,
) -> None:
    attname = _attname(model, field_name)
    values: dict[str, Any] = {attname: to}
    if any(field.name == "updated_at" for field in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()
    model._base_manager.filter(pk__in=ids).update(**values)
    _audit_moves(
        model=model, ids=ids, attname=attname, before=before, after=to, acting_user=acting_user
    )


def _reindex(*people: Person) -> None:
    """The search of both people afresh, and of their works (whose own search text holds
    their makers' names) and reviews."""
    from vernissage.press.models import ReviewAuthor
    from vernissage.search.indexing import PERSON, REVIEW, WORK, index_records
    from vernissage.works.models import Artwork, Creation
    from vernissage.works.services import artwork_refresh_search

    ids = [person.pk for person in people]
    index_records(PERSON, ids)
    works = list(Creation.objects.filter(person_id__in=ids).values_list("artwork_id", flat=True))
    for artwork in Artwork.all_objects.filter(pk__in=works):
        artwork_refresh_search(artwork=artwork)
    index_records(WORK, works)
    index_records(
        REVIEW, ReviewAuthor.objects.filter(person_id__in=ids).values_list("review_id", flat=True)
    )


def person_merge(*, keep: Person, merged: Person, acting_user: Actor) -> PersonMerge:
    """Merge ``merged`` into ``keep``: every record pointing at ``merged`` (names, ties, maker
    lines, roles, life events, exhibitions, reviews, contacts, provenance, citations) is moved
    onto ``keep``, ``merged``'s display name becomes a name of ``keep``, and ``merged`` is
    soft-deleted. A row ``keep`` already has (a role both held, a tie both had) and the tie
    between the two are dropped. What moved is kept in a :class:`PersonMerge`, audited, so
    that :func:`person_unmerge` undoes it exactly.

    Refused, with the reason, for a person merged into themselves, a deleted person, or a clash
    that cannot be settled here (both have a contact record)."""
    with transaction.atomic():
        locked = {
            person.pk: person
            for person in Person.all_objects.select_for_update().filter(pk__in=[keep.pk, merged.pk])
        }
        keep, merged = locked.get(keep.pk, keep), locked.get(merged.pk, merged)
        plan = person_merge_plan(keep=keep, merged=merged)
        if plan.problems:
            raise ValidationError(plan.problems)
        dropped = []
        for drop in plan.dropped:
            row = drop.model._base_manager.get(pk=drop.pk)
            dropped.append(
                {
                    "model": drop.model._meta.label_lower,
                    "values": snapshot(row),
                    "reason": drop.reason,
                    "duplicate_of": drop.duplicate_of,
                }
            )
            if drop.model._meta.auto_created:
                row.delete()
            else:
                audited_delete(instance=row, acting_user=acting_user)
        moved: dict[str, list[int]] = {}
        for link, ids in plan.moves.items():
            if ids:
                _move(
                    model=link.model,
                    field_name=link.field,
                    ids=ids,
                    to=keep.pk,
                    before=merged.pk,
                    acting_user=acting_user,
                )
                moved[link.key] = ids
        for key, triples in plan.repoints.items():
            model = django_apps.get_model(key.rsplit(".", 1)[0])
            fk_field = key.rsplit(".", 1)[1]
            for pk, _before, after in triples:
                model._base_manager.filter(pk=pk).update(**{fk_field: after})
        added = [
            person_name_add(person=keep, name=name, acting_user=acting_user).pk
            for name in plan.names_to_add
        ]
        soft_delete(instance=merged, acting_user=acting_user)
        person_refresh_search(person=keep)
        merge = audited_save(
            instance=PersonMerge(
                keep=keep,
                merged=merged,
                moved=moved,
                repointed={
                    key: [list(t) for t in triples] for key, triples in plan.repoints.items()
                },
                dropped=dropped,
                added_names=added,
                merged_by=_user(acting_user),
            ),
            acting_user=acting_user,
        )
        _reindex(keep, merged)
    return merge


def person_unmerge_problems(*, merge: PersonMerge) -> list[str]:
    """Why :func:`person_unmerge` would be unsafe now; empty when it is not."""
    if merge.undone_at is not None:
        return [gettext("This merge was already undone.")]
    keep = Person.all_objects.get(pk=merge.keep_id)
    merged = Person.all_objects.get(pk=merge.merged_id)
    problems = []
    if merged.deleted_at is None:
        problems.append(gettext("%(person)s was restored since the merge.") % {"person": merged})
    if keep.deleted_at is not None:
        problems.append(
            gettext("%(person)s was deleted or merged into someone else since; undo that first.")
            % {"person": keep}
        )
    for key, ids in merge.moved.items():
        label, field_name = key.rsplit(".", 1)
        model = django_apps.get_model(label)
        attname = _attname(model, field_name)
        what = PersonLink(model=model, field=field_name).label
        found = dict(model._base_manager.filter(pk__in=ids).values_list("pk", attname))
        gone = [pk for pk in ids if pk not in found]
        if gone:
            problems.append(
                gettext("%(count)d of the %(what)s moved in the merge were deleted since.")
                % {"count": len(gone), "what": what}
            )
        for row in model._base_manager.filter(
            pk__in=[pk for pk, to in found.items() if to != keep.pk]
        ):
            problems.append(
                gettext("“%(row)s” (%(what)s) no longer belongs to %(person)s.")
                % {"what": what, "row": _row_label(row), "person": keep}
            )
    for key, triples in merge.repointed.items():
        label, fk_field = key.rsplit(".", 1)
        model = django_apps.get_model(label)
        found = dict(
            model._base_manager.filter(pk__in=[t[0] for t in triples]).values_list("pk", fk_field)
        )
        changed = [pk for pk, _before, after in triples if found.get(pk) != after]
        if changed:
            problems.append(
                gettext(
                    "%(count)d of the %(what)s moved in the merge were changed or deleted since."
                )
                % {"count": len(changed), "what": model._meta.verbose_name_plural}
            )
    return problems


def person_unmerge(*, merge: PersonMerge, acting_user: Actor) -> PersonMerge:
    """Undo a merge: move back exactly what moved, make again what was dropped, take away the
    names added, and restore the merged person. Refused, saying why, when something moved has
    since been deleted or moved on (see :func:`person_unmerge_problems`)."""
    with transaction.atomic():
        merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
        problems = person_unmerge_problems(merge=merge)
        if problems:
            raise ValidationError(problems)
        keep = Person.all_objects.get(pk=merge.keep_id)
        merged = Person.all_objects.get(pk=merge.merged_id)
        try:
            with transaction.atomic():
                _unmerge_rows(merge=merge, keep=keep, merged=merged, acting_user=acting_user)
        except IntegrityError as clash:
            raise ValidationError(
                gettext("The merge cannot be undone: a record moved back would clash (%s).") % clash
            ) from clash
        soft_restore(instance=merged, acting_user=acting_user)
        person_refresh_search(person=keep)
        person_refresh_search(person=merged)
        merge.undone_at = timezone.now()
        merge.undone_by = _user(acting_user)
        audited_save(instance=merge, acting_user=acting_user)
        _reindex(keep, merged)
    return merge


def _unmerge_rows(*, merge: PersonMerge, keep: Person, merged: Person, acting_user: Actor) -> None:
    """Move back, make again and take away what the merge did, in that order."""
    for name in PersonName.objects.filter(pk__in=merge.added_names):
        audited_delete(instance=name, acting_user=acting_user)
    for key, ids in merge.moved.items():
        label, field_name = key.rsplit(".", 1)
        _move(
            model=django_apps.get_model(label),
            field_name=field_name,
            ids=ids,
            to=merged.pk,
            before=keep.pk,
            acting_user=acting_user,
        )
    for key, triples in merge.repointed.items():
        label, fk_field = key.rsplit(".", 1)
        model = django_apps.get_model(label)
        for pk, before, _after in triples:
            model._base_manager.filter(pk=pk).update(**{fk_field: before})
    for drop in merge.dropped:
        model = django_apps.get_model(drop["model"])
        row = model(**drop["values"])
        row.save(force_insert=True)
        if not model._meta.auto_created:
            audit_record(
                instance=row,
                action=AuditLog.Action.CREATE,
                acting_user=acting_user,
                before=None,
                after=snapshot(row),
            )


def person_pair_keep_apart(
    *, first: Person, second: Person, acting_user: Actor
) -> PersonDistinction:
    """Record that two people are not the same: they are never proposed for merging again."""
    if first.pk == second.pk:
        raise ValidationError(gettext("A person is always the same as themselves."))
    low, high = sorted([first, second], key=lambda person: person.pk)
    with transaction.atomic():
        existing = PersonDistinction.objects.filter(first=low, second=high).first()
        if existing is not None:
            return existing
        return audited_save(
            instance=PersonDistinction(
                first=low,
                second=high,
                decided_by=_user(acting_user),
            ),
            acting_user=acting_user,
        )
