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


# --- the facets' terms in the index ----------------------------------------------------------


@pytest.fixture
def gardens(db: Any) -> list[Any]:
    """Works found by one word, of two kinds and decades, one of a date that may fall in
    two decades, one private, one of a kind whose code has an underscore."""
    return [
        ArtworkFactory(title="Garden I", date="1995", classification="painting"),
        ArtworkFactory(title="Garden II", date="c. 2001", classification="painting"),
        ArtworkFactory(title="Garden III", date="1995", classification="print"),
        ArtworkFactory(title="Garden IV", date="2012", classification="painting"),
        ArtworkFactory(title="Garden V", date="1991", classification="mixed_media"),
        ArtworkFactory(title="Garden VI", date="1998", classification="painting", is_public=False),
        ArtworkFactory(title="Garden VII", date="", classification="painting"),
    ]


@pytest.mark.parametrize("viewer", ["public", "staff"])
def test_a_word_narrowed_by_facets_finds_what_the_facets_filters_alone_find(
    gardens: list[Any], viewer: str
) -> None:
    """The index intersects the word with the facets' terms; what it finds is what the
    facets' own filters let through of the works the word finds, for every combination."""
    from vernissage.search.selectors import works_filtered

    who = PUBLIC if viewer == "public" else User.objects.create_superuser(username="owner")
    chosen_sets = [
        {"classification": "painting"},
        {"decade": "1990"},
        {"decade": "2000"},
        {"classification": "painting", "decade": "1990"},
        {"classification": "mixed_media", "decade": "1990"},
        {"classification": "print", "decade": "2010"},
        {"classification": "sculpture"},
        {"decade": "1995"},  # not a decade: nothing
    ]
    for chosen in chosen_sets:
        expected = sorted(
            work.title
            for work in works_filtered(viewer=who, facets=WorkFacets(**chosen))
            if work.title.startswith("Garden")
        )
        assert _titles(who, "garden", **chosen) == expected, chosen
    assert _titles(who, "garden", classification="painting", decade="1990") == (
        ["Garden I", "Garden II", "Garden VI"] if viewer == "staff" else ["Garden I", "Garden II"]
    )


@pytest.mark.parametrize("viewer", ["public", "staff"])
def test_the_facets_terms_are_never_found_by_a_word_typed(gardens: list[Any], viewer: str) -> None:
    """The terms live in a column (SQLite) or weight (PostgreSQL) that the words typed are
    not matched against: typing one, or the first letter of one, finds no work by it."""
    from vernissage.search.models import SearchDocument

    who = PUBLIC if viewer == "public" else User.objects.create_superuser(username="owner")
    document = SearchDocument.objects.get(kind=WORK, object_id=gardens[4].pk)
    assert document.facets == "kmixedmedia d1990"
    assert SearchDocument.objects.get(kind=WORK, object_id=gardens[1].pk).facets == (
        "kpainting d1990 d2000"  # c. 2001: 1996 to 2006
    )
    # ("kpainting" would find the paintings, as "painting" one letter away.)
    for typed in ("kmixedmedia", "d1990", "d2000", "k", "d", "kmixedmedi"):
        assert _titles(who, typed) == [], typed


def test_a_works_new_kind_and_date_move_it_between_facets(gardens: list[Any]) -> None:
    work = gardens[2]  # Garden III, a print of 1995
    assert _titles(PUBLIC, "garden", classification="painting", decade="1990") == [
        "Garden I",
        "Garden II",
    ]
    work.classification = "painting"
    work.date = "2015"
    works.artwork_save(artwork=work, acting_user=None)
    assert _titles(PUBLIC, "garden", classification="painting", decade="2010") == [
        "Garden III",
        "Garden IV",
    ]
    assert "Garden III" not in _titles(PUBLIC, "garden", decade="1990")


def test_the_admins_own_filters_are_not_narrowed_by_the_facets_terms(gardens: list[Any]) -> None:
    """A caller's own list (``within``, the admin's filters) is searched as it is: the
    facets, not applied to it, are not asked of the index either."""
    from vernissage.works.models import Artwork

    found = search(
        viewer=PUBLIC,
        query="garden",
        kinds=[WORK],
        facets=WorkFacets(classification="print"),
        within={WORK: Artwork.objects.public()},
    ).kinds[WORK]
    assert len(found[:20]) == 6


@pytest.mark.parametrize("viewer", ["public", "staff"])
def test_facets_without_a_word_count_what_their_filters_let_through(
    gardens: list[Any], viewer: str
) -> None:
    """Without a word, the works of facets the index holds (kind, decade) are found through
    its terms (on SQLite) and counted: the counts are those of the facets' own filters, for
    every combination, private works only for those who see them."""
    from vernissage.search.selectors import works_filtered

    who = PUBLIC if viewer == "public" else User.objects.create_superuser(username="owner")
    for chosen in [
        {"classification": "painting"},
        {"decade": "1990"},
        {"classification": "painting", "decade": "1990"},
        {"classification": "mixed_media", "decade": "1990"},
        {"classification": "print", "decade": "2010"},
        {"decade": "1995"},  # not a decade: nothing
    ]:
        let_through = list(works_filtered(viewer=who, facets=WorkFacets(**chosen)))
        counts = _counts(who, **chosen)
        assert sum(counts.get("classification", {}).values()) == len(let_through), chosen
        assert counts.get("classification", {}) == {
            kind: sum(1 for work in let_through if work.classification == kind)
            for kind in {work.classification for work in let_through}
        }, chosen
    expected = {"painting": 2} if viewer == "public" else {"painting": 3}
    assert _counts(who, classification="painting", decade="1990")["classification"] == expected


def test_a_word_narrowed_by_facets_ranks_its_works_as_the_word_alone(db: Any) -> None:
    """The index ranks the works found with facets by the words alone: a title that holds
    the word before a description that mentions it, as without the facets."""
    mention = ArtworkFactory(title="Untitled", description="After the garden at dusk.", date="1995")
    titled = ArtworkFactory(title="The Garden", date="1996")
    ArtworkFactory(title="Garden Wall", date="2005")
    for chosen in ({}, {"decade": "1990"}, {"classification": "painting", "decade": "1990"}):
        found = search(
            viewer=PUBLIC, query="garden", kinds=[WORK], facets=WorkFacets(**chosen)
        ).kinds[WORK]
        ranked = [work for work in found[0:3] if work in (titled, mention)]
        assert ranked == [titled, mention], chosen


def test_a_facet_offers_the_twelve_most_counted_it_may_name_by_count_then_name(db: Any) -> None:
    # More makers than a facet shows, ties across its twelfth place, and the most counted a
    # private person: the public sees the twelve most counted public makers, ties in name
    # order; staff see the private one first.
    hidden = PersonFactory(display_name="Anonymous Hand", is_public=False)
    makers = {name: PersonFactory(display_name=name) for name in "ABCDEFGHIJKLMNOP"}
    counts = dict(
        zip("ABCDEFGHIJKLMNOP", [5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1], strict=True)
    )
    for name, count in counts.items():
        for number in range(count):
            ArtworkFactory(
                title=f"Lantern {name} {number}",
                makers=[(makers[name], "artist"), (hidden, "co_artist")],
            )

    public = [
        facet
        for facet in search(viewer=PUBLIC, query="lantern", kinds=[WORK], with_facets=True).facets
        if facet.name == "maker"
    ]
    registrar = User.objects.create_user(username="registrar", password="x")
    staff_roles_set(user=registrar, roles=["Registrar"], acting_user=None)
    staff = [
        facet
        for facet in search(
            viewer=registrar, query="lantern", kinds=[WORK], with_facets=True
        ).facets
        if facet.name == "maker"
    ]

    # Seven makers have two works each: the first six of them by name fill the twelve.
    assert [(value.label, value.count) for value in public[0].values] == [
        ("A", 5), ("B", 4), ("C", 4), ("D", 3), ("E", 3), ("F", 3),
        ("G", 2), ("H", 2), ("I", 2), ("J", 2), ("K", 2), ("L", 2),
    ]  # fmt: skip
    assert [(value.label, value.count) for value in staff[0].values][:3] == [
        ("Anonymous Hand", sum(counts.values())), ("A", 5), ("B", 4),
    ]  # fmt: skip
    assert len(staff[0].values) == 12
