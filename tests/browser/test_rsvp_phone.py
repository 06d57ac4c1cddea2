"""In a real browser, on a phone-sized screen, with and without JavaScript: a guest opens the
link of their invitation, answers, is told clearly when their party is too large, and sees
their ticket for the door."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from tests.factories.guests import guest_make, opening_make
from vernissage.exhibitions.guests import invitations_send
from vernissage.exhibitions.mail import guest_token
from vernissage.exhibitions.models import Guest

PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(browser: Any, request: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=request.param,
        user_agent=(
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
        ),
    )
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


def _fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_guest_answers_on_a_phone(live_server: Any, phone: Any, settings: Any) -> None:
    from playwright.sync_api import expect

    settings.VERNISSAGE_BASE_URL = live_server.url
    opening = opening_make(title="Siberian Landscapes — the opening")
    guest = guest_make(opening, "Sophia Petrova", party_allowed=2)
    invitations_send(opening=opening, acting_user=None)
    guest.refresh_from_db()

    phone.goto(f"{live_server.url}/rsvp/{guest_token(guest)}/")

    expect(phone.get_by_role("heading", level=1)).to_have_text("Siberian Landscapes — the opening")
    expect(phone.get_by_text("Europe/Paris time")).to_be_visible()
    assert _fits_the_screen(phone)
    yes = phone.locator("label.choice", has_text="Yes, I will come")
    box = yes.bounding_box()
    assert box["height"] >= 44  # a thumb's target
    assert box["width"] >= PHONE["width"] * 0.8

    yes.tap()
    phone.get_by_label("How many of you, yourself included?").fill("5")
    phone.get_by_role("button", name="Send my answer").tap()

    expect(phone.get_by_role("alert")).to_contain_text(
        "This invitation is for up to 2 people, you included."
    )
    assert Guest.objects.get(pk=guest.pk).response == "pending"
    expect(phone.get_by_label("Yes, I will come")).to_be_checked()  # the choice is kept
    assert _fits_the_screen(phone)

    phone.get_by_label("How many of you, yourself included?").fill("2")
    phone.get_by_label("Access needs").fill("Step-free access, please")
    phone.get_by_role("button", name="Send my answer").tap()

    expect(phone.get_by_role("status")).to_have_text("Thank you: your answer is saved.")
    expect(phone.get_by_text("You are coming. We expect 2 of you.")).to_be_visible()
    expect(phone.locator(".qr svg")).to_be_visible()
    assert _fits_the_screen(phone)
    saved = Guest.objects.get(pk=guest.pk)
    assert (saved.response, saved.party_size, saved.access_needs) == (
        "attending",
        2,
        "Step-free access, please",
    )
    assert saved.answered_at is not None
    assert saved.answered_at <= timezone.now()

    phone.get_by_label("No, I cannot come").tap()
    phone.get_by_role("button", name="Change my answer").tap()
    expect(phone.get_by_text("You said you cannot come.")).to_be_visible()
    expect(phone.locator(".qr svg")).to_have_count(0)
    assert Guest.objects.get(pk=guest.pk).response == "not_attending"
