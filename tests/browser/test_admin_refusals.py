"""In a real browser: staff type a print beyond the edition in the admin and see it refused on
its row, with what they typed still in the form."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from tests.factories.works import ArtworkFactory
from vernissage.works.models import Artwork


def test_a_refused_print_is_shown_on_its_row_with_the_input_kept(
    live_server: Any, page: Any, staff: User
) -> None:
    from playwright.sync_api import expect

    artwork = ArtworkFactory(
        title="Red Square at Dawn", classification="photograph", edition_size=5
    )
    change = f"/admin/works/artwork/{artwork.pk}/change/"
    page.goto(f"{live_server.url}/admin/login/?next={change}")
    page.fill("input[name=login]", "staff")
    page.fill("input[name=password]", "staff-pass-1")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.fill("#id_title", "Red Square at Dusk")
    page.locator("#edition_items-group").get_by_text("Add another").click()
    page.select_option("#id_edition_items-5-kind", "numbered")
    page.fill("#id_edition_items-5-number", "6")
    page.click("input[name=_save]")

    row = page.locator("#edition_items-5")
    expect(row).to_contain_text("The edition has 5 prints; 6 is beyond it.")
    expect(page.locator("#id_edition_items-5-number")).to_have_value("6")
    expect(page.locator("#id_title")).to_have_value("Red Square at Dusk")
    expect(page.locator(".errornote")).to_be_visible()
    assert Artwork.objects.get().title == "Red Square at Dawn"
    assert artwork.edition_items.count() == 5
