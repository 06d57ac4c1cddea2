"""The reusable filters on people and places that the admin and the site share."""

from __future__ import annotations

from tests.factories.people import PersonFactory

from vernissage.people import services
from vernissage.people.models import Person, Place


def test_people_are_searched_in_any_script_case_and_accent(db: None) -> None:
    ana = PersonFactory(
        display_name="Ana Kalmurzaev",
        names=[{"name": "Анна Калмурзаева", "language": "ru", "script": "Cyrl"}],
    )
    PersonFactory(display_name="Jacques Kalmurzaev")

    assert list(Person.objects.search("КАЛМУРЗАЕВА")) == [ana]
    assert list(Person.objects.search("ána  kalmurzaev")) == [ana]
    assert Person.objects.search("").count() == 2


def test_people_whose_birth_or_death_date_could_not_be_read_are_to_check(db: None) -> None:
    unread_birth = PersonFactory(display_name="Born Unread", birth_date="the long winter")
    unread_death = PersonFactory(
        display_name="Died Unread", birth_date="1950", death_date="after the war, surely"
    )
    PersonFactory(display_name="All Read", birth_date="c. 1950", death_date="2001")
    PersonFactory(display_name="Nothing Written")

    assert set(Person.objects.dates_to_check()) == {unread_birth, unread_death}


def test_places_are_searched_by_every_name_they_have(db: None) -> None:
    dacha = services.place_resolve(name="Kalmurzaev dacha", kind="landmark")
    services.place_name_add(place=dacha, name="Дача Калмурзаевых", language="ru")
    services.place_resolve(name="Red Square", kind="landmark")

    assert list(Place.objects.search("калмурзаевых")) == [dacha]
    assert list(Place.objects.search("DACHA kalmurzaev")) == [dacha]
    assert Place.objects.search("").count() == 2
