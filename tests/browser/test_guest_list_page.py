"""In a real browser: staff add a guest on an opening's guest list, and htmx swaps the panel in
place (the page is not reloaded), with the new guest and the counts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from tests.factories.guests import guest_make, opening_make
from vernissage.exhibitions.models import Guest


def test_adding_a_guest_updates_the_list_in_place(live_server: Any, page: Any) -> None:
    from playwright.sync_api import expect

    # A superuser: tests that commit start without the role groups of the migrations.
    User.objects.create_superuser(username="patron", password="patron-pass-1")
    opening = opening_make(title="Siberian Landscapes — the opening")
    guest_make(opening, "Sophia Petrova")
    url = f"/openings/{opening.pk}/guests/"
    page.goto(f"{live_server.url}/accounts/login/?next={url}")
    page.fill("input[name=login]", "patron")
    page.fill("input[name=password]", "patron-pass-1")
    page.locator("form button[type=submit]").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Siberian Landscapes — the opening")
    page.evaluate("window.notReloaded = true")

    form = page.locator("#guest-add-form")
    form.get_by_label("Name").fill("Ana Kalmurzaeva")
    form.get_by_label("E-mail").fill("ana@studio.example")
    form.get_by_role("button", name="Add").click()

    expect(page.get_by_role("status")).to_have_text("Ana Kalmurzaeva is on the list.")
    expect(page.locator(".guest-row", has_text="Ana Kalmurzaeva")).to_be_visible()
    expect(page.locator('[data-count="guests"]')).to_have_text("2")
    assert page.evaluate("window.notReloaded === true")  # swapped by htmx, not a new page
    assert Guest.objects.filter(opening=opening, email="ana@studio.example").exists()

    # A refusal comes back on the form, in place too.
    form = page.locator("#guest-add-form")
    form.get_by_label("Name").fill("Sophia again")
    form.get_by_label("E-mail").fill("SOPHIA.petrova@guests.example")
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#guest-add-form .error")).to_contain_text(
        "SOPHIA.petrova@guests.example is on this guest list already."
    )
    assert page.evaluate("window.notReloaded === true")
    assert Guest.objects.filter(opening=opening).count() == 2
