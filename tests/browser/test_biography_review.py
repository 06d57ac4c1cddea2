"""In a real browser: a staff member pastes a biography, sees its facts marked in the text,
rejects one, accepts the rest (htmx answers in place), and finds the new person on the
public page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from vernissage.biographies.models import Citation
from vernissage.people.models import Person

TEXT = (
    "Lucía Castillo is a Mexican painter who lives and works in Oaxaca.\n\n"
    "Castillo grew up in Puebla. Her mother, the weaver Rosa Méndez, taught her to dye wool. "
    "Her closest friend is the poet Elena Ruiz."
)


def test_paste_review_and_accept_a_biography(live_server: Any, page: Any) -> None:
    from playwright.sync_api import expect

    # A superuser: tests that commit start without the role groups of the migrations.
    User.objects.create_superuser(username="reader", password="reader-pass-1")
    page.goto(f"{live_server.url}/accounts/login/?next=/biographies/")
    page.fill("input[name=login]", "reader")
    page.fill("input[name=password]", "reader-pass-1")
    page.locator("form button[type=submit]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Read a biography")

    page.get_by_label("Biography (plain text, Markdown or HTML)").fill(TEXT)
    page.get_by_role("button", name="Read").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lucía Castillo")
    expect(page.locator('mark[data-field="subject"]').first).to_have_text("Lucía Castillo")
    expect(page.locator('mark[data-field="people"]', has_text="Rosa Méndez")).to_be_visible()
    page.evaluate("window.notReloaded = true")

    friend = page.locator(".fact", has_text="Elena Ruiz: poet")
    friend.get_by_label("accept").uncheck()
    tie = page.locator(".fact", has_text="Elena Ruiz: friend")
    tie.get_by_label("accept").uncheck()
    page.get_by_role("button", name="Accept the checked facts").click()

    # The first accept reads the gazetteer of world cities: allow it the time.
    expect(page.get_by_role("status")).to_contain_text("Accepted: Lucía Castillo", timeout=30_000)
    assert page.evaluate("window.notReloaded === true")  # answered by htmx in place
    castillo = Person.objects.get(display_name="Lucía Castillo")
    assert castillo.birth_place is not None
    assert castillo.birth_place.name == "Puebla"
    assert Person.objects.filter(display_name="Rosa Méndez").exists()
    assert not Person.objects.filter(display_name="Elena Ruiz").exists()
    assert Citation.objects.filter(value="Rosa Méndez: parent").exists()

    page.get_by_role("link", name="See the page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lucía Castillo")
    expect(page.locator("main")).to_contain_text("Rosa Méndez")
