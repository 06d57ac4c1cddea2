"""In a real browser: the people graph of the stories' world is drawn by Cytoscape.js, and a
click on a person opens their page."""

from __future__ import annotations

import os
from typing import Any

import pytest

from vernissage.demo.loader import world_load

DRAWN = """() => {
  const container = document.getElementById("people-graph");
  const graph = window.vernissagePeopleGraph;
  return !!graph && container.dataset.ready === "true" && graph.nodes().length > 0
    && container.querySelector("canvas") !== null;
}"""

#: Where a node is on the screen: the container's place on the page plus the node's place in
#: the container, as Cytoscape rendered it.
NODE_ON_SCREEN = """(id) => {
  const graph = window.vernissagePeopleGraph;
  const box = document.getElementById("people-graph").getBoundingClientRect();
  const at = graph.getElementById(id).renderedPosition();
  return {x: box.left + at.x, y: box.top + at.y};
}"""


@pytest.mark.django_db(transaction=True)
def test_graph_page_draws_the_ties_and_a_click_opens_the_person(
    live_server: Any, page: Any
) -> None:
    world_load()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/graph/")
    page.wait_for_function(DRAWN)

    drawn = page.evaluate("() => window.vernissagePeopleGraph.nodes().map(n => n.data('label'))")
    assert sorted(drawn) == [
        "Ana Kalmurzaev",
        "Espace Verneuil",
        "Galereya Sretenka",
        "Galerie Hallmann",
        "Galerie Marchetti-Roux",
        "Jacques Kalmurzaev",
        "Moscow School of Arts",
        "Romy Kalmurzaev",
        "Sophia Petrova",
        "Viktor Petrov",
    ]
    assert page.evaluate("() => window.vernissagePeopleGraph.edges().length") == 15
    if os.environ.get("GRAPH_SCREENSHOT"):
        page.screenshot(path=os.environ["GRAPH_SCREENSHOT"], full_page=True)

    # The one person of the catalogue the layout put anywhere: click where it is drawn.
    jacques = page.evaluate(
        "() => window.vernissagePeopleGraph.nodes()"
        ".filter(n => n.data('label') === 'Jacques Kalmurzaev')[0].id()"
    )
    page.locator("#people-graph").scroll_into_view_if_needed()
    # Cytoscape reads where its canvas is on the next scroll event; ask it now instead.
    page.evaluate("() => window.vernissagePeopleGraph.resize()")
    point = page.evaluate(NODE_ON_SCREEN, jacques)
    with page.expect_navigation():
        page.mouse.click(point["x"], point["y"])
    assert page.url == f"{live_server.url}/people/jacques-kalmurzaev/"
    assert page.locator("h1").inner_text() == "Jacques Kalmurzaev"
    assert errors == []
