"""The door's pages and endpoints: who may use them (the permission matrix), what they answer,
the forms that work without JavaScript, and a search whose cost does not grow with the list."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.exhibitions.door_world import guest_make, new_token, opening_make, user_with
from vernissage.core.models import AuditLog
from vernissage.core.text import fold
from vernissage.exhibitions.models import CheckIn, Guest, Opening

pytestmark = pytest.mark.django_db

#: Who may work the door: can_check_in (add a check-in and read guest lists).
VIEWERS: dict[str, bool] = {
    "anonymous": False,
    "signed in, no role": False,
    "staff, no permission": False,
    "Viewer": False,
    "Registrar": False,
    "Sales": False,  # reads guest lists, does not check anyone in
    "Press": True,
    "Owner": True,
    "superuser": True,
}

#: Only on the guest list: none may reach a viewer who may not work the door.
SECRETS = ("Sophia Petrova", "Виктор Петров", "ACCESS-NEEDS-SECRET", "Door Night")


@pytest.fixture
def opening() -> Opening:
    opening = opening_make(title="Door Night")
    guest_make(opening, "Sophia Petrova", party_allowed=2, access_needs="ACCESS-NEEDS-SECRET")
    guest_make(opening, "Виктор Петров")
    return opening


def _sign_in(client: Client, viewer: str) -> User | None:
    user = user_with(viewer)
    if user is not None:
        client.force_login(user)
    return user


def _leaks(response: Any) -> list[str]:
    text = response.content.decode(errors="replace") + " ".join(
        f"{key}: {value}" for key, value in response.items()
    )
    return [secret for secret in SECRETS if secret in text]


def _state() -> tuple[int, int, int]:
    return CheckIn.objects.count(), Guest.objects.count(), AuditLog.objects.count()


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_permission_matrix(client: Client, opening: Opening, viewer: str) -> None:
    may = VIEWERS[viewer]
    _sign_in(client, viewer)
    guest = Guest.objects.get(name="Sophia Petrova")
    door = f"/door/{opening.pk}"
    unknown_page = client.get("/no-such-page/")
    assert unknown_page.status_code == 404
    before = _state()

    reads = {
        "/door/": "site/door/index.html",
        "/door/worker.js": None,
        f"{door}/": "site/door/door.html",
        f"{door}/?q=petrov": "site/door/door.html",
        f"{door}/search/?q=petrov": "site/door/_results.html",
        f"{door}/counts/": "site/door/_counts.html",
        f"{door}/guests.json": None,
    }
    for url, template in reads.items():
        response = client.get(url)
        if not may:
            assert response.status_code == 404, url
            assert response.content == unknown_page.content, url
            assert _leaks(response) == [], url
            continue
        assert response.status_code == 200, url
        if template:
            assert template in [used.name for used in response.templates], url
    if may:  # the checks above can fail: these pages do show the list
        page = client.get(f"{door}/?q=petrov").content.decode()
        assert "Sophia Petrova" in page
        assert "ACCESS-NEEDS-SECRET" in page
        assert "Sophia Petrova" in client.get(f"{door}/guests.json").content.decode()

    # An unknown opening: the same 404 for everyone.
    for url in ("/door/999999/", "/door/999999/search/?q=a", "/door/999999/guests.json"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.content == unknown_page.content, url

    writes = {
        f"{door}/check-in/": {"guest": guest.pk, "party": 1, "client_id": uuid.uuid4()},
        f"{door}/walk-ins/": {"name": "Romy K.", "party": 1, "client_id": uuid.uuid4()},
    }
    for url, data in writes.items():
        response = client.post(url, data, HTTP_ACCEPT="application/json")
        if may:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 404, url
            assert response.content == unknown_page.content, url
            assert _leaks(response) == [], url
    if may:
        assert CheckIn.objects.count() == 2
        assert Guest.objects.filter(walk_in=True).count() == 1
    else:
        assert _state() == before  # refused, nothing changed


def test_reading_the_door_changes_nothing(client: Client, opening: Opening) -> None:
    _sign_in(client, "Press")
    before = _state()
    for url in ("", "?q=sophia", "search/?q=sophia", "counts/", "guests.json"):
        assert client.get(f"/door/{opening.pk}/{url}").status_code == 200
    assert _state() == before


def test_get_is_refused_on_the_writing_endpoints(client: Client, opening: Opening) -> None:
    _sign_in(client, "Press")
    assert client.get(f"/door/{opening.pk}/check-in/").status_code == 405
    assert client.get(f"/door/{opening.pk}/walk-ins/").status_code == 405
    assert client.post(f"/door/{opening.pk}/counts/").status_code == 405


def test_search_answers_with_rows_to_check_in(client: Client, opening: Opening) -> None:
    _sign_in(client, "Press")

    response = client.get(f"/door/{opening.pk}/search/?q=ВИКТОР", HTTP_HX_REQUEST="true")

    text = response.content.decode()
    assert "Виктор Петров" in text
    assert "Sophia Petrova" not in text
    assert 'class="door-check-in"' in text
    assert (
        "No guest by that name" in client.get(f"/door/{opening.pk}/search/?q=zzz").content.decode()
    )


def test_a_scanned_link_finds_its_guest(client: Client, opening: Opening) -> None:
    _sign_in(client, "Press")
    token = new_token()
    guest_make(opening, "Romy Kalmurzaeva", token=token)
    other = guest_make(opening_make(), "Someone Else", token=new_token())

    found = client.get(
        f"/door/{opening.pk}/search/", {"q": f"https://gallery.example/rsvp/{token}/"}
    ).content.decode()
    refused = client.get(
        f"/door/{opening.pk}/search/", {"q": f"https://gallery.example/rsvp/{other.pk}{'x' * 30}/"}
    ).content.decode()

    assert "Romy Kalmurzaeva" in found
    assert "not on this opening" in refused


def test_check_in_by_json_answers_recorded_then_replayed_then_duplicate(
    client: Client, opening: Opening
) -> None:
    _sign_in(client, "Press")
    guest = Guest.objects.get(name="Sophia Petrova")
    url = f"/door/{opening.pk}/check-in/"
    first = {
        "guest": guest.pk,
        "party": 2,
        "client_id": str(uuid.uuid4()),
        "at": "2020-01-01T00:00:00Z",
    }  # too old to believe: the time received is used

    recorded = client.post(url, first, HTTP_ACCEPT="application/json").json()
    replayed = client.post(url, first, HTTP_ACCEPT="application/json").json()
    second = client.post(
        url, {**first, "client_id": str(uuid.uuid4()), "party": 1}, HTTP_ACCEPT="application/json"
    ).json()

    assert (recorded["status"], recorded["replayed"]) == ("recorded", False)
    assert recorded["message"] == "Sophia Petrova: checked in, party of 2."
    assert (replayed["status"], replayed["replayed"]) == ("recorded", True)
    assert second["status"] == "duplicate"
    first_time = recorded["guest"]["checked_in_time"]
    assert first_time
    assert first_time in second["message"]
    assert "Europe/Paris" in second["message"]
    assert CheckIn.objects.count() == 2
    assert CheckIn.objects.filter(duplicate=False).count() == 1
    counts = client.get(f"/door/{opening.pk}/counts/").content.decode()
    assert 'data-count="inside" data-value="2"' in counts
    assert "second check-in, flagged: first at" in counts


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"party": 3}, "may bring a party of 2, not 3"),
        ({"party": "many"}, "Party"),
        ({"client_id": "not-a-uuid"}, "UUID"),
    ],
)
def test_a_refused_check_in_answers_400_with_the_reason(
    client: Client, opening: Opening, data: dict[str, Any], message: str
) -> None:
    _sign_in(client, "Press")
    guest = Guest.objects.get(name="Sophia Petrova")
    form = {"guest": guest.pk, "party": 1, "client_id": str(uuid.uuid4()), **data}

    response = client.post(f"/door/{opening.pk}/check-in/", form, HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert CheckIn.objects.count() == 0


def test_without_javascript_the_forms_check_in_once_and_say_so(
    client: Client, opening: Opening
) -> None:
    _sign_in(client, "Press")
    page = client.get(f"/door/{opening.pk}/?q=sophia").content.decode()
    guest = Guest.objects.get(name="Sophia Petrova")
    client_id = page.split('name="client_id" value="', 1)[1].split('"', 1)[0]
    form = {"guest": guest.pk, "party": 2, "client_id": client_id, "q": "sophia"}

    first = client.post(f"/door/{opening.pk}/check-in/", form, follow=True)
    again = client.post(f"/door/{opening.pk}/check-in/", form, follow=True)  # sent twice

    assert first.redirect_chain[-1][0] == f"/door/{opening.pk}/?q=sophia"
    assert "Sophia Petrova: checked in, party of 2." in first.content.decode()
    assert "Sophia Petrova: checked in, party of 2." in again.content.decode()
    assert CheckIn.objects.count() == 1
    refused = client.post(
        f"/door/{opening.pk}/walk-ins/",
        {"name": " ", "party": 1, "client_id": uuid.uuid4()},
        follow=True,
    )
    assert "This field is required." in refused.content.decode()
    assert Guest.objects.filter(walk_in=True).count() == 0


def test_the_guest_list_for_offline_use(client: Client, opening: Opening) -> None:
    _sign_in(client, "Press")
    token = new_token()
    guest_make(opening, "Romy K.", token=token, email="romy@example.org", note="NOTE-SECRET")

    response = client.get(f"/door/{opening.pk}/guests.json")

    assert response["Cache-Control"].startswith("max-age=0")
    data = json.loads(response.content)
    assert data["zone"] == "Europe/Paris"
    assert [guest["name"] for guest in data["guests"]] == [
        "Romy K.",
        "Sophia Petrova",
        "Виктор Петров",
    ]
    assert data["guests"][1]["status"] == "attending, party of 2"
    text = response.content.decode()
    for private in (token, "romy@example.org", "NOTE-SECRET"):
        assert private not in text


def test_the_service_worker_keeps_the_door_scripts(client: Client, opening: Opening) -> None:
    _sign_in(client, "Press")

    response = client.get("/door/worker.js")

    assert response["Content-Type"].startswith("text/javascript")
    text = response.content.decode()
    assert '"/static/site/door.js"' in text
    assert '"/static/vendor/jsqr-1.4.0/jsQR.js"' in text
    assert 'const SCOPE = "/door/";' in text


def test_the_door_shows_times_in_the_venues_zone(client: Client, settings: Any) -> None:
    settings.TIME_ZONE = "UTC"
    opening = opening_make(zone="Asia/Tokyo")
    _sign_in(client, "Press")

    page = client.get(f"/door/{opening.pk}/").content.decode()

    local = opening.local_start.strftime("%H:%M")
    assert f"{local}–" in page
    assert "(Asia/Tokyo)" in page


@pytest.mark.parametrize("size", [10, 2000])
def test_door_search_costs_the_same_queries_however_long_the_list(
    client: Client, size: int
) -> None:
    opening = opening_make()
    Guest.objects.bulk_create(
        Guest(opening=opening, name=f"Guest N{n:04d}", search_name=fold(f"Guest N{n:04d}"))
        for n in range(size)
    )
    _sign_in(client, "Press")
    client.get(f"/door/{opening.pk}/search/?q=guest")  # the session and permissions warm up

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/door/{opening.pk}/search/?q=n000")

    assert response.status_code == 200
    assert response.content.decode().count("data-guest=") == 10
    # session, user, the opening, the search (permissions are kept between requests)
    assert len(queries) == 4, [query["sql"] for query in queries]
