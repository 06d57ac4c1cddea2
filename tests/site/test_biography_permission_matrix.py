"""Who may use the biography reader's pages: Owner, Registrar and Press (and superusers);
everyone else signed in gets the 404 of an unknown page, anonymous visitors the login page,
and asking changes nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from vernissage.biographies.models import Biography, Citation
from vernissage.biographies.services import biography_read
from vernissage.core.services import staff_roles_set
from vernissage.people.models import Person

SEEDS = Path(__file__).resolve().parents[2] / "src" / "vernissage" / "demo" / "seeds"

#: viewer -> may use the reader
VIEWERS: dict[str, bool] = {
    "anonymous": False,
    "signed in, no role": False,
    "staff, no permission": False,
    "Viewer": False,
    "Sales": False,
    "Press": True,
    "Registrar": True,
    "Owner": True,
    "superuser": True,
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


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_biography_permission_matrix(client: Client, db: Any, viewer: str) -> None:
    allowed = VIEWERS[viewer]
    biography = biography_read(
        title="Romy Kalmurzaev story",
        raw=(SEEDS / "001_56202562e3303e93.txt").read_text(),
        acting_user=None,
    )
    _viewer(client, viewer)
    people_before = Person.objects.count()
    pages = ["/biographies/", f"/biographies/{biography.pk}/"]
    for page in pages:
        response = client.get(page)
        if viewer == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
        elif allowed:
            assert response.status_code == 200
            assert "Romy Kalmurzaev story" in response.content.decode()
        else:
            assert response.status_code == 404
            assert response.content == client.get("/no-such-page/").content
            assert "Romy Kalmurzaev story" not in response.content.decode()
    posted = client.post("/biographies/", {"title": "Posted", "text": "Ana Lutz is a painter."})
    accepted = client.post(
        f"/biographies/{biography.pk}/accept/", {"accept-0": "on", "value-0": "Romy Kalmurzaev"}
    )
    if allowed:
        assert posted.status_code == 302
        assert accepted.status_code == 302
        assert Person.objects.count() == people_before + 1
        assert Biography.objects.filter(title="Posted").exists()
    else:
        assert posted.status_code in {302, 404}
        assert accepted.status_code in {302, 404}
        if viewer != "anonymous":
            assert (posted.status_code, accepted.status_code) == (404, 404)
        assert Person.objects.count() == people_before
        assert Citation.objects.count() == 0
        assert not Biography.objects.filter(title="Posted").exists()


def test_review_page_marks_each_fact_and_offers_candidates(client: Client, db: Any) -> None:
    from tests.factories.people import PersonFactory

    PersonFactory(display_name="Sophia Petrova", roles=("critic",))
    biography = biography_read(
        title="Jacques", raw=(SEEDS / "000_48d877812e2722d4.txt").read_text(), acting_user=None
    )
    _viewer(client, "Registrar")
    page = client.get(f"/biographies/{biography.pk}/").content.decode()
    assert re.search(
        r'<mark id="mark-\d+" data-field="subject" [^>]*>Jacques Kalmurzaev</mark>', page
    )
    assert re.search(r'<mark id="mark-\d+" data-field="places" [^>]*>Moscow</mark>', page)
    assert ">Sophia Petrova</mark>" in page
    assert "Sophia Petrova (same name, same role)" in page


def test_accept_by_htmx_answers_with_the_result_or_the_refusal(client: Client, db: Any) -> None:
    biography = biography_read(
        title="Romy", raw=(SEEDS / "001_56202562e3303e93.txt").read_text(), acting_user=None
    )
    _viewer(client, "Press")
    refused = client.post(f"/biographies/{biography.pk}/accept/", {}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200
    assert "Accept the subject of the biography first" in refused.content.decode()
    done = client.post(
        f"/biographies/{biography.pk}/accept/",
        {"accept-0": "on", "value-0": "Romy Kalmurzaev"},
        HTTP_HX_REQUEST="true",
    )
    assert "Accepted: Romy Kalmurzaev, with 1 cited fact." in done.content.decode()


def test_a_refused_upload_is_told_on_the_page(client: Client, db: Any) -> None:
    _viewer(client, "Owner")
    response = client.post("/biographies/", {"title": "", "text": ""})
    assert response.status_code == 200
    assert "The text is empty." in response.content.decode()
    assert Biography.objects.count() == 0
