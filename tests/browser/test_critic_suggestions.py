"""In a real browser: staff open "Add a review" on an artist's page, htmx fetches the quick
form into it; typing a critic's name there gets the critics it finds as suggestions (htmx
fills the field's datalist), and the review is added."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from tests.factories import press as make
from tests.factories.people import PersonFactory
from vernissage.people.models import Role
from vernissage.press.models import Review


def test_typing_a_critics_name_suggests_them_and_adds_the_review(
    live_server: Any, page: Any
) -> None:
    from playwright.sync_api import expect

    # A superuser: tests that commit start without the role groups of the migrations, and
    # without the people's roles they write (a test before this one may have flushed them).
    User.objects.create_superuser(username="press", password="press-pass-1")
    for code in Role.Code.values:
        Role.objects.get_or_create(code=code)
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")
    sophia = make.critic("Sophia Petrova", sort_name="Petrova, Sophia")
    make.critic("Ivan Sokolov")
    page.goto(f"{live_server.url}/accounts/login/?next=/people/{jacques.slug}/")
    page.fill("input[name=login]", "press")
    page.fill("input[name=password]", "press-pass-1")
    page.locator("form button[type=submit]").first.click()

    expect(page.get_by_role("heading", name="Jacques Kalmurzaev")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_count(0)  # not on the page until asked for
    page.get_by_text("Add a review").click()
    field = page.get_by_label("Critic")
    expect(field).to_be_visible()
    field.press_sequentially("petr", delay=40)
    suggestions = page.locator("#id_author-suggestions option")
    expect(suggestions).to_have_count(1)
    expect(suggestions.first).to_have_attribute("value", "Sophia Petrova")

    field.fill("Sophia Petrova")
    page.get_by_label("Title").fill("Moscow's bold colourist")
    page.get_by_role("button", name="Add the review").click()
    expect(page.get_by_text("Moscow's bold colourist").first).to_be_visible()
    review = Review.objects.get(title="Moscow's bold colourist")
    assert [line.person for line in review.author_lines.all()] == [sophia]
