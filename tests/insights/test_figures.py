"""What “meteoric” means, in numbers: each figure exact, and linked to what it counts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tests.insights.careers import career_make
from vernissage.demo.loader import WorldSummary
from vernissage.insights.chart import career_chart_svg
from vernissage.insights.figures import YearRow, career_figures
from vernissage.insights.timeline import career_for
from vernissage.people.models import Person


def test_the_figures_of_a_career(db: Any) -> None:
    career = career_for(viewer=None, person=career_make().artist)

    figures = career_figures(career)

    assert figures.first_show is not None
    assert figures.first_show.label == "Young Moscow"
    assert figures.first_solo_show is not None
    assert figures.first_solo_show.label == "Vera Sokolova: Paintings"
    assert figures.first_show_abroad is not None
    assert figures.first_show_abroad.label == "East of Here"
    assert figures.years_to_abroad == 5
    assert (figures.first_year, figures.last_year, figures.active_years) == (2003, 2010, 8)
    assert [entry.label for entry in figures.shows] == [
        "Young Moscow",
        "Vera Sokolova: Paintings",
        "East of Here",
        "Vera Sokolova in Paris",
    ]
    assert [entry.label for entry in figures.shows_abroad] == [
        "East of Here",
        "Vera Sokolova in Paris",
    ]
    assert figures.shows_per_year == Decimal("0.5")
    assert figures.reviews_per_year == Decimal("0.3")
    assert [(g.name, g.anchor, [e.label for e in g.entries]) for g in figures.countries] == [
        ("France", "career-shown-fr", ["Vera Sokolova in Paris"]),
        ("Germany", "career-shown-de", ["East of Here"]),
        ("Russia", "career-shown-ru", ["Young Moscow", "Vera Sokolova: Paintings"]),
    ]
    assert [(g.name, len(g.entries)) for g in figures.cities] == [
        ("Berlin", 1),
        ("Moscow", 2),
        ("Paris", 1),
    ]
    assert figures.years == [
        YearRow(2003, exhibitions=1, cities=1, reviews=1),
        YearRow(2004, exhibitions=0, cities=0, reviews=0),
        YearRow(2005, exhibitions=1, cities=1, reviews=0),
        YearRow(2006, exhibitions=0, cities=0, reviews=0),
        YearRow(2007, exhibitions=0, cities=0, reviews=0),
        YearRow(2008, exhibitions=1, cities=1, reviews=0),
        YearRow(2009, exhibitions=0, cities=0, reviews=0),
        YearRow(2010, exhibitions=1, cities=1, reviews=1),
    ]


def test_jacques_took_six_years_from_his_first_show_to_paris(world: WorldSummary) -> None:
    career = career_for(viewer=None, person=Person.objects.get(slug="jacques-kalmurzaev"))

    figures = career_figures(career)

    assert figures.years_to_abroad == 6
    assert [g.name for g in figures.countries] == ["France", "Russia"]
    assert [g.name for g in figures.cities] == ["Moscow", "Paris"]
    assert figures.shows_per_year == Decimal("0.4")
    assert figures.reviews_per_year == Decimal("0.4")  # 3 reviews, 2007-2014


def test_a_career_without_shows_has_no_rates(db: Any) -> None:
    from tests.factories.people import PersonFactory

    figures = career_figures(career_for(viewer=None, person=PersonFactory()))

    assert (figures.years_to_abroad, figures.shows_per_year, figures.reviews_per_year) == (
        None,
        None,
        None,
    )
    assert figures.years == []
    assert career_chart_svg(figures.years) == ""


def test_the_chart_draws_each_figure_as_a_titled_bar() -> None:
    svg = career_chart_svg(
        [
            YearRow(2010, exhibitions=2, cities=1, reviews=0),
            YearRow(2011, exhibitions=0, cities=0, reviews=4),
        ]
    )

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert svg.count("<rect") == 3 + 3  # three legend keys, three bars (zeros are not drawn)
    assert "<title>2010: 2 exhibitions</title>" in svg
    assert "<title>2010: 1 city</title>" in svg
    assert "<title>2011: 4 reviews</title>" in svg
    assert 'height="176.0"' in svg  # the tallest bar (4) fills the plot
