"""Who sees what, for every private page and endpoint: the pattern every area copies.

Each viewer (anonymous, a signed-in person with no role, staff without any permission, each
staff role, a superuser) asks for every page, IIIF answer, manifest and history page that
holds something private. Viewers who may not see a private record get the very 404 an
unknown one gets; nothing private reaches their body or headers; and asking changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.test import Client
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.models import AuditLog
from vernissage.core.services import staff_roles_set
from vernissage.images import services as images
from vernissage.images.models import Image
from vernissage.people import services as people
from vernissage.works import services as works

#: Strings that exist only in private records; none may reach a viewer without the right.
SECRETS = (
    "Hidden Collector",
    "hidden-collector",
    "NOTE-PERSON-SECRET",
    "NOTE-WORK-SECRET",
    "Secret Series",
    "Private Work",
    "private-work",
    "private-img",
    "hidden-tie-source",
)

#: viewer → (sees private records, reads history, uses the admin, may view people there)
VIEWERS: dict[str, tuple[bool, bool, bool, bool]] = {
    "anonymous": (False, False, False, False),
    "signed in, no role": (False, False, False, False),
    "staff, no permission": (False, False, True, False),
    "Viewer": (False, False, True, True),
    "Press": (False, False, True, True),
    "Registrar": (True, True, True, True),
    "Sales": (True, True, True, True),
    "Owner": (True, True, True, True),
    "superuser": (True, True, True, True),
}


@dataclass
class World:
    public_artist: Any
    hidden: Any
    public_work: Any
    private_work: Any
    public_image: Image
    private_image: Image
    private_work_image: Image


def _picture(tmp_path: Path, name: str, shade: int) -> Path:
    path = tmp_path / f"{name}.png"
    pyvips.Image.black(300, 200, bands=3).linear(1, shade).cast("uchar").copy(
        interpretation="srgb"
    ).pngsave(str(path))
    return path


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    artist = PersonFactory(display_name="Romy Open", is_public=True, notes="NOTE-PERSON-SECRET")
    hidden = PersonFactory(display_name="Hidden Collector", is_public=False, notes="collector")
    people.relationship_create(
        acting_user=None,
        person=artist,
        kind="friend",
        other_person=hidden,
        source="hidden-tie-source",
        is_public=True,  # public tie, private person: the person still never shows
    )
    series = works.series_create(acting_user=None, title="Secret Series", is_public=False)
    public_work = ArtworkFactory(
        title="Open Work",
        makers=[(artist, "artist"), (hidden, "co_artist")],
        series=series,
        notes="NOTE-WORK-SECRET",
    )
    private_work = ArtworkFactory(
        title="Private Work", makers=[(artist, "artist")], is_public=False
    )

    def add(artwork: Any, identifier: str, shade: int, **extra: Any) -> Image:
        image, _ = images.image_add(
            artwork=artwork,
            path=_picture(tmp_path, identifier, shade),
            acting_user=None,
            identifier=identifier,
            build_now=True,
            **extra,
        )
        return image

    return World(
        public_artist=artist,
        hidden=hidden,
        public_work=public_work,
        private_work=private_work,
        public_image=add(public_work, "open-img", 10),
        private_image=add(public_work, "private-img", 80, is_public=False),
        private_work_image=add(private_work, "private-work-img", 160),
    )


def _viewer(client: Client, name: str) -> User | None:
    if name == "anonymous":
        return None
    if name == "superuser":
        user = User.objects.create_superuser(username="root", password="x")
    else:
        user = User.objects.create_user(
            username="someone", password="x", is_staff=name == "staff, no permission"
        )
        if name not in {"signed in, no role", "staff, no permission"}:
            staff_roles_set(user=user, roles=[name], acting_user=None)
    client.force_login(user)
    return user


def _leaks(response: Any) -> list[str]:
    text = response.content.decode(errors="replace") + " ".join(
        f"{key}: {value}" for key, value in response.items()
    )
    return [secret for secret in SECRETS if secret in text]


def _same_404(client: Client, response: Any, unknown: str) -> None:
    assert response.status_code == 404
    assert response.content == client.get(unknown).content


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_permission_matrix(client: Client, world: World, viewer: str) -> None:
    sees_private, reads_history, _uses_admin, _views_people = VIEWERS[viewer]
    _viewer(client, viewer)
    rows_before = AuditLog.objects.count()
    artist, hidden = world.public_artist, world.hidden
    public_work, private_work = world.public_work, world.private_work

    # Pages of public records: always 200, private parts only with the right.
    for url in (
        artist.get_absolute_url(),
        public_work.get_absolute_url(),
        "/",
        "/artists/",
        "/works/",
        f"/works/?maker={artist.slug}",
        f"/iiif/presentation/works/{public_work.slug}/manifest.json",
        f"/iiif/presentation/people/{artist.slug}/collection.json",
        "/iiif/3/open-img/info.json",
        "/graph/",
        "/graph/data.json",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        if sees_private:
            continue
        assert _leaks(response) == [], url

    # Private records, private images and the lists that could reveal them.
    private_urls = {
        hidden.get_absolute_url(): "/people/no-such-person/",
        private_work.get_absolute_url(): "/works/no-such-work/",
        f"/works/{private_work.slug}/mirador/": "/works/no-such-work/mirador/",
        f"/iiif/presentation/works/{private_work.slug}/manifest.json": (
            "/iiif/presentation/works/no-such-work/manifest.json"
        ),
        f"/iiif/presentation/people/{hidden.slug}/collection.json": (
            "/iiif/presentation/people/no-such-person/collection.json"
        ),
        "/iiif/3/private-img/info.json": "/iiif/3/no-such-img/info.json",
        "/iiif/3/private-img/full/max/0/default.jpg": "/iiif/3/no-such-img/full/max/0/default.jpg",
        "/iiif/3/private-work-img/info.json": "/iiif/3/no-such-img/info.json",
        "/iiif/3/private-work-img/0,0,256,200/256,/0/default.jpg": (
            "/iiif/3/no-such-img/0,0,256,200/256,/0/default.jpg"
        ),
    }
    for url, unknown in private_urls.items():
        response = client.get(url)
        if sees_private:
            assert response.status_code == 200, url
        else:
            _same_404(client, response, unknown)
            assert _leaks(response) == [], url
    maker_list = client.get(f"/works/?maker={hidden.slug}")
    assert maker_list.status_code == 200
    assert ("Open Work" in maker_list.content.decode()) is sees_private

    # What a viewer with the right sees, to be sure the checks above can fail.
    if sees_private:
        work_page = client.get(public_work.get_absolute_url()).content.decode()
        for secret in ("NOTE-WORK-SECRET", "Secret Series", "Hidden Collector", "private-img"):
            assert secret in work_page
        artist_page = client.get(artist.get_absolute_url()).content.decode()
        assert "NOTE-PERSON-SECRET" in artist_page
        assert "Hidden Collector" in artist_page
        assert "Hidden Collector" in client.get("/graph/data.json").content.decode()

    # History pages: the right to read history, and only of records the viewer may see.
    histories = {
        artist.get_history_url(): "/people/no-such-person/history/",
        public_work.get_history_url(): "/works/no-such-work/history/",
        hidden.get_history_url(): "/people/no-such-person/history/",
        private_work.get_history_url(): "/works/no-such-work/history/",
    }
    for url, unknown in histories.items():
        response = client.get(url)
        if reads_history:
            assert response.status_code == 200, url
            assert "Created" in response.content.decode()
        else:
            _same_404(client, response, unknown)
            assert _leaks(response) == [], url

    assert AuditLog.objects.count() == rows_before  # looking changed nothing


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_admin_matrix(client: Client, world: World, viewer: str) -> None:
    """The admin shows staff what their permissions allow, and private records and notes only
    to those who may see them."""
    sees_private, _history, uses_admin, views_people = VIEWERS[viewer]
    _viewer(client, viewer)
    index = client.get("/admin/")
    assert index.status_code == (200 if uses_admin else 302)
    person_list = client.get("/admin/people/person/")
    public_change = client.get(f"/admin/people/person/{world.public_artist.pk}/change/")
    private_change = client.get(f"/admin/people/person/{world.hidden.pk}/change/")
    if not uses_admin:
        for response in (person_list, public_change, private_change):
            assert response.status_code == 302
            assert "login" in response["Location"]
        return
    if not views_people:
        for response in (person_list, public_change, private_change):
            assert response.status_code == 403
        return
    assert person_list.status_code == 200
    assert public_change.status_code == 200
    listed = person_list.content.decode()
    assert "Romy Open" in listed
    if sees_private:
        assert "Hidden Collector" in listed
        assert private_change.status_code == 200
        assert "NOTE-PERSON-SECRET" in public_change.content.decode()
    else:
        assert _leaks(person_list) == []
        assert _leaks(public_change) == []
        assert private_change.status_code == 302  # the admin's "does not exist" redirect
        assert _leaks(private_change) == []


@pytest.mark.parametrize(
    ("role", "restored"), [("Viewer", False), ("Sales", False), ("Registrar", True)]
)
def test_only_staff_who_may_change_restore_a_deleted_record(
    client: Client, db: Any, role: str, restored: bool
) -> None:
    person = PersonFactory(display_name="Romy Open", is_public=True)
    people.person_delete(person=person, acting_user=None)
    _viewer(client, role)
    client.post(
        "/admin/people/person/?deleted=yes",
        {"action": "restore_selected", "_selected_action": [str(person.pk)]},
    )
    person.refresh_from_db()
    assert (person.deleted_at is None) is restored
