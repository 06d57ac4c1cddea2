"""A query that finds too many works to rank lists them in the catalogue's order, paged by
keyset, and is counted no further than it must be; privacy holds either way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.test import Client

from tests.factories.works import ArtworkFactory
from vernissage.search import selectors
from vernissage.search.selectors import WORK, Ranked, search

PUBLIC = AnonymousUser()
YEARS = (2004, 2011, 1998, 2020, 2015, 2001)


@pytest.fixture
def birches(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for year in YEARS:
        ArtworkFactory(title=f"Birches {year}", date=str(year))
    ArtworkFactory(title="Birches hidden", date="2030", is_public=False)
    ArtworkFactory(title="Snowfield", date="2019")
    monkeypatch.setattr(selectors, "RANK_MAX", 3)
    monkeypatch.setattr(selectors, "COUNT_MAX", 4)


def _newest_first(years: tuple[int, ...]) -> list[str]:
    return [f"Birches {year}" for year in sorted(years, reverse=True)]


def test_too_many_to_rank_come_in_the_catalogues_order_as_a_queryset(birches: None) -> None:
    found = search(viewer=PUBLIC, query="birches", kinds=[WORK], keyset=True).kinds[WORK]

    assert isinstance(found, QuerySet)
    assert [work.title for work in found] == _newest_first(YEARS)


def test_a_ranked_list_too_long_to_rank_is_sliced_in_the_catalogues_order(
    birches: None,
) -> None:
    found = search(viewer=PUBLIC, query="birches", kinds=[WORK]).kinds[WORK]

    assert isinstance(found, Ranked)
    assert found.large
    assert [work.title for work in found[1:4]] == _newest_first(YEARS)[1:4]


def test_the_count_stops_past_its_ceiling(birches: None) -> None:
    found = search(viewer=PUBLIC, query="birches", kinds=[WORK]).kinds[WORK]
    few = search(viewer=PUBLIC, query="snowfield", kinds=[WORK]).kinds[WORK]

    assert (found.count(), found.capped) == (5, True)
    assert (few.count(), few.capped, few.large) == (1, False, False)


def test_staff_find_the_private_work_in_the_same_order(birches: None) -> None:
    owner = User.objects.create_superuser(username="owner", password="x")

    found = search(viewer=owner, query="birches", kinds=[WORK], keyset=True).kinds[WORK]

    assert [work.title for work in found][:2] == ["Birches hidden", "Birches 2020"]


def test_the_works_list_pages_them_by_keyset_and_the_search_page_says_more_than(
    client: Client, birches: None
) -> None:
    first = client.get("/works/?q=birches").content.decode()
    titles = re.findall(r'<span class="card-title">([^<]+)</span>', first)
    assert titles == _newest_first(YEARS)
    assert "Birches hidden" not in first

    summary = client.get("/search/?q=birches").content.decode()
    assert "more than 4" in summary
    kind_page = client.get("/search/?q=birches&kind=work").content.decode()
    assert "more than 4 found" in kind_page
    assert "Birches hidden" not in kind_page


def test_a_list_too_long_for_facets_says_how_to_narrow_it(
    client: Client, birches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "FACET_MAX", 5)

    long = client.get("/works/?q=birches").content.decode()
    narrowed = client.get("/works/?q=birches&decade=2010").content.decode()

    assert "narrow it with a word, a kind or a date" in long
    assert 'class="facets"' not in long
    assert 'class="facets"' in narrowed
    assert "narrow it with a word" not in narrowed


def test_the_ids_read_for_facets_count_a_list_past_the_ceiling(
    birches: None, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    """Reading the ids of a list too long for facets already says it holds more than are
    counted: the query is not run once more to count it."""
    monkeypatch.setattr(selectors, "FACET_MAX", 5)

    results = search(viewer=PUBLIC, query="birches", kinds=[WORK], with_facets=True)
    found = results.kinds[WORK]

    assert results.facets_skipped
    with django_assert_num_queries(0):
        assert (found.count(), found.capped, found.large) == (5, True, True)


def test_a_list_too_long_to_rank_is_paged_among_the_ids_read_for_its_facets(
    client: Client, birches: None
) -> None:
    """The works list reads the ids found once (for its facets); its page, in the
    catalogue's order, is taken among them: the full-text query runs once per page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        page = client.get("/works/?q=birches").content.decode()
    matching = [
        query["sql"]
        for query in captured.captured_queries
        if "search_fts" in query["sql"] or "::tsquery" in query["sql"]
    ]

    assert re.findall(r'<span class="card-title">([^<]+)</span>', page) == _newest_first(YEARS)
    assert len(matching) == 1, matching


def _titles(page: str) -> list[str]:
    return re.findall(r'<span class="card-title">([^<]+)</span>', page)


def _first_page_of_paintings(query: str) -> Any:
    """What the works list asks for its first page of two, the paintings a query finds."""
    return search(
        viewer=PUBLIC,
        query=query,
        kinds=[WORK],
        facets=selectors.WorkFacets(classification="painting"),
        with_facets=True,
        keyset=True,
        first_page=2,
    ).kinds[WORK]


def _walked(client: Client, url: str) -> list[str]:
    """The titles of every page of a works list, from ``url`` on by its "next" links."""
    seen: list[str] = []
    while url:
        page = client.get(url).content.decode()
        seen += _titles(page)
        following = re.search(r'href="(\?[^"]*cursor=[^"]*)"[^>]*rel="next"', page)
        url = f"/works/{following.group(1).replace('&amp;', '&')}" if following else ""
    return seen


def test_the_first_page_of_works_too_many_to_rank_is_ordered_from_the_few_that_can_be_on_it(
    client: Client, db: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With facets chosen, the dates of the works found are read with their ids; the first
    page of the newest-first list is then ordered from the works dated from the page's last
    date on and the undated (which each database puts at one end), not from all of them:
    the same page, and the pages after it by keyset the same list."""
    settings.VERNISSAGE_PAGE_SIZE = 2
    monkeypatch.setattr(selectors, "RANK_MAX", 3)
    years = ("1990", "1994", "1994", "1991", "1999", "1992", "1997", "", "1993", "1996")
    for number, year in enumerate(years):
        ArtworkFactory(title=f"Orchard {number}", date=year)
    ArtworkFactory(title="Orchard private", date="1998", is_public=False)
    ArtworkFactory(title="Orchard print", date="1998", classification="print")
    everything = list(search(viewer=PUBLIC, query="orchard", kinds=[WORK], keyset=True).kinds[WORK])
    expected = [work.title for work in everything if work.classification == "painting"]
    assert len(expected) == 10

    found = _first_page_of_paintings("orchard")
    assert isinstance(found, QuerySet)
    # Three of the ten: the newest three (1999, 1997, 1996) where the undated work sorts
    # last (SQLite), or the undated work and the newest two where it sorts first
    # (PostgreSQL).
    assert found.count() == 3
    assert [work.title for work in found] == expected[:3]

    assert _walked(client, "/works/?q=orchard&classification=painting") == expected


@pytest.mark.parametrize("undated", [1, 4])
def test_the_first_page_among_undated_works_is_the_databases_own(
    client: Client, db: Any, settings: Any, monkeypatch: pytest.MonkeyPatch, undated: int
) -> None:
    # Undated works sort first newest first on PostgreSQL and last on SQLite: with more of
    # them than a page holds, the first page is theirs alone on one and has none on the
    # other, and every page walked by cursor is the list the database orders.
    settings.VERNISSAGE_PAGE_SIZE = 2
    monkeypatch.setattr(selectors, "RANK_MAX", 3)
    years = ("1990", "1994", "1991", "1999", "1992", "1997", "1993") + ("",) * undated
    for number, year in enumerate(years):
        ArtworkFactory(title=f"Quince {number:02d}", date=year)
    expected = [
        work.title
        for work in search(viewer=PUBLIC, query="quince", kinds=[WORK], keyset=True).kinds[WORK]
    ]

    found = _first_page_of_paintings("quince")
    assert [work.title for work in found][:3] == expected[:3]
    assert found.count() < len(years)

    assert _walked(client, "/works/?q=quince&classification=painting") == expected
