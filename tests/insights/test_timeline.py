"""The career timeline: computed from the records, exact for the demo's Jacques, and never
showing a viewer what they may not see."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.insights.careers import career_make, labels
from vernissage.core.services import staff_roles_set
from vernissage.demo.loader import WorldSummary
from vernissage.insights.timeline import career_for, career_timeline
from vernissage.people.models import Person

JACQUES_PUBLIC = [
    ("born", "c. 1988", "Born in Moscow"),
    ("studied", "mid-2000s", "Studied at Moscow School of Arts, Moscow"),
    ("group_show", "June 2007", "Graduates of the Moscow School of Arts"),
    ("review", "spring 2011", "A bold new colourist from the Moscow School of Arts"),
    ("solo_show", "15 September 2011", "Love, Loss and Justice"),
    ("travel", "2013", "Travelled to Paris"),
    ("solo_show", "10 October 2013", "Bold Visions"),
    ("collection", "2013-10-10", "Two Figures in a Red Room entered a private collection"),
    ("review", "November 2013", "Bold Visions: Jacques Kalmurzaev in Paris"),
    ("collection", "2013-11-20", "Empty Chair, Winter entered a private collection"),
    ("review", "2014", "Technical skill and emotional depth: the rise of Jacques Kalmurzaev"),
    ("collection", "2016-06-02", "The Assembly entered a private collection"),
]


def _staff(role: str) -> User:
    user = User.objects.create_user(username=role.lower())
    staff_roles_set(user=user, roles=[role], acting_user=None)
    return user


def test_jacques_rises_from_the_moscow_school_of_arts_to_paris(world: WorldSummary) -> None:
    jacques = Person.objects.get(slug="jacques-kalmurzaev")

    entries = career_timeline(viewer=None, person=jacques)

    assert labels(entries) == JACQUES_PUBLIC
    marks = {
        entry.label: (entry.first_show, entry.first_solo_show, entry.first_show_abroad)
        for entry in entries
        if entry.is_show
    }
    assert marks == {
        "Graduates of the Moscow School of Arts": (True, False, False),
        "Love, Loss and Justice": (False, True, False),
        "Bold Visions": (False, False, True),
    }
    assert [(e.label, e.cities, e.countries, e.abroad) for e in entries if e.is_show] == [
        ("Graduates of the Moscow School of Arts", ("Moscow",), ("RU",), False),
        ("Love, Loss and Justice", ("Moscow",), ("RU",), False),
        ("Bold Visions", ("Paris",), ("FR",), True),
    ]
    assert [e.url for e in entries if e.is_show] == [
        "/exhibitions/graduates-of-the-moscow-school-of-arts/",
        "/exhibitions/love-loss-and-justice/",
        "/exhibitions/bold-visions/",
    ]


def test_jacques_sales_and_prices_only_for_viewers_who_see_prices(world: WorldSummary) -> None:
    jacques = Person.objects.get(slug="jacques-kalmurzaev")

    registrar = career_timeline(viewer=_staff("Registrar"), person=jacques)
    owner = career_timeline(viewer=_staff("Owner"), person=jacques)

    assert labels(registrar) == JACQUES_PUBLIC
    assert all(entry.price == "" for entry in registrar)
    assert [(e.kind, e.label, e.price) for e in owner if e.kind in ("sale", "collection")] == [
        ("sale", "Two Figures in a Red Room sold to Petrov", "€24,000.00"),
        ("sale", "Empty Chair, Winter sold to Hélène Marchand", "€24,000.00"),
        ("sale", "The Assembly sold to Marcus Lindqvist", "€36,100.00"),
    ]


VERA_PUBLIC = [
    ("born", "1979", "Born in Moscow"),
    ("studied", "1997-2002", "Studied at Stroganov Academy, Moscow"),
    ("group_show", "May 2003", "Young Moscow"),
    ("review", "June 2003", "A Moscow debut"),
    ("solo_show", "12 March 2005", "Vera Sokolova: Paintings"),
    ("group_show", "2008", "East of Here"),
    ("moved", "2009", "Moved to Paris"),
    ("residency", "2010", "Residency at Cité des Arts"),
    ("solo_show", "October 2010", "Vera Sokolova in Paris"),
    ("review", "November 2010", "Paris discovers Sokolova"),
    ("collection", "2011", "Red Stairs entered a private collection"),
    ("collection", "2014", "Red Stairs entered the collection of Musée de la Ville"),
]


@pytest.mark.parametrize("role", ["anonymous", "Viewer"])
def test_private_records_stay_out_of_the_public_timeline(db: Any, role: str) -> None:
    career = career_make()
    viewer = None if role == "anonymous" else _staff(role)

    entries = career_timeline(viewer=viewer, person=career.artist)

    assert labels(entries) == VERA_PUBLIC
    text = repr(entries)
    for secret in ("SECRET", "PRIVATE-WORK", "Hidden Collector", "Hidden Critic", "5,000", "7,000"):
        assert secret not in text
    assert [e.detail for e in entries if e.kind == "review"] == [
        "Irina Volkova, Kommersant",
        "a critic, Libération",
    ]


def test_press_staff_see_private_reviews_not_private_shows(db: Any) -> None:
    career = career_make()

    entries = career_timeline(viewer=_staff("Press"), person=career.artist)

    assert ("review", "2012", "SECRET-REVIEW draft") in labels(entries)
    assert "SECRET-SHOW Preview" not in [entry.label for entry in entries]
    assert "SECRET-AWARD of a private jury" not in [entry.detail for entry in entries]


def test_staff_who_see_private_records_see_them_without_prices(db: Any) -> None:
    career = career_make()

    entries = career_timeline(viewer=_staff("Registrar"), person=career.artist)

    assert labels(entries) == [
        *VERA_PUBLIC[:9],
        ("review", "November 2010", "Paris discovers Sokolova"),
        ("award", "2011", "Award"),
        ("collection", "2011", "Red Stairs entered a private collection"),
        ("group_show", "2012", "SECRET-SHOW Preview"),
        ("review", "2012", "SECRET-REVIEW draft"),
        ("collection", "2012", "PRIVATE-WORK Study entered a private collection"),
        ("collection", "2014", "Red Stairs entered the collection of Musée de la Ville"),
    ]
    assert all(entry.price == "" for entry in entries)
    assert "Hidden Critic, Libération" in [e.detail for e in entries]


def test_sales_staff_see_sales_with_their_prices(db: Any) -> None:
    career = career_make()

    entries = career_timeline(viewer=_staff("Sales"), person=career.artist)

    assert [(e.kind, e.when.text, e.label, e.price) for e in entries if e.price or e.owner] == [
        ("sale", "2011", "Red Stairs sold to Hidden Collector", "€5,000.00"),
        ("sale", "2012", "PRIVATE-WORK Study sold to a private owner", "€7,000.00"),
        ("collection", "2014", "Red Stairs entered the collection of Musée de la Ville", ""),
    ]


def test_a_deleted_exhibition_and_a_hidden_venue_leave_the_timeline(db: Any) -> None:
    from vernissage.exhibitions import services as exhibitions
    from vernissage.exhibitions.models import Exhibition

    career = career_make()
    show = Exhibition.objects.get(title="East of Here")
    exhibitions.exhibition_delete(exhibition=show, acting_user=None)

    entries = career_for(viewer=None, person=career.artist).entries

    assert "East of Here" not in [entry.label for entry in entries]
    assert [e.label for e in entries if e.first_show_abroad] == ["Vera Sokolova in Paris"]


def test_an_artist_without_a_birthplace_has_no_show_abroad(db: Any) -> None:
    from tests.factories.exhibitions import venue
    from tests.factories.people import PersonFactory
    from tests.insights.careers import show

    artist = PersonFactory(display_name="Nobody Knows")
    show(title="Somewhere", artist=artist, at=venue("Galerie Sud"), start="2001")

    career = career_for(viewer=None, person=artist)

    assert career.home_country == ""
    assert [(e.label, e.abroad, e.first_show) for e in career.entries] == [
        ("Somewhere", False, True)
    ]
