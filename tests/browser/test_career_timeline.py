"""In a real browser: Jacques' page draws his career, the timeline from the Moscow School of
Arts to Paris, the figures linked to what they count and the chart (server-made SVG, no
script), and a figure's link lands on the records it counts."""

from __future__ import annotations

from typing import Any

from vernissage.demo.loader import world_load


def test_jacques_page_shows_his_timeline_and_chart(live_server: Any, page: Any) -> None:
    world_load()

    page.goto(f"{live_server.url}/people/jacques-kalmurzaev/")

    timeline = page.locator("ol.career-timeline > li")
    assert timeline.count() == 12
    born = " ".join(timeline.first.inner_text().split())
    assert born == "c. 1988 Born in Moscow — Born in Moscow into a family of modest means."
    shows = page.locator(
        "ol.career-timeline > li.career-solo_show, ol.career-timeline > li.career-group_show"
    )
    assert [shows.nth(i).locator("a").inner_text() for i in range(shows.count())] == [
        "Graduates of the Moscow School of Arts",
        "Love, Loss and Justice",
        "Bold Visions",
    ]
    chart = page.locator("figure.career-chart svg")
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert box["height"] > 100
    bars = page.locator("figure.career-chart svg rect title")
    assert bars.count() == 9  # shows and cities in 2007, 2011, 2013; reviews 2011, 2013-14
    assert page.locator("table.career-years tbody tr").count() == 8
    page.locator("dl.career-figures a.figure", has_text="6 years").click()
    page.wait_for_url("**/people/jacques-kalmurzaev/career/#career-shows-abroad")
    assert page.locator("#career-shows-abroad").is_visible()
    counted = page.locator("#career-shows-abroad + ul > li")
    assert counted.count() == 1
    assert counted.first.inner_text().startswith("Bold Visions")
