"""In a real browser, the door of an opening night while the venue's wifi fails: the guest
list kept in the browser still finds guests, check-ins wait in the page's queue, and when the
network is back they are recorded once each, even when an answer is lost and the same queued
request is sent again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs

import pytest
from django.contrib.auth.models import Permission, User

from tests.exhibitions.door_world import guest_make, opening_make
from vernissage.exhibitions.models import CheckIn, Guest, Opening

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def door_keeper(db: Any) -> User:
    """Staff who may check guests in (the permissions of Press, given directly: the role groups
    are made by a data migration, which a transactional test's flush takes away)."""
    user = User.objects.create_user(username="door", password="door-pass-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="exhibitions", codename__in=["add_checkin", "view_guest"]
        )
    )
    return user


@pytest.fixture
def opening(db: Any) -> Opening:
    opening = opening_make(title="Berlin opening")
    guest_make(opening, "Sophia Petrova", party_allowed=3, party_size=2)
    guest_make(opening, "Виктор Петров")
    guest_make(opening, "Ana Kalmurzaeva", access_needs="Step-free entrance")
    guest_make(opening, "Zoë Ångström")
    return opening


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    # Without the service worker, so that every request of the page passes page.route.
    context = browser.new_context(viewport={"width": 420, "height": 900}, service_workers="block")
    context.set_default_timeout(20_000)
    yield context
    context.close()


def _sign_in(page: Any, base: str, next_url: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("input[name=login]", "door")
    page.fill("input[name=password]", "door-pass-1")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"**{next_url}")


def _row(page: Any, name: str) -> Any:
    return page.locator("#door-results .door-guest", has_text=name)


def test_check_ins_made_offline_are_recorded_once_when_the_network_is_back(
    live_server: Any, context: Any, opening: Opening, door_keeper: User
) -> None:
    from playwright.sync_api import expect

    page = context.new_page()
    door = f"/door/{opening.pk}/"
    _sign_in(page, live_server.url, door)
    expect(page.locator("#door")).to_have_attribute("data-listed", "4")  # the list is kept

    # Online: the server answers the search as one types.
    page.fill("#door-q", "petrova")
    expect(_row(page, "Sophia Petrova")).to_be_visible()

    # The wifi fails.
    context.set_offline(True)
    page.fill("#door-q", "ВИКТОР")
    expect(page.locator("#door-network")).to_be_visible()
    expect(_row(page, "Виктор Петров")).to_be_visible()
    _row(page, "Виктор Петров").get_by_role("button", name="Check in").click()
    expect(page.locator("#door-waiting")).to_have_text("1 check-in waiting to be sent.")

    page.fill("#door-q", "sophia")
    sophia = _row(page, "Sophia Petrova")
    expect(sophia).to_be_visible()
    sophia.locator("select[name=party]").select_option("3")
    sophia.get_by_role("button", name="Check in").click()
    expect(page.locator("#door-waiting")).to_have_text("2 check-ins waiting to be sent.")
    expect(page.locator('[data-count="inside"]')).to_have_text("4")  # counted here meanwhile
    page.fill("#door-q", "kalmurz")  # access needs shown from the list kept offline
    expect(_row(page, "Ana Kalmurzaeva")).to_contain_text("Step-free entrance")
    page.fill("#door-q", "ZOE angstrom")  # folded here as on the server
    expect(_row(page, "Zoë Ångström")).to_be_visible()
    assert CheckIn.objects.count() == 0

    # The network comes back, but the answer to the first check-in sent is lost on the way:
    # the server records it, the page sees a failure and sends the same request again.
    sent: list[str] = []

    def lose_the_first_answer(route: Any) -> None:
        sent.append(parse_qs_form(route.request))
        if len(sent) == 1:
            route.fetch()  # reaches the server
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(re.compile(r".*/check-in/$"), lose_the_first_answer)
    context.set_offline(False)
    expect(page.locator("#door-waiting")).to_be_hidden(timeout=20_000)
    expect(page.locator("#door-network")).to_be_hidden()

    assert len(sent) == 3
    assert sent[0] == sent[1]  # the same queued request, sent again
    checkins = CheckIn.objects.select_related("guest").order_by("guest__name")
    assert [(c.guest.name, c.party, c.duplicate) for c in checkins] == [
        ("Sophia Petrova", 3, False),
        ("Виктор Петров", 1, False),
    ]
    assert {str(c.client_id) for c in checkins} == {parse_qs(body)["client_id"][0] for body in sent}
    guest = Guest.objects.get(name="Sophia Petrova")
    assert guest.checked_in_party == 3
    expect(page.locator('[data-count="inside"]')).to_have_text("4")
    expect(page.locator("#door-log")).to_contain_text("Sophia Petrova: checked in, party of 3.")


def parse_qs_form(request: Any) -> str:
    """The fields of a multipart form as a query string, to compare two requests."""
    fields = request.post_data_buffer.decode()
    pairs = re.findall(r'name="([^"]+)"\r\n\r\n([^\r]*)', fields)
    return "&".join(f"{name}={value}" for name, value in pairs)


def test_a_second_check_in_is_shown_flagged_with_the_first_time(
    live_server: Any, context: Any, opening: Opening, door_keeper: User
) -> None:
    from playwright.sync_api import expect

    page = context.new_page()
    door = f"/door/{opening.pk}/"
    _sign_in(page, live_server.url, door)
    page.fill("#door-q", "ana")
    _row(page, "Ana Kalmurzaeva").get_by_role("button", name="Check in").click()
    expect(page.locator("#door-log li").first).to_contain_text("Ana Kalmurzaeva: checked in")

    # Another phone checked her in too; this one has not heard yet.
    page.fill("#door-q", "")
    page.fill("#door-q", "ana")
    _row(page, "Ana Kalmurzaeva").get_by_role("button", name="Check in").click()

    line = page.locator("#door-log li").first
    expect(line).to_contain_text("already checked in at")
    # The server's word, once it answered: the time of the first, in the venue's zone.
    expect(line).to_contain_text("(Europe/Paris): this second check-in is flagged, not counted.")
    assert CheckIn.objects.filter(duplicate=True).count() == 1
    assert CheckIn.objects.filter(duplicate=False).count() == 1
    expect(page.locator('[data-count="inside"]')).to_have_text("1")

    # A walk-in, added and counted.
    page.fill("#id_name", "Romy K.")
    page.fill("#id_party", "2")
    page.get_by_role("button", name="Add and check in").click()
    expect(page.locator("#door-log li").first).to_contain_text("Romy K.: checked in, party of 2.")
    expect(page.locator('[data-count="walk_ins"]')).to_have_text("2")
    assert Guest.objects.get(walk_in=True).name == "Romy K."


def test_the_door_page_opens_again_without_network(
    live_server: Any, browser: Any, opening: Opening, door_keeper: User
) -> None:
    """The service worker keeps the page and its scripts: a phone that reloads the door while
    the wifi is down still gets it, and searches the list kept in the browser."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 420, "height": 900})
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        door = f"/door/{opening.pk}/"
        _sign_in(page, live_server.url, door)
        expect(page.locator("#door")).to_have_attribute("data-listed", "4")
        page.wait_for_function(
            "navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)"
        )
        page.reload()  # under the worker's control now: the page is kept
        expect(page.locator("#door")).to_have_attribute("data-listed", "4")

        context.set_offline(True)
        response = page.reload()

        assert response is not None
        assert response.from_service_worker
        expect(page.locator("h1")).to_have_text("Door of Berlin opening")
        page.fill("#door-q", "петров")
        expect(_row(page, "Виктор Петров")).to_be_visible()
        expect(page.locator("#door-network")).to_be_visible()
    finally:
        context.close()
