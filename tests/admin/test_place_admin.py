"""Places as staff edit them in the admin: the names they add are the names search finds."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from tests.admin_forms import add_inline_row, change_form_data

from vernissage.core.models import AuditLog
from vernissage.people import services
from vernissage.people.models import Place


def test_a_name_added_in_the_admin_finds_the_place_and_a_removed_one_no_longer_does(
    client: Client, staff: User
) -> None:
    dacha = services.place_resolve(name="Kalmurzaev dacha", kind="landmark", country="RU")
    client.force_login(staff)
    url = f"/admin/people/place/{dacha.pk}/change/"
    data = change_form_data(client, url)
    add_inline_row(data, "names", name="Дача Калмурзаевых", language="ru", script="Cyrl")

    added = client.post(url, data)

    assert added.status_code == 302
    assert services.place_resolve(name="дача калмурзаевых", kind="landmark") == dacha
    assert AuditLog.objects.filter(content_type__model="placename", action="create").exists()

    data = change_form_data(client, url)
    data["names-0-DELETE"] = "on"
    removed = client.post(url, data)

    assert removed.status_code == 302
    assert not dacha.names.exists()
    assert services.place_resolve(name="Дача Калмурзаевых", kind="landmark") != dacha
    assert Place.objects.filter(kind="landmark").count() == 2
