"""The people graph's page and data: public, answering for each viewer, never leaking a
private person, tie or collector, with its filters in the URL and a fixed number of queries."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from vernissage.core.backends import permissions
from vernissage.core.models import AuditLog
from vernissage.core.services import staff_roles_set
from vernissage.demo.loader import WorldSummary
from vernissage.people import services as people
from vernissage.people.graph import tie_cache
from vernissage.site.page_cache import pages

#: What only viewers with private records (or contacts, for the collectors) may read.
PRIVATE = ("Ana Kalmurzaev&#x27;s mother", "ana-kalmurzaevs-mother", "/people/sophia/")
PRIVATE_JSON = ("Ana Kalmurzaev's mother", "ana-kalmurzaevs-mother", "/people/sophia/")
COLLECTORS = ("Hélène Marchand", "helene-marchand", "Eleanor Whitcombe", "/people/marcus-")

#: viewer → (sees private people and ties, sees collectors)
VIEWERS = {
    "anonymous": (False, False),
    "signed in, no role": (False, False),
    "staff, no permission": (False, False),
    "Viewer": (False, False),
    "Registrar": (True, False),
    "Sales": (True, True),
    "Owner": (True, True),
}


def _sign_in(client: Client, viewer: str) -> None:
    if viewer == "anonymous":
        return
    user = User.objects.create_user(
        username="someone", password="x", is_staff=viewer == "staff, no permission"
    )
    if viewer not in {"signed in, no role", "staff, no permission"}:
        staff_roles_set(user=user, roles=[viewer], acting_user=None)
    client.force_login(user)


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_graph_page_and_data_show_each_viewer_what_they_may_see(
    client: Client, world: WorldSummary, viewer: str
) -> None:
    private, collectors = VIEWERS[viewer]
    _sign_in(client, viewer)
    rows_before = AuditLog.objects.count()

    page = client.get("/graph/")
    data = client.get("/graph/data.json")

    assert page.status_code == data.status_code == 200
    html, text = page.content.decode(), data.content.decode()
    for secret in PRIVATE:
        assert (secret in html) is private, secret
    for secret in PRIVATE_JSON:
        assert (secret in text) is private, secret
    for secret in COLLECTORS:
        assert (secret in html) is collectors, secret
        assert (secret in text) is collectors, secret
    # Whoever may not see collectors is not even offered the filter.
    assert ('value="collector"' in html) is collectors
    graph = json.loads(text)
    assert (len(graph["nodes"]), len(graph["edges"])) == {
        (False, False): (10, 15),
        (True, False): (13, 18),
        (True, True): (17, 23),
    }[(private, collectors)]
    assert AuditLog.objects.count() == rows_before  # looking changed nothing


def test_graph_page_lists_the_ties_without_javascript(client: Client, world: WorldSummary) -> None:
    html = client.get("/graph/?around=jacques-kalmurzaev").content.decode()
    assert "<h1>The ties of Jacques Kalmurzaev</h1>" in html
    assert "5 people and organizations, 7 ties." in html
    assert (
        '<li>Partner of <a href="/people/jacques-kalmurzaev/">Jacques Kalmurzaev</a></li>' in html
    )
    assert '<li>Supported by <a href="/people/sophia-petrova/">Sophia Petrova</a></li>' in html
    assert '<li>Studied at Moscow School of Arts <span class="when-inline">(from mid-2000s)' in html
    assert '<li>Showed the work of <a href="/people/jacques-kalmurzaev/">' in html
    assert 'href="/graph/?around=sophia-petrova"' in html
    assert 'id="people-graph-data"' in html
    assert "vendor/cytoscape-3.35.0/cytoscape.min.js" in html


def test_a_cut_graph_says_so_and_offers_the_filters(client: Client, world: WorldSummary) -> None:
    html = client.get("/graph/?limit=3").content.decode()
    assert (
        "The graph is cut: it shows the 3 most connected of 10 people and organizations and "
        "3 of 15 ties."
    ) in html
    data = client.get("/graph/data.json?limit=3").json()
    assert (data["capped"], data["total_nodes"], data["total_edges"], data["limit"]) == (
        True,
        10,
        15,
        3,
    )
    assert [node["label"] for node in data["nodes"]] == [
        "Ana Kalmurzaev",
        "Jacques Kalmurzaev",
        "Viktor Petrov",
    ]


def test_filters_in_the_url_reach_the_data(client: Client, world: WorldSummary) -> None:
    data = client.get("/graph/data.json?kind=partner&kind=supporter&year=2013").json()
    assert sorted((e["source"], e["kind"], e["target"]) for e in data["edges"]) == sorted(
        (e["source"], e["kind"], e["target"])
        for e in client.get("/graph/data.json").json()["edges"]
        if e["kind"] in {"partner", "supporter"}
    )
    assert {e["kind"] for e in data["edges"]} == {"partner", "supporter"}


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("year=spring", "year", "Enter a whole number."),
        ("kind=collector", "kind", "Select a valid choice. collector is not one of the"),
        ("kind=enemy", "kind", "Select a valid choice. enemy is not one of the"),
        ("around=no-such-person", "around", "Nobody by that name or address."),
        ("around=petrov", "around", "Several people match “petrov”: write more of the name."),
        ("around=ana-kalmurzaevs-mother", "around", "Nobody by that name or address."),
        ("limit=100000", "limit", "Ensure this value is less than or equal to 500."),
    ],
)
def test_bad_filters_are_explained_never_a_500(
    client: Client, world: WorldSummary, query: str, field: str, message: str
) -> None:
    data = client.get(f"/graph/data.json?{query}")
    assert data.status_code == 400
    assert data.json()["errors"][field][0]["message"].startswith(message)
    page = client.get(f"/graph/?{query}")
    assert page.status_code == 200
    assert message in page.content.decode().replace("&#x27;", "'").replace("“", "“")
    assert 'id="people-graph-data"' not in page.content.decode()


def test_a_private_person_gives_the_answer_an_unknown_one_gives(
    client: Client, world: WorldSummary
) -> None:
    hidden = client.get("/graph/data.json?around=ana-kalmurzaevs-mother")
    unknown = client.get("/graph/data.json?around=no-such-person")
    assert hidden.content == unknown.content


def test_a_name_in_any_script_finds_the_person_to_draw_around(
    client: Client, world: WorldSummary
) -> None:
    data = client.get("/graph/data.json?around=Калмурзаева").json()
    assert data["center"] == next(n["id"] for n in data["nodes"] if n["label"] == "Ana Kalmurzaev")
    page_link = client.get("/graph/data.json?around=/people/ana-kalmurzaev/").json()
    assert page_link["center"] == data["center"]


def test_the_artist_page_and_the_menu_link_to_the_graph(
    client: Client, world: WorldSummary
) -> None:
    html = client.get("/people/ana-kalmurzaev/").content.decode()
    assert '<a href="/graph/?around=ana-kalmurzaev">Graph of their ties</a>' in html
    assert '<a href="/graph/">People graph</a>' in html


def _grow(extra: int) -> None:
    """More people, ties and venues: the queries must not follow."""
    hub = people.person_create(acting_user=None, display_name="Hub Artist", is_public=True)
    school = people.organization_create(acting_user=None, name="Grown School", kind="school")
    for number in range(extra):
        other = people.person_create(
            acting_user=None, display_name=f"Grown {number}", is_public=number % 3 != 0
        )
        people.relationship_create(
            acting_user=None, person=hub, kind="friend", other_person=other, start_date="2010"
        )
        people.relationship_create(
            acting_user=None, person=other, kind="studied_at", organization=school
        )


@pytest.mark.parametrize(("viewer", "queries"), [("anonymous", 13), ("Sales", 18)])
def test_graph_data_queries_do_not_grow_with_the_catalogue(
    client: Client,
    world: WorldSummary,
    django_assert_num_queries: Any,
    viewer: str,
    queries: int,
) -> None:
    _sign_in(client, viewer)
    with django_assert_num_queries(queries):
        assert client.get("/graph/data.json").status_code == 200
    _grow(30)  # in a transaction that never commits: the caches must be told
    pages.clear()  # the anonymous answer was cached
    permissions.clear()  # and the staff member's permissions: count them again
    tie_cache.clear()  # and the ties read
    with django_assert_num_queries(queries):
        data = client.get("/graph/data.json?year=2012").json()
    # In 2012: five of the stories' nodes (nine with the private ties: Petrov, Sophia and
    # Romy, Ana's mother), the hub and the school, the 20 public newcomers (30 in all).
    assert len(data["nodes"]) == {"anonymous": 5 + 2 + 20, "Sales": 9 + 2 + 30}[viewer]
    pages.clear()
    permissions.clear()
    tie_cache.clear()
    with django_assert_num_queries(queries + 1):  # the person drawn around
        client.get("/graph/data.json?around=hub-artist&depth=2")


def test_graph_page_queries(
    client: Client, world: WorldSummary, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(13):
        assert client.get("/graph/").status_code == 200
    # Until the catalogue changes, the ties read are kept: only the nodes drawn (and the
    # dates of the relationships among their ties) are read.
    with django_assert_num_queries(4):
        assert client.get("/graph/?limit=5").status_code == 200
