"""The admin as gallery staff use it: permissions, search, inlines, soft deletion."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory

from vernissage.core.models import AuditLog
from vernissage.demo.loader import WorldSummary
from vernissage.people import services as people_services
from vernissage.people.models import Person, Relationship
from vernissage.works.models import Artwork

ADMIN_PAGES = [
    "/admin/",
    "/admin/people/person/",
    "/admin/people/person/add/",
    "/admin/works/artwork/",
    "/admin/works/artwork/add/",
    "/admin/core/auditlog/",
    "/admin/people/relationship/",
]


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_is_closed_to_anonymous_and_non_staff(
    client: Client, stranger: User, url: str
) -> None:
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/login/?next=" in anonymous["Location"]
    client.force_login(stranger)
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("url", ADMIN_PAGES[1:])
def test_staff_without_the_permission_is_refused(
    client: Client, staff_without_permissions: User, url: str
) -> None:
    client.force_login(staff_without_permissions)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_with_the_permissions_can_work(
    client: Client, staff: User, world: WorldSummary, url: str
) -> None:
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_artwork_change_list_queries_do_not_grow_per_row(
    client: Client, staff: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(staff)
    ArtworkFactory()
    with django_assert_max_num_queries(20) as few:
        client.get("/admin/works/artwork/")
    for _ in range(25):
        ArtworkFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/admin/works/artwork/")
    assert response.status_code == 200


def test_person_change_list_queries_do_not_grow_per_row(
    client: Client, staff: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(staff)
    PersonFactory()
    with django_assert_max_num_queries(20) as few:
        client.get("/admin/people/person/")
    for _ in range(25):
        PersonFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/people/person/")


def test_admin_search_finds_a_person_by_a_name_in_cyrillic(
    client: Client, staff: User, world: WorldSummary
) -> None:
    client.force_login(staff)
    page = client.get("/admin/people/person/", {"q": "Калмурзаева"}).content.decode()
    assert "Ana Kalmurzaev" in page
    assert "Jacques Kalmurzaev" not in page


def test_admin_autocomplete_for_makers(client: Client, staff: User, world: WorldSummary) -> None:
    client.force_login(staff)
    response = client.get(
        "/admin/autocomplete/",
        {"term": "petrov", "app_label": "works", "model_name": "creation", "field_name": "person"},
    )
    names = {result["text"] for result in response.json()["results"]}
    assert {"Viktor Petrov", "Sophia Petrova", "Petrov"} <= names


def _artwork_form(**overrides: str) -> dict[str, str]:
    data = {
        "inventory_number": "",
        "title": "Letters Never Sent",
        "date": "2014–2015",
        "classification": "painting",
        "status": "available",
        "medium": "Oil on canvas",
        "dimensions": "150x200cm",
        "artist_proofs": "0",
        "is_public": "on",
        "creations-TOTAL_FORMS": "0",
        "creations-INITIAL_FORMS": "0",
        "titles-TOTAL_FORMS": "0",
        "titles-INITIAL_FORMS": "0",
        "inscriptions-TOTAL_FORMS": "0",
        "inscriptions-INITIAL_FORMS": "0",
        "edition_items-TOTAL_FORMS": "0",
        "edition_items-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_adding_a_work_with_two_makers_goes_through_the_services(
    client: Client, staff: User
) -> None:
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    viktor = PersonFactory(display_name="Viktor Petrov")
    client.force_login(staff)
    response = client.post(
        "/admin/works/artwork/add/",
        _artwork_form(
            title="The Dreamer's Threshold",
            classification="tapestry",
            **{
                "creations-TOTAL_FORMS": "2",
                "creations-0-person": str(ana.pk),
                "creations-0-role": "artist",
                "creations-0-position": "0",
                "creations-1-person": str(viktor.pk),
                "creations-1-role": "co_artist",
                "creations-1-position": "1",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    artwork = Artwork.objects.get()
    assert artwork.inventory_number == "AKVP-2014-001"
    assert artwork.height is not None
    assert list(artwork.creations.values_list("person__display_name", flat=True)) == [
        "Ana Kalmurzaev",
        "Viktor Petrov",
    ]
    logged = AuditLog.objects.filter(actor=staff).values_list("content_type__model", "action")
    assert ("artwork", "create") in logged
    assert list(logged).count(("creation", "create")) == 2
    assert "viktor" in artwork.search_text


def test_admin_refuses_a_duplicate_inventory_number_naming_the_other_work(
    client: Client, staff: User
) -> None:
    ArtworkFactory(title="The Assembly", inventory_number="JK-2016-001")
    client.force_login(staff)
    response = client.post(
        "/admin/works/artwork/add/", _artwork_form(inventory_number="JK-2016-001")
    )
    assert response.status_code == 200
    assert "Inventory number JK-2016-001 is already used by “The Assembly”." in (
        response.content.decode()
    )
    assert Artwork.objects.count() == 1


def test_admin_keeps_an_unreadable_date_and_says_so(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = client.post(
        "/admin/works/artwork/add/",
        _artwork_form(date="the winter my father left", dimensions="big"),
        follow=True,
    )
    page = response.content.decode()
    assert "could not be read as a date" in page
    assert "“big” could not be read" in page
    artwork = Artwork.objects.get()
    assert artwork.date == "the winter my father left"
    assert artwork.when.is_flagged


def test_admin_delete_of_a_maker_is_soft_and_restorable(client: Client, staff: User) -> None:
    maker = PersonFactory(display_name="Romy Kalmurzaev")
    ArtworkFactory(makers=[(maker, "artist")])
    client.force_login(staff)
    response = client.post(f"/admin/people/person/{maker.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=maker.pk).exists()
    assert Person.all_objects.get(pk=maker.pk).is_deleted
    deleted_list = client.get("/admin/people/person/", {"deleted": "yes"}).content.decode()
    assert "Romy Kalmurzaev" in deleted_list
    client.post(
        "/admin/people/person/?deleted=yes",
        {"action": "restore_selected", "_selected_action": [str(maker.pk)]},
    )
    assert Person.objects.filter(pk=maker.pk).exists()
    actions = AuditLog.objects.filter(object_id=str(maker.pk), content_type__model="person")
    assert set(actions.values_list("action", flat=True)) == {"create", "delete", "restore"}


def test_admin_adds_images_to_a_work_and_names_a_bad_file(
    client: Client,
    staff: User,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    import pyvips
    from django.core.files.uploadedfile import SimpleUploadedFile

    from vernissage.images.models import Image

    settings.MEDIA_ROOT = tmp_path / "media"
    artwork = ArtworkFactory(title="The Assembly")
    photo = tmp_path / "assembly.jpg"
    pyvips.Image.xyz(300, 200)[0].cast("uchar").jpegsave(str(photo))
    client.force_login(staff)
    url = f"/admin/works/artwork/{artwork.pk}/change/"
    form = _artwork_form(
        title="The Assembly", inventory_number=artwork.inventory_number, date="2012"
    )
    form["creations-INITIAL_FORMS"] = form["creations-TOTAL_FORMS"] = "1"
    creation = artwork.creations.get()
    form.update(
        {
            "creations-0-id": str(creation.pk),
            "creations-0-artwork": str(artwork.pk),
            "creations-0-person": str(creation.person_id),
            "creations-0-role": "artist",
            "creations-0-position": "0",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        }
    )
    bad = client.post(
        url,
        {**form, "add_images": [SimpleUploadedFile("notes.jpg", b"not a picture")]},
    )
    assert bad.status_code == 200
    assert "notes.jpg: not an image that can be read" in bad.content.decode()
    assert not Image.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # the pyramid is queued on commit
        good = client.post(
            url,
            {**form, "add_images": [SimpleUploadedFile("assembly.jpg", photo.read_bytes())]},
        )
    assert good.status_code == 302
    image = Image.objects.get()
    assert (image.artwork, image.width, image.height, image.is_ready) == (artwork, 300, 200, True)
    assert image.original_name == "assembly.jpg"


def test_deleting_in_the_admin_goes_through_a_service_and_is_audited(
    client: Client, staff: User
) -> None:
    ana = PersonFactory(display_name="Ana Kalmurzaev")
    viktor = PersonFactory(display_name="Viktor Petrov")
    tie = people_services.relationship_create(
        acting_user=None, person=ana, kind="partner", other_person=viktor
    )
    client.force_login(staff)

    response = client.post(f"/admin/people/relationship/{tie.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Relationship.objects.exists()
    logged = AuditLog.objects.get(content_type__model="relationship", action="delete")
    assert (logged.actor, logged.object_id) == (staff, str(tie.pk))


def test_admin_lists_the_people_whose_dates_are_to_check(client: Client, staff: User) -> None:
    PersonFactory(display_name="Born Unread", birth_date="the long winter")
    PersonFactory(display_name="All Read", birth_date="c. 1950")
    client.force_login(staff)

    page = client.get("/admin/people/person/", {"date_flagged": "yes"}).content.decode()

    assert "Born Unread" in page
    assert "All Read" not in page


@pytest.mark.parametrize(
    ("check", "listed"),
    [("date", {"Undated"}), ("dimensions", {"Too Big", "Badly Framed"})],
)
def test_admin_lists_the_works_to_check(
    client: Client, staff: User, check: str, listed: set[str]
) -> None:
    ArtworkFactory(title="Undated", date="the winter my father left")
    ArtworkFactory(title="Too Big", dimensions="big")
    ArtworkFactory(title="Badly Framed", framed_dimensions="larger")
    ArtworkFactory(title="All Read", date="c. 1998", framed_dimensions="70 x 90 cm")
    client.force_login(staff)

    page = client.get("/admin/works/artwork/", {"check": check}).content.decode()

    shown = {title for title in ("Undated", "Too Big", "Badly Framed", "All Read") if title in page}
    assert shown == listed


def test_admin_search_finds_a_place_by_a_name_staff_added(client: Client, staff: User) -> None:
    dacha = people_services.place_resolve(name="Kalmurzaev dacha", kind="landmark")
    people_services.place_name_add(place=dacha, name="Дача Калмурзаевых", language="ru")
    people_services.place_resolve(name="Red Square", kind="landmark")
    client.force_login(staff)

    page = client.get("/admin/people/place/", {"q": "калмурзаевых"}).content.decode()

    assert "Kalmurzaev dacha" in page
    assert "Red Square" not in page
