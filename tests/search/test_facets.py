"""Facets of the works list: counts among what the viewer may see and the query found,
values the viewer may see only, and a value that names nothing finds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User

from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from vernissage.core.services import staff_roles_set
from vernissage.search.selectors import WORK, WorkFacets, search
from vernissage.works import services as works

PUBLIC = AnonymousUser()


def _counts(viewer: Any, query: str = "", **chosen: str) -> dict[str, dict[str, int]]:
    results = search(
        viewer=viewer,
        query=query,
        kinds=[WORK],
        facets=WorkFacets(**chosen),
        with_facets=True,
    )
    return {facet.name: {v.value: v.count for v in facet.values} for facet in results.facets}


def _titles(viewer: Any, query: str = "", **chosen: str) -> list[str]:
    results = search(viewer=viewer, query=query, kinds=[WORK], facets=WorkFacets(**chosen))
    return sorted(work.title for work in results.kinds[WORK][:100])


@pytest.fixture
def catalogue(db: Any) -> dict[str, Any]:
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    hidden = PersonFactory(display_name="Hidden Collector", is_public=False)
    open_series = works.series_create(acting_user=None, title="Rural Siberia")
    secret_series = works.series_create(acting_user=None, title="Secret Series", is_public=False)
    ArtworkFactory(
        title="Birches",
        date="1995",
        medium="Oil on canvas",
        makers=[(ana, "artist")],
        series=open_series,
        themes=["winter"],
    )
    ArtworkFactory(
        title="Snow Birches",
        date="c. 2003",
        medium="Oil on canvas",
        classification="photograph",
        makers=[(ana, "artist"), (hidden, "co_artist")],
        series=secret_series,
    )
    ArtworkFactory(
        title="Private Birches",
        date="1999",
        medium="Gouache",
        makers=[(ana, "artist")],
        is_public=False,
        status="sold",
        themes=["winter"],
    )
    return {"ana": ana, "hidden": hidden}


def test_anonymous_counts_leave_out_private_works_makers_and_series(catalogue: Any) -> None:
    counts = _counts(PUBLIC, "birches")

    assert counts["classification"] == {"painting": 1, "photograph": 1}
    assert counts["maker"] == {"ana-kalmurzaev": 2}
    assert counts["decade"] == {"2000": 1, "1990": 2}  # c. 2003 may be 1998
    assert counts["medium"] == {"Oil on canvas": 2}
    assert counts["theme"] == {"winter": 1}
    assert counts["series"] == {"rural-siberia": 1}
    assert "status" not in counts


def test_staff_who_see_private_records_count_them_and_see_status(catalogue: Any) -> None:
    registrar = User.objects.create_user(username="registrar", password="x")
    staff_roles_set(user=registrar, roles=["Registrar"], acting_user=None)

    counts = _counts(registrar, "birches")

    assert counts["classification"] == {"painting": 2, "photograph": 1}
    assert counts["maker"] == {"ana-kalmurzaev": 3, "hidden-collector": 1}
    assert counts["decade"] == {"2000": 1, "1990": 3}
    assert counts["medium"] == {"Oil on canvas": 2, "Gouache": 1}
    assert counts["theme"] == {"winter": 2}
    assert counts["series"] == {"rural-siberia": 1, "secret-series": 1}
    assert counts["status"] == {"available": 2, "sold": 1}


def test_a_viewer_role_sees_what_the_public_sees(catalogue: Any) -> None:
    viewer = User.objects.create_user(username="viewer", password="x")
    staff_roles_set(user=viewer, roles=["Viewer"], acting_user=None)

    assert _counts(viewer, "birches") == _counts(PUBLIC, "birches")


def test_facets_combine_with_each_other_and_the_query(catalogue: Any) -> None:
    owner = User.objects.create_superuser(username="owner", password="x")

    assert _titles(owner, "birches", decade="2000") == ["Snow Birches"]
    assert _titles(owner, "birches", decade="1990") == [
        "Birches",
        "Private Birches",
        "Snow Birches",
    ]
    assert _titles(owner, "birches", decade="1990", medium="Gouache") == ["Private Birches"]
    assert _titles(owner, "snow", maker="ana-kalmurzaev") == ["Snow Birches"]
    assert _titles(owner, "", theme="winter", status="sold") == ["Private Birches"]
    assert _counts(owner, "birches", decade="1990")["medium"] == {
        "Oil on canvas": 2,
        "Gouache": 1,
    }


@pytest.mark.parametrize(
    "chosen",
    [
        pytest.param({"classification": "hologram"}, id="unknown_kind_case"),
        pytest.param({"maker": "nobody-at-all"}, id="unknown_maker_case"),
        pytest.param({"maker": "hidden-collector"}, id="private_maker_case"),
        pytest.param({"series": "secret-series"}, id="private_series_case"),
        pytest.param({"decade": "1995"}, id="not_a_decade_case"),
        pytest.param({"decade": "nineties"}, id="words_for_a_decade_case"),
        pytest.param({"decade": "9" * 300}, id="huge_decade_case"),
        pytest.param({"medium": "Marble"}, id="unknown_medium_case"),
        pytest.param({"theme": "summer"}, id="unknown_theme_case"),
        pytest.param({"exhibition": "no-such-show"}, id="unknown_show_case"),
        pytest.param({"made": "the winter my father left"}, id="unreadable_date_case"),
    ],
)
def test_a_value_that_names_nothing_the_viewer_sees_finds_nothing(
    catalogue: Any, chosen: dict[str, str]
) -> None:
    assert _titles(PUBLIC, **chosen) == []
    assert _counts(PUBLIC, **chosen) == {}


def test_the_public_cannot_narrow_by_status(catalogue: Any) -> None:
    """Status is private: a public visitor asking for sold works gets the list unnarrowed,
    learning nothing (and never a private work)."""
    assert _titles(PUBLIC, status="sold") == _titles(PUBLIC)


def test_the_unnarrowed_list_counts_no_facet_and_a_long_list_none(catalogue: Any) -> None:
    unnarrowed = search(viewer=PUBLIC, query="", kinds=[WORK], with_facets=True)
    assert unnarrowed.facets == []
    assert not unnarrowed.facets_skipped

    long = search(viewer=PUBLIC, query="birches", kinds=[WORK], with_facets=True, facet_max=1)
    assert long.facets == []
    assert long.facets_skipped
