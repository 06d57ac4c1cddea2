"""In a real browser, what Lighthouse's SEO and best-practice audits read on the public pages:
each has a meta description of its own and a favicon that loads, and nothing goes wrong in the
console (no script error, no resource that fails to load); every card's picture has its size
and alt text."""

from __future__ import annotations

from typing import Any

from vernissage.demo.loader import world_load
from vernissage.exhibitions.models import Exhibition
from vernissage.works.models import Artwork

PAGES = [
    "/",
    "/works/",
    "/artists/",
    "/exhibitions/",
    "/people/jacques-kalmurzaev/",
    "/people/jacques-kalmurzaev/cv/",
    "/people/jacques-kalmurzaev/career/",
    "/graph/",
    "/search/?q=Kalmurzaev",
    "work",
    "exhibition",
]


def test_public_pages_have_a_description_a_favicon_and_a_quiet_console(
    live_server: Any, page: Any, media: Any
) -> None:
    world_load()
    found = {
        "work": Artwork.objects.public().order_by("inventory_number")[0].get_absolute_url(),
        "exhibition": Exhibition.objects.public().order_by("slug")[0].get_absolute_url(),
    }
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    descriptions = {}
    for path in [found.get(path, path) for path in PAGES]:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        page.wait_for_load_state("load")
        description = page.locator('meta[name="description"]').get_attribute("content")
        assert description is not None
        assert len(description) > 20, path
        descriptions[path] = description
        icon = page.locator('link[rel="icon"]').get_attribute("href")
        assert icon is not None
        fetched = page.request.get(f"{live_server.url}{icon}")
        assert fetched.status == 200
        assert fetched.headers["content-type"].startswith("image/svg+xml")
        for image in page.locator("li.card img").all():
            assert image.get_attribute("alt")
            assert image.get_attribute("width")
            assert image.get_attribute("height")
    assert page.request.get(f"{live_server.url}/favicon.ico").status == 200  # redirected
    assert problems == []
    assert len(set(descriptions.values())) == len(PAGES)


UNNAMED_CONTROLS = """() => Array.from(document.querySelectorAll("input, select, textarea"))
  .filter(control => control.type !== "hidden")
  .filter(control => !(control.labels.length || control.getAttribute("aria-label")
    || control.getAttribute("aria-labelledby")))
  .map(control => control.outerHTML)"""

DANGLING_DESCRIPTIONS = """() => Array.from(document.querySelectorAll("[aria-describedby]"))
  .flatMap(element => element.getAttribute("aria-describedby").split(/\\s+/))
  .filter(id => !document.getElementById(id))"""


def test_public_forms_name_every_control(live_server: Any, page: Any) -> None:
    """Lighthouse's label and select-name audits: the works list's filters had none."""
    world_load()
    for path in ["/works/", "/artists/", "/search/?q=Kalmurzaev", "/graph/", "/accounts/login/"]:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None
        assert response.status == 200, path
        assert page.evaluate(UNNAMED_CONTROLS) == [], path
        assert page.evaluate(DANGLING_DESCRIPTIONS) == [], path
    page.goto(f"{live_server.url}/works/")
    assert page.get_by_label("Kind").evaluate("element => element.tagName") == "SELECT"
    assert page.get_by_label("Made").get_attribute("aria-describedby") == "id_made_helptext"
