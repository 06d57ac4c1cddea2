"""The contacts' admin: its inlines write through the services (the primary address reaches
the contact, a second primary is refused by nobody but handed over), consent is not edited
there, and a contact is erased, never deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.admin_forms import add_inline_row, change_form_data
from tests.factories.guests import contact_make, staff_in
from vernissage.core.models import AuditLog
from vernissage.market.contacts_models import ContactEmail
from vernissage.market.models import Contact

pytestmark = pytest.mark.django_db


def test_an_address_added_in_the_admin_becomes_the_contacts_primary(
    client: Client, db: Any
) -> None:
    contact = contact_make("Petrov", email="", consent=False)
    sales = staff_in("Sales")
    client.force_login(sales)
    url = f"/admin/market/contact/{contact.pk}/change/"
    data = change_form_data(client, url)
    add_inline_row(data, "emails", address="petrov@admin.example", kind="work")

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    stored = Contact.objects.get(pk=contact.pk)
    assert stored.email == "petrov@admin.example"
    assert list(ContactEmail.objects.values_list("address", "primary")) == [
        ("petrov@admin.example", True)
    ]
    row = AuditLog.objects.get(content_type__model="contactemail")
    assert (row.actor, row.record_id) == (sales, str(contact.pk))


def test_a_contact_is_not_deleted_from_the_admin(client: Client, db: Any) -> None:
    contact = contact_make("Petrov")
    client.force_login(staff_in("Owner"))

    response = client.post(f"/admin/market/contact/{contact.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert Contact.objects.filter(pk=contact.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "erase it on its page" in page


@pytest.mark.parametrize("role", ["Viewer", "Registrar", "Press"])
def test_roles_without_contacts_do_not_find_them_in_the_admin(
    client: Client, db: Any, role: str
) -> None:
    contact = contact_make("Petrov")
    client.force_login(staff_in(role))
    assert client.get("/admin/market/contact/").status_code == 403
    assert client.get(f"/admin/market/contact/{contact.pk}/change/").status_code == 403
