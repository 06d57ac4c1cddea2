"""Writes about people, organizations and places. Every function is one transaction, audited."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vernissage.core.services import (
    Actor,
    audit_m2m,
    audited_delete,
    audited_save,
    m2m_snapshot,
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
    PersonName,
    Place,
    PlaceName,
    Relationship,
    Role,
)
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
