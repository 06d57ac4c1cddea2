"""Current, upcoming and past shows, by the dates of their stops, fuzzy dates included."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.exhibitions import ExhibitionFactory, venue
from vernissage.exhibitions import services
from vernissage.exhibitions.models import Exhibition
from vernissage.exhibitions.selectors import exhibition_calendar

TODAY = dt.date(2017, 4, 15)


def _titles(shows: object) -> list[str]:
    return [show.title for show in shows]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("start", "end", "when"),
    [
        pytest.param("1 April 2017", "30 April 2017", "current", id="exact_on"),
        pytest.param("spring 2017", "summer 2017", "current", id="fuzzy_may_be_on"),
        pytest.param("2017", "", "current", id="year_only_may_be_on"),
        pytest.param("May 2017", "June 2017", "upcoming", id="exact_coming"),
        pytest.param("late 2017", "", "upcoming", id="fuzzy_coming"),
        pytest.param("March 2017", "10 April 2017", "past", id="exact_closed"),
        pytest.param("2016", "", "past", id="year_only_closed"),
        pytest.param("c. 2005", "c. 2006", "past", id="circa_closed"),
        pytest.param("early 2017", "c. March 2017", "current", id="circa_may_be_on"),
        pytest.param("", "", "upcoming", id="undated_goes_last_in_upcoming"),
    ],
)
def test_a_show_without_stops_is_placed_by_its_own_dates(
    db: None, start: str, end: str, when: str
) -> None:
    ExhibitionFactory(title="The Show", start_date=start, end_date=end)
    calendar = exhibition_calendar(viewer=None, today=TODAY)
    placed = {
        "current": _titles(calendar.current),
        "upcoming": _titles(calendar.upcoming),
        "past": _titles(calendar.past),
    }
    assert placed == {key: (["The Show"] if key == when else []) for key in placed}


def test_a_touring_show_is_placed_by_its_stops_not_its_own_dates(db: None) -> None:
    berlin = venue("Galerie Hallmann", city="Berlin", country="DE", time_zone="Europe/Berlin")
    paris = venue()
    # Its own dates say "past"; its stops say it is on in Paris now.
    tour = ExhibitionFactory(title="On tour", start_date="2015", end_date="2016")
    services.exhibition_stop_add(
        acting_user=None, exhibition=tour, venue=berlin, start_date="2016", end_date="2016"
    )
    services.exhibition_stop_add(
        acting_user=None, exhibition=tour, venue=paris, start_date="April 2017"
    )
    between = ExhibitionFactory(title="Between stops", start_date="", end_date="")
    services.exhibition_stop_add(
        acting_user=None,
        exhibition=between,
        venue=berlin,
        start_date="Jan 2017",
        end_date="Feb 2017",
    )
    services.exhibition_stop_add(
        acting_user=None, exhibition=between, venue=paris, start_date="autumn 2017"
    )
    calendar = exhibition_calendar(viewer=None, today=TODAY)
    assert _titles(calendar.current) == ["On tour"]
    assert _titles(calendar.upcoming) == ["Between stops"]
    assert _titles(calendar.past) == []


def test_each_list_is_in_the_order_a_visitor_wants(db: None) -> None:
    for title, start, end in [
        ("Closes soon", "March 2017", "20 April 2017"),
        ("Closes later", "April 2017", "June 2017"),
        ("Opens soon", "1 May 2017", ""),
        ("Opens later", "2018", ""),
        ("Closed long ago", "2010", ""),
        ("Closed lately", "2016", ""),
    ]:
        ExhibitionFactory(title=title, start_date=start, end_date=end)
    calendar = exhibition_calendar(viewer=None, today=TODAY)
    assert _titles(calendar.current) == ["Closes soon", "Closes later"]
    assert _titles(calendar.upcoming) == ["Opens soon", "Opens later"]
    assert _titles(calendar.past) == ["Closed lately", "Closed long ago"]


def test_the_public_sees_public_shows_and_staff_all_living_ones(db: None, owner: object) -> None:
    ExhibitionFactory(title="Open", start_date="2016", end_date="")
    ExhibitionFactory(title="In preparation", start_date="2016", end_date="", is_public=False)
    gone = ExhibitionFactory(title="Deleted", start_date="2016", end_date="")
    services.exhibition_delete(exhibition=gone, acting_user=None)
    assert _titles(exhibition_calendar(viewer=None, today=TODAY).past) == ["Open"]
    staff = exhibition_calendar(viewer=owner, today=TODAY)  # type: ignore[arg-type]
    assert sorted(_titles(staff.past)) == ["In preparation", "Open"]
    assert Exhibition.all_objects.count() == 3
