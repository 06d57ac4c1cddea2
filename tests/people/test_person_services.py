from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.people import services
from vernissage.people.models import Person, Place, Relationship
from vernissage.works.models import Artwork, Creation


def test_person_names_in_any_script_find_one_person(db: None) -> None:
    person = PersonFactory(
        display_name="Jacques Kalmurzaev",
        names=[{"name": "Жак Калмурзаев", "language": "ru", "script": "Cyrl"}],
    )
    for query in ("Kalmurzaev", "kalmurzaev", "Калмурзаев", "калмурзаев", "ЖАК"):
        assert list(Person.objects.search(query)) == [person], query


def test_unreadable_birth_date_is_kept_as_written_and_flagged(db: None) -> None:
    person = PersonFactory(birth_date="the year of the great snow")
    person.refresh_from_db()
    assert person.birth_date == "the year of the great snow"
    assert person.birth_date_earliest is None
    assert person.birth.is_flagged


def test_fuzzy_birth_date_gets_bounds(db: None) -> None:
    person = PersonFactory(birth_date="c. 1988")
    person.refresh_from_db()
    assert (person.birth_date_earliest.isoformat(), person.birth_date_latest.isoformat()) == (
        "1983-01-01",
        "1993-12-31",
    )


def test_unknown_role_is_refused_with_the_list_of_roles(db: None) -> None:
    with pytest.raises(ValidationError, match="Unknown role painter"):
        PersonFactory(roles=["painter"])


def test_deleting_a_person_who_made_works_is_soft_and_keeps_the_works(db: None) -> None:
    maker = PersonFactory(display_name="Ana Kalmurzaev")
    artwork = ArtworkFactory(makers=[(maker, "artist")])
    services.person_delete(person=maker, acting_user=None)
    assert Person.all_objects.filter(pk=maker.pk).exists()
    assert Creation.objects.filter(artwork=artwork, person=maker).exists()
    assert Artwork.objects.filter(pk=artwork.pk).exists()
    with pytest.raises(ValidationError, match="already deleted"):
        services.person_delete(person=Person.all_objects.get(pk=maker.pk), acting_user=None)


def test_place_resolves_from_the_gazetteer_in_any_of_its_names(db: None) -> None:
    moscow = services.place_resolve(name="Moscow")
    assert (moscow.name, moscow.country, moscow.geonames_id) == ("Moscow", "RU", 524901)
    assert moscow.latitude == Decimal("55.752040")
    assert services.place_resolve(name="Москва") == moscow
    assert services.place_resolve(name="moscow") == moscow
    assert Place.objects.count() == 1


def test_place_not_in_the_gazetteer_is_kept_without_coordinates(db: None) -> None:
    place = services.place_resolve(name="Nowhere-on-Earth Village")
    assert place.latitude is None
    assert place.geonames_id is None


def test_relationship_needs_one_target_of_the_right_kind(db: None) -> None:
    ana, viktor = PersonFactory(), PersonFactory()
    with pytest.raises(ValidationError, match="links a person to an organization"):
        services.relationship_create(
            acting_user=None, person=ana, kind="studied_at", other_person=viktor
        )
    with pytest.raises(ValidationError, match="cannot be related to themselves"):
        services.relationship_create(acting_user=None, person=ana, kind="friend", other_person=ana)
    tie = services.relationship_create(
        acting_user=None,
        person=ana,
        kind="collaborator",
        other_person=viktor,
        start_date="2017",
        source="Their partnership produced some of Ana Kalmurzaev's most breathtaking works",
    )
    assert tie.label_from(viktor) == "collaborator of"
    assert Relationship.objects.get().start_date_earliest.year == 2017


def test_directed_relationship_reads_backwards_from_the_other_end(db: None) -> None:
    mother, ana = PersonFactory(), PersonFactory()
    tie = services.relationship_create(
        acting_user=None, person=mother, kind="parent", other_person=ana
    )
    assert tie.label_from(mother) == "parent of"
    assert tie.label_from(ana) == "child of"
