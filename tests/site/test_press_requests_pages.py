"""An artist's press requests on the staff site ("art critics sought her out"): who reads
them, who records and answers them, and refusals told on the page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from tests.factories.people import PersonFactory

from vernissage.core.services import staff_roles_set
from vernissage.market.models import Interaction
from vernissage.people.models import Person
from vernissage.press.models import PressRequest
from vernissage.press.services import press_request_record

#: viewer -> (reads the requests, records and answers them)
VIEWERS: dict[str, tuple[bool, bool]] = {
    "anonymous": (False, False),
    "signed in, no role": (False, False),
    "staff, no permission": (False, False),
    "Viewer": (False, False),
    "Sales": (True, False),
    "Registrar": (True, False),
    "Press": (True, True),
    "Owner": (True, True),
    "superuser": (True, True),
}


def _viewer(client: Client, name: str) -> None:
    if name == "anonymous":
        return
    if name == "superuser":
        user = User.objects.create_superuser(username="root", password="x")
    else:
        user = User.objects.create_user(
            username="someone", password="x", is_staff=name == "staff, no permission"
        )
        if name not in {"signed in, no role", "staff, no permission"}:
            staff_roles_set(user=user, roles=[name], acting_user=None)
    client.force_login(user)


def _world() -> tuple[Person, Person, PressRequest]:
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    critic = PersonFactory(display_name="Léa Marchand", roles=("critic",), is_public=False)
    asked = press_request_record(
        critic=critic,
        artist=ana,
        kind=PressRequest.Kind.STUDIO_VISIT,
        date=dt.date(2024, 3, 1),
        note="Wants to see the Siberian series.",
        acting_user=None,
    )
    return ana, critic, asked


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_press_requests_permission_matrix(client: Client, db: Any, viewer: str) -> None:
    reads, keeps = VIEWERS[viewer]
    ana, critic, asked = _world()
    _viewer(client, viewer)
    page = f"/people/{ana.slug}/press-requests/"

    response = client.get(page)
    artist_page = client.get(ana.get_absolute_url()).content.decode()
    recorded = client.post(page, {"critic": critic.pk, "kind": "interview", "date": "2024-04-02"})
    answered = client.post(f"{page}{asked.pk}/answer/", {"answer": "accepted", "on": "2024-03-05"})

    if viewer == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif reads:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Léa Marchand" in text
        assert "Siberian series" in text
        assert ("Record the request" in text) is keeps
        assert page in artist_page
    else:
        assert response.status_code == 404
        assert response.content == client.get("/no-such-page/").content
        assert page not in artist_page
    assert "Léa Marchand" not in artist_page or reads  # a private critic stays private
    if keeps:
        assert recorded.status_code == 302
        assert answered.status_code == 302
        assert PressRequest.objects.count() == 2
        assert PressRequest.objects.get(pk=asked.pk).answer == PressRequest.Answer.ACCEPTED
    else:
        assert recorded.status_code in {302, 404}
        assert answered.status_code in {302, 404}
        if viewer != "anonymous":
            assert (recorded.status_code, answered.status_code) == (404, 404)
        assert PressRequest.objects.count() == 1
        assert PressRequest.objects.get(pk=asked.pk).answer == PressRequest.Answer.PENDING


def test_a_request_recorded_on_the_page_lands_in_the_contact_log(client: Client, db: Any) -> None:
    ana, critic, _asked = _world()
    client.force_login(User.objects.create_superuser(username="root", password="x"))

    response = client.post(
        "/people/ana-kalmurzaev/press-requests/",
        {"critic": critic.pk, "kind": "interview", "note": "For the spring issue."},
        follow=True,
    )

    text = response.content.decode()
    assert "is recorded, and in their contact log" in text
    made = PressRequest.objects.get(kind="interview")
    assert made.date == timezone.localdate()
    assert Interaction.objects.filter(
        kind=Interaction.Kind.PRESS_REQUEST, note__contains="For the spring issue."
    ).exists()


def test_a_refused_request_is_told_on_the_page_with_the_input_kept(client: Client, db: Any) -> None:
    _ana, critic, _asked = _world()
    client.force_login(User.objects.create_superuser(username="root", password="x"))
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(
        "/people/ana-kalmurzaev/press-requests/",
        {"critic": critic.pk, "kind": "images", "date": tomorrow.isoformat(), "note": "Kept"},
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "A request is recorded once it was made." in text
    assert "Kept" in text
    assert PressRequest.objects.count() == 1


def test_a_request_answered_twice_is_told_and_keeps_its_first_answer(
    client: Client, db: Any
) -> None:
    _ana, _critic, asked = _world()
    client.force_login(User.objects.create_superuser(username="root", password="x"))
    answer = f"/people/ana-kalmurzaev/press-requests/{asked.pk}/answer/"

    client.post(answer, {"answer": "declined", "on": "2024-03-02"})
    again = client.post(answer, {"answer": "accepted"}, follow=True)
    early = press_request_record(
        critic=asked.critic,
        artist=asked.artist,
        kind="images",
        date=dt.date(2024, 5, 1),
        acting_user=None,
    )
    too_soon = client.post(
        f"/people/ana-kalmurzaev/press-requests/{early.pk}/answer/",
        {"answer": "accepted", "on": "2024-04-01"},
        follow=True,
    )
    forged = client.post(answer, {"answer": "maybe"}, follow=True)

    assert "This request was already answered (declined)." in again.content.decode()
    assert PressRequest.objects.get(pk=asked.pk).answer == PressRequest.Answer.DECLINED
    assert "The answer cannot come before the request." in too_soon.content.decode()
    assert PressRequest.objects.get(pk=early.pk).answer == PressRequest.Answer.PENDING
    assert "Choose “accepted” or “declined”" in forged.content.decode()
