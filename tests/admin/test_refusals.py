"""A service that refuses a change made in the admin is heard as a message on the page, and
nothing of the change is kept: no row, no audit row, no file, no queued task."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django_tasks_db.models import DBTaskResult
from tests.admin_forms import add_inline_row, change_form_data
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.models import AuditLog
from vernissage.images import services as image_services
from vernissage.images.models import Image
from vernissage.people import services as people_services
from vernissage.people.models import Person
from vernissage.works import services as works_services
from vernissage.works.models import Artwork, EditionItem


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT  # type: ignore[no-any-return]


def _files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def _jpeg(path: Path, shade: int) -> Path:
    (pyvips.Image.xyz(120, 80)[0] + shade).cast("uchar").jpegsave(str(path))
    return path


def _messages(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _row_errors(response: Any, prefix: str) -> dict[str, list[str]]:
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            if form.prefix == prefix:
                return {field: list(errors) for field, errors in form.errors.items()}
    raise AssertionError(f"no row {prefix} on the page")


def test_a_print_beyond_the_edition_is_refused_on_its_row(client: Client, staff: User) -> None:
    artwork = ArtworkFactory(
        title="Red Square at Dawn", classification="photograph", edition_size=5
    )
    client.force_login(staff)
    url = f"/admin/works/artwork/{artwork.pk}/change/"
    data = change_form_data(client, url)
    data["title"] = "Red Square at Dusk"
    row = add_inline_row(data, "edition_items", kind="numbered", number="6", status="available")
    logged = AuditLog.objects.count()

    response = client.post(url, data)

    assert response.status_code == 200
    assert _row_errors(response, row) == {"number": ["The edition has 5 prints; 6 is beyond it."]}
    assert "The edition has 5 prints; 6 is beyond it." in response.content.decode()
    assert response.context["adminform"].form["title"].value() == "Red Square at Dusk"
    assert Artwork.objects.get().title == "Red Square at Dawn"
    assert EditionItem.objects.count() == 5
    assert AuditLog.objects.count() == logged


@pytest.mark.parametrize(
    ("backend", "_case"),
    [
        ("django_tasks.backends.immediate.ImmediateBackend", "pyramids built at once"),
        ("django_tasks_db.DatabaseBackend", "pyramids queued for the worker"),
    ],
)
def test_a_picture_of_another_work_is_refused_and_leaves_nothing_behind(
    client: Client,
    staff: User,
    media: Path,
    tmp_path: Path,
    settings: Any,
    backend: str,
    _case: str,
) -> None:
    settings.TASKS = {"default": {"BACKEND": backend}}
    assembly = ArtworkFactory(title="The Assembly")
    image_services.image_add(
        artwork=assembly, path=_jpeg(tmp_path / "assembly.jpg", 0), acting_user=None
    )
    threshold = ArtworkFactory(title="The Dreamer's Threshold")
    client.force_login(staff)
    url = f"/admin/works/artwork/{threshold.pk}/change/"
    data = change_form_data(client, url)
    data["title"] = "The Threshold"
    data["add_images"] = [
        SimpleUploadedFile("new.jpg", _jpeg(tmp_path / "new.jpg", 90).read_bytes()),
        SimpleUploadedFile("again.jpg", (tmp_path / "assembly.jpg").read_bytes()),
    ]
    files, logged, queued = _files(media), AuditLog.objects.count(), DBTaskResult.objects.count()

    response = client.post(url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {
        "add_images": [
            "again.jpg: this file is already an image of “The Assembly” "
            f"({assembly.inventory_number})."
        ]
    }
    assert "this file is already an image of" in response.content.decode()
    assert form["title"].value() == "The Threshold"
    assert Artwork.objects.get(pk=threshold.pk).title == "The Dreamer's Threshold"
    assert list(Image.objects.values_list("artwork", flat=True)) == [assembly.pk]
    assert AuditLog.objects.count() == logged
    assert DBTaskResult.objects.count() == queued
    assert _files(media) == files


def test_the_same_picture_twice_in_one_upload_is_one_image(
    client: Client, staff: User, media: Path, tmp_path: Path
) -> None:
    artwork = ArtworkFactory(title="The Assembly")
    client.force_login(staff)
    url = f"/admin/works/artwork/{artwork.pk}/change/"
    photo = _jpeg(tmp_path / "assembly.jpg", 0).read_bytes()
    data = change_form_data(client, url)
    data["add_images"] = [
        SimpleUploadedFile("assembly.jpg", photo),
        SimpleUploadedFile("assembly copy.jpg", photo),
    ]

    response = client.post(url, data)

    assert response.status_code == 302
    assert Image.objects.get().original_name == "assembly.jpg"


def test_a_sold_print_cannot_be_erased(client: Client, staff: User) -> None:
    artwork = ArtworkFactory(
        title="Red Square at Dawn",
        classification="photograph",
        edition_size=3,
        make_edition_items=False,
    )
    for number, status in ((1, "sold"), (2, "available")):
        works_services.edition_item_save(
            item=EditionItem(artwork=artwork, number=number, status=status), acting_user=None
        )
    client.force_login(staff)
    url = f"/admin/works/artwork/{artwork.pk}/change/"
    data = change_form_data(client, url)
    data["edition_items-0-DELETE"] = data["edition_items-1-DELETE"] = "on"
    logged = AuditLog.objects.count()

    response = client.post(url, data)

    assert response.status_code == 200
    assert _row_errors(response, "edition_items-0") == {
        "__all__": ["Print 1/3 is sold: it stays on record. Change its status instead."]
    }
    assert "Print 1/3 is sold: it stays on record." in response.content.decode()
    assert sorted(artwork.edition_items.values_list("number", flat=True)) == [1, 2]
    assert AuditLog.objects.count() == logged


def test_deleting_a_person_already_deleted_says_so_and_changes_nothing(
    client: Client, staff: User
) -> None:
    person = PersonFactory(display_name="Romy Kalmurzaev")
    people_services.person_delete(person=person, acting_user=None)
    logged = AuditLog.objects.count()
    client.force_login(staff)

    response = client.post(
        f"/admin/people/person/{person.pk}/delete/", {"post": "yes"}, follow=True
    )

    assert response.status_code == 200
    assert _messages(response) == ["Romy Kalmurzaev is already deleted."]
    assert AuditLog.objects.count() == logged


def test_a_refused_action_changes_none_of_the_selected_records(client: Client, staff: User) -> None:
    deleted = PersonFactory(display_name="Jacques Kalmurzaev")
    people_services.person_delete(person=deleted, acting_user=None)
    alive = PersonFactory(display_name="Ana Kalmurzaev")
    logged = AuditLog.objects.count()
    client.force_login(staff)

    response = client.post(
        "/admin/people/person/?deleted=all",
        {"action": "restore_selected", "_selected_action": [str(deleted.pk), str(alive.pk)]},
        follow=True,
    )

    assert response.status_code == 200
    assert _messages(response) == ["Ana Kalmurzaev is not deleted."]
    assert Person.all_objects.get(pk=deleted.pk).is_deleted
    assert AuditLog.objects.count() == logged
