"""The contacts' staff pages, their exports and the admin: who may see and do what (the
permission matrix), the forms with their refusals as messages, and the PDF as a document."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.factories.guests import contact_make, opening_make, staff_in, tag_make
from vernissage.core.models import AuditLog
from vernissage.exhibitions.guests import guest_record_attendance
from vernissage.market import contacts as services
from vernissage.market.contacts_models import ContactEmail, Interaction
from vernissage.market.models import Contact

pytestmark = pytest.mark.django_db

#: Strings only a contact's record holds; none may reach a viewer who may not see contacts.
SECRETS = ("Petrov", "petrov@secret.example", "+33 6 12 34 56 78", "quai Voltaire", "SECRET-CALL")
#: viewer → (sees contacts, keeps them)
VIEWERS: dict[str, tuple[bool, bool]] = {
    "anonymous": (False, False),
    "signed in, no role": (False, False),
    "Viewer": (False, False),
    "Registrar": (False, False),
    "Press": (False, False),
    "Sales": (True, True),
    "Owner": (True, True),
    "superuser": (True, True),
}


@pytest.fixture
def petrov(db: Any) -> Contact:
    contact = contact_make("Petrov", email="", consent=False)
    services.contact_email_add(contact=contact, address="petrov@secret.example", acting_user=None)
    services.contact_phone_add(contact=contact, number="+33 6 12 34 56 78", acting_user=None)
    services.contact_address_add(
        contact=contact, lines="1 quai Voltaire", city="Paris", country="FR", acting_user=None
    )
    services.contact_tags_set(contact=contact, tags=[tag_make()], acting_user=None)
    services.contact_interests_set(
        contact=contact,
        price_min="12000",
        price_max="40000",
        currency="EUR",
        acting_user=None,
    )
    services.interaction_record(
        contact=contact,
        kind="call",
        note="SECRET-CALL about the red canvas",
        at=timezone.now() - dt.timedelta(days=1),
        acting_user=None,
    )
    opening = opening_make(starts_in=dt.timedelta(days=-30))
    guest_record_attendance(opening=opening, contact=contact, acting_user=None)
    contact.refresh_from_db()
    return contact


def _viewer(client: Client, name: str) -> User | None:
    if name == "anonymous":
        return None
    if name == "signed in, no role":
        user = User.objects.create_user(username="someone", password="x")
    else:
        user = staff_in(name, "someone")
    client.force_login(user)
    return user


def _body(response: Any) -> str:
    return response.content.decode(errors="replace") + " ".join(
        f"{key}: {value}" for key, value in response.items()
    )


def _leaks(response: Any) -> list[str]:
    return [secret for secret in SECRETS if secret in _body(response)]


def _state() -> tuple[int, int, int, Any]:
    return (
        AuditLog.objects.count(),
        Interaction.objects.count(),
        ContactEmail.objects.count(),
        list(Contact.objects.values_list("erased_at", "marketing_consent", "email")),
    )


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_contact_pages_permission_matrix(client: Client, petrov: Contact, viewer: str) -> None:
    sees, keeps = VIEWERS[viewer]
    _viewer(client, viewer)
    pk = petrov.pk
    before = _state()

    pages = {
        "/contacts/": "/contacts/?q=Petrov",
        f"/contacts/{pk}/": "/contacts/999999/",
        f"/contacts/{pk}/export.json": "/contacts/999999/export.json",
        f"/contacts/{pk}/export.pdf": "/contacts/999999/export.pdf",
        f"/contacts/{pk}/erase/": "/contacts/999999/erase/",
    }
    for url, unknown in pages.items():
        response = client.get(url)
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif sees:
            assert response.status_code == 200, url
            if not url.endswith(".pdf"):
                assert _leaks(response) != [], url  # the test can fail: they do see it
        else:
            assert response.status_code == 404, url
            if url != "/contacts/":
                assert response.content == client.get(unknown).content, url
            assert _leaks(response) == [], url
    assert _state() == before  # looking changed nothing

    forms = {
        f"/contacts/{pk}/interactions/": {"kind": "visit", "note": "came by"},
        f"/contacts/{pk}/consent/": {"consent": "on", "source": "asked at the desk"},
        f"/contacts/{pk}/erase/": {"confirm": "on"},
    }
    for url, data in forms.items():
        before = _state()
        response = client.post(url, data)
        if viewer == "anonymous":
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
        elif keeps:
            assert response.status_code == 302, url
            assert response["Location"] == f"/contacts/{pk}/"
            assert _state() != before, url
            continue
        else:
            assert response.status_code == 404, url
            assert response.content == client.post(url.replace(str(pk), "999999"), data).content
            assert _leaks(response) == [], url
        assert _state() == before, url
    stored = Contact.objects.get(pk=pk)
    if keeps:
        assert stored.erased_at is not None
        assert list(stored.interactions.values_list("kind", flat=True)) == ["visit", "call"]
    else:
        assert (stored.erased_at, stored.marketing_consent) == (None, False)


def test_the_contact_page_shows_details_interests_and_the_log(
    client: Client, petrov: Contact
) -> None:
    client.force_login(staff_in("Sales"))

    page = client.get(f"/contacts/{petrov.pk}/").content.decode()

    assert "petrov@secret.example" in page
    assert "1 quai Voltaire, Paris, FR" in page
    assert "€12,000.00 – €40,000.00" in page  # Babel, for an English reader
    assert "SECRET-CALL about the red canvas" in page
    assert "checked in at the door" in page
    assert "collectors Paris" in page


def test_amounts_are_written_for_the_readers_locale(
    client: Client, petrov: Contact, french: None
) -> None:
    client.force_login(staff_in("Sales"))
    page = client.get(f"/contacts/{petrov.pk}/", headers={"accept-language": "fr"})
    assert "12\u202f000,00\xa0€ – 40\u202f000,00\xa0€" in page.content.decode()


def test_the_list_searches(client: Client, petrov: Contact) -> None:
    contact_make("Hélène Marchand")
    client.force_login(staff_in("Sales"))

    found = client.get("/contacts/", {"q": "petrov"}).content.decode()
    none = client.get("/contacts/", {"q": "nobody-at-all"}).content.decode()

    assert "Petrov" in found
    assert "Hélène Marchand" not in found
    assert "No contact matches" in none


def test_a_refused_interaction_comes_back_as_a_message(client: Client, petrov: Contact) -> None:
    client.force_login(staff_in("Sales"))
    later = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

    response = client.post(f"/contacts/{petrov.pk}/interactions/", {"kind": "call", "at": later})

    assert response.status_code == 400
    assert "not a date to come" in response.content.decode()
    assert petrov.interactions.count() == 1


def test_consent_without_a_source_is_refused_on_the_page(client: Client, petrov: Contact) -> None:
    client.force_login(staff_in("Sales"))
    response = client.post(f"/contacts/{petrov.pk}/consent/", {"consent": "on", "source": ""})
    assert response.status_code == 400
    assert Contact.objects.get(pk=petrov.pk).marketing_consent is False


def test_erasure_needs_its_confirmation(client: Client, petrov: Contact) -> None:
    client.force_login(staff_in("Sales"))
    response = client.post(f"/contacts/{petrov.pk}/erase/", {})
    assert response.status_code == 400
    assert Contact.objects.get(pk=petrov.pk).erased_at is None


def test_the_json_export_is_an_attachment_in_the_documented_shape(
    client: Client, petrov: Contact
) -> None:
    client.force_login(staff_in("Sales"))
    response = client.get(f"/contacts/{petrov.pk}/export.json")

    assert response["Content-Disposition"] == f'attachment; filename="contact-{petrov.pk}.json"'
    data = json.loads(response.content)
    assert (data["format"], data["version"]) == ("vernissage.contact", 1)
    assert data["phones"] == [{"number": "+33 6 12 34 56 78", "kind": "home", "primary": True}]
    assert [entry["kind"] for entry in data["log"]] == ["call", "opening_attended"]


def test_the_pdf_export_reads_as_the_record(
    client: Client, petrov: Contact, tmp_path: Path
) -> None:
    client.force_login(staff_in("Sales"))
    response = client.get(f"/contacts/{petrov.pk}/export.pdf")

    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "contact.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = " ".join(text.split())  # lines of a table cell wrap where the column ends
    for expected in (
        "Petrov",
        "petrov@secret.example",
        "+33 6 12 34 56 78",
        "1 quai Voltaire, Paris, FR",
        "€12,000.00 – €40,000.00",
        "SECRET-CALL about the red canvas",
        "Opening attended",
        "collectors Paris",
    ):
        assert expected in text, expected


def test_an_erased_contact_reads_as_private_collection(client: Client, petrov: Contact) -> None:
    client.force_login(staff_in("Sales"))
    services.contact_erase(contact=petrov, acting_user=None)

    page = client.get(f"/contacts/{petrov.pk}/").content.decode()
    listed = client.get("/contacts/").content.decode()

    assert "Private collection" in page
    assert "Private collection" in listed
    assert _leaks(client.get(f"/contacts/{petrov.pk}/export.json")) == []
    assert "Erase…" not in page
