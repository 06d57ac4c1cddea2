from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F
from django.http import QueryDict
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.pagination import CURSOR_PARAMETER, keyset_page, sort_keys
from vernissage.works.models import Artwork


@pytest.fixture
def catalogue(db: Any) -> list[int]:
    """Eleven works whose order has ties (same date and title) and works with no date, which
    sort at one end on SQLite and the other on PostgreSQL; returns their ids in list order."""
    maker = PersonFactory()
    dates = ["2001", "2001", "2001", "", "1990s", "", "2012", "2012", "c. 1850", "2001", ""]
    for number, date in enumerate(dates):
        ArtworkFactory(
            title="Same title" if number % 2 else f"Title {number % 3}",
            date=date,
            makers=[(maker, "artist")],
        )
    return list(Artwork.objects.values_list("id", flat=True))


def _walk(params: dict[str, str], per_page: int) -> list[list[int]]:
    pages = []
    page = keyset_page(Artwork.objects.all(), params=params, per_page=per_page)
    pages.append([work.pk for work in page])
    while page.has_next:
        page = keyset_page(
            Artwork.objects.all(), params=QueryDict(page.next_query), per_page=per_page
        )
        pages.append([work.pk for work in page])
    return pages


@pytest.mark.parametrize("per_page", [1, 3, 4, 11, 20])
def test_next_links_walk_the_whole_list_once_in_order(catalogue: list[int], per_page: int) -> None:
    pages = _walk({}, per_page)

    assert [pk for page in pages for pk in page] == catalogue
    assert all(len(page) == per_page for page in pages[:-1])
    assert len(pages) == -(-len(catalogue) // per_page)


@pytest.mark.parametrize("per_page", [1, 3, 4])
def test_previous_links_walk_back_the_same_pages(catalogue: list[int], per_page: int) -> None:
    forward = _walk({}, per_page)
    page = keyset_page(Artwork.objects.all(), params={}, per_page=per_page)
    while page.has_next:
        page = keyset_page(
            Artwork.objects.all(), params=QueryDict(page.next_query), per_page=per_page
        )
    backward = [[work.pk for work in page]]
    while page.has_previous:
        page = keyset_page(
            Artwork.objects.all(), params=QueryDict(page.previous_query), per_page=per_page
        )
        backward.append([work.pk for work in page])

    assert backward[::-1] == forward
    assert not page.has_previous
    assert page.has_next


def test_the_first_page_has_no_previous_link(catalogue: list[int]) -> None:
    page = keyset_page(Artwork.objects.all(), params={}, per_page=4)

    assert not page.has_previous
    assert page.previous_query == ""
    assert page.has_next


@pytest.mark.parametrize(
    "cursor_case",
    [
        "garbage",
        "",
        "eyJiIjpmYWxzZSwidiI6WzFdfQ:forged",
        "' OR 1=1 --",
        "x" * 5000,
        "🎨",
    ],
)
def test_a_forged_cursor_gives_the_first_page(catalogue: list[int], cursor_case: str) -> None:
    page = keyset_page(Artwork.objects.all(), params={CURSOR_PARAMETER: cursor_case}, per_page=4)

    assert [work.pk for work in page] == catalogue[:4]
    assert not page.has_previous


def test_a_cursor_of_another_order_gives_the_first_page(catalogue: list[int]) -> None:
    by_title = keyset_page(Artwork.objects.all(), params={}, per_page=4, ordering=["title"])

    page = keyset_page(Artwork.objects.all(), params=QueryDict(by_title.next_query), per_page=4)

    assert [work.pk for work in page] == catalogue[:4]


def test_links_keep_the_other_parameters(catalogue: list[int]) -> None:
    params = QueryDict("q=same&classification=painting&classification=drawing")

    page = keyset_page(Artwork.objects.all(), params=params, per_page=2)
    following = QueryDict(page.next_query)

    assert following.getlist("classification") == ["painting", "drawing"]
    assert following["q"] == "same"
    assert following[CURSOR_PARAMETER]


def test_the_order_always_ends_on_the_primary_key(db: Any) -> None:
    keys = sort_keys(Artwork.objects.order_by("title"))

    assert [key.label for key in keys] == ["title", "pk"]
    assert [key.label for key in sort_keys(Artwork.objects.all())] == [
        "-date_earliest",
        "title",
        "pk",
    ]


def test_a_page_is_one_query_whatever_its_depth(
    catalogue: list[int], django_assert_num_queries: Any
) -> None:
    deep = _walk({}, 2)
    assert len(deep) == 6
    page = keyset_page(Artwork.objects.all(), params={}, per_page=2)
    for _step in range(4):
        page = keyset_page(Artwork.objects.all(), params=QueryDict(page.next_query), per_page=2)

    with django_assert_num_queries(1):
        keyset_page(Artwork.objects.all(), params=QueryDict(page.next_query), per_page=2)


def test_the_page_where_dates_give_way_to_undated_works_reads_both(
    catalogue: list[int], django_assert_num_queries: Any
) -> None:
    """Newest first, SQLite puts the undated works last: the page that starts among dated
    works and ends among undated ones reads each in turn (each a range of the index);
    PostgreSQL puts them first, and every page is one query."""
    from django.db import connection

    dated = Artwork.objects.filter(date_earliest__isnull=False).count()
    undated_last = connection.vendor == "sqlite"
    page = keyset_page(Artwork.objects.all(), params={}, per_page=dated - 1)
    with django_assert_num_queries(2 if undated_last else 1):
        page = keyset_page(
            Artwork.objects.all(), params=QueryDict(page.next_query), per_page=dated - 1
        )
    start = dated - 1
    assert [work.pk for work in page] == catalogue[start : start + dated - 1]
    if undated_last:
        assert page.object_list[0].date_earliest is not None
        assert page.object_list[-1].date_earliest is None


ORDERINGS = {
    "database nulls": ["-date_earliest", "title"],
    "nulls last descending": [F("date_earliest").desc(nulls_last=True), "title"],
    "nulls first ascending": [F("date_earliest").asc(nulls_first=True), "-title", "pk"],
    "nulls last ascending": [F("date_earliest").asc(nulls_last=True)],
    "by title then newest id": ["title", "-id"],
}


@pytest.mark.parametrize("ordering_case", ORDERINGS)
def test_every_order_pages_forward_and_back_without_loss(
    catalogue: list[int], ordering_case: str
) -> None:
    ordering: Any = ORDERINGS[ordering_case]
    expected = list(Artwork.objects.order_by(*ordering, "pk").values_list("id", flat=True))
    seen: list[list[int]] = []
    page = keyset_page(Artwork.objects.all(), params={}, per_page=3, ordering=ordering)
    seen.append([work.pk for work in page])
    while page.has_next:
        page = keyset_page(
            Artwork.objects.all(), params=QueryDict(page.next_query), per_page=3, ordering=ordering
        )
        seen.append([work.pk for work in page])
    back = [[work.pk for work in page]]
    while page.has_previous:
        page = keyset_page(
            Artwork.objects.all(),
            params=QueryDict(page.previous_query),
            per_page=3,
            ordering=ordering,
        )
        back.append([work.pk for work in page])

    assert [pk for chunk in seen for pk in chunk] == expected
    assert back[::-1] == seen


def test_a_list_page_reads_the_living_works_in_the_lists_order_without_sorting(
    catalogue: list[int],
) -> None:
    """The first page of a list is read in an index's order, whatever the database: SQLite
    from ``artwork_alive_order_idx``; PostgreSQL, which does not take ``deleted_at IS NULL``
    as an equality, from its partial index of the living works (works 0008). Without it,
    PostgreSQL sorted every undated work of the catalogue for each page."""
    from django.db import connection

    page = Artwork.objects.public().order_by(*Artwork._meta.ordering)[:49]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The eleven works of the test fit a page of the heap: only an index can be
            # asked to give the order, and it must give it whole.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "artwork_alive_order_pg" in plan, plan
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "Sort" not in plan, plan  # PostgreSQL: "Sort", "Incremental Sort"
    assert "TEMP B-TREE" not in plan, plan  # SQLite's sort
