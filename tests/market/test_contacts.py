"""Contacts' services and selectors: the ways to reach them, their interests and consent, the
log where the door's check-ins appear, the export, and erasure keeping the ledger whole."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories.guests import contact_make, opening_make, staff_in, tag_make
from tests.factories.people import PersonFactory
from vernissage.core.models import AuditLog
from vernissage.exhibitions.door import guest_check_in
from vernissage.exhibitions.guests import guest_add
from vernissage.exhibitions.models import CheckIn, Guest
from vernissage.market import contacts as services
from vernissage.market.contact_export import EXPORT_VERSION, contact_export
from vernissage.market.contact_selectors import contact_get, contact_list, contact_log
from vernissage.market.contacts_models import ContactEmail, Interaction
from vernissage.market.models import Contact
from vernissage.people.models import Person
from vernissage.works.models import Term
from vernissage.works.services import term_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def sales(db: Any) -> User:
    return staff_in("Sales", "sales")


@pytest.fixture
def petrov(db: Any) -> Contact:
    return contact_make("Petrov", email="", consent=False)


def _audit_text() -> str:
    return json.dumps(list(AuditLog.objects.values("changes", "object_repr")), default=str)


# --- ways to reach them ---------------------------------------------------------------------


def test_the_first_address_is_primary_and_a_new_primary_takes_its_place(
    petrov: Contact, sales: User
) -> None:
    first = services.contact_email_add(
        contact=petrov, address="petrov@home.example", acting_user=sales
    )
    petrov.refresh_from_db()
    assert (first.primary, petrov.email) == (True, "petrov@home.example")

    second = services.contact_email_add(
        contact=petrov, address="p@office.example", kind="work", primary=True, acting_user=sales
    )

    petrov.refresh_from_db()
    assert petrov.email == "p@office.example"
    assert list(ContactEmail.objects.filter(contact=petrov).values_list("address", "primary")) == [
        ("p@office.example", True),
        ("petrov@home.example", False),
    ]
    services.contact_point_remove(point=second, acting_user=sales)
    petrov.refresh_from_db()
    assert petrov.email == "petrov@home.example"
    assert ContactEmail.objects.get(contact=petrov).primary is True


def test_phones_and_postal_addresses_have_kinds_and_one_primary(
    petrov: Contact, sales: User
) -> None:
    services.contact_phone_add(contact=petrov, number=" +33  1 40 00 00 00 ", acting_user=sales)
    services.contact_phone_add(
        contact=petrov, number="+7 495 000 00 00", kind="studio", acting_user=sales
    )
    address = services.contact_address_add(
        contact=petrov,
        lines="12 rue de Seine",
        postal_code="75006",
        city="Paris",
        country="fr",
        kind="work",
        acting_user=sales,
    )
    petrov.refresh_from_db()
    assert petrov.phone == "+33 1 40 00 00 00"
    assert [(p.kind, p.primary) for p in petrov.phones.all()] == [
        ("home", True),
        ("studio", False),
    ]
    assert str(address) == "12 rue de Seine, 75006 Paris, FR"
    with pytest.raises(ValidationError):
        services.contact_address_add(contact=petrov, lines="x", country="France", acting_user=sales)
    assert petrov.addresses.count() == 1


# --- consent and interests ------------------------------------------------------------------


def test_consent_is_recorded_with_its_date_and_source(petrov: Contact, sales: User) -> None:
    when = timezone.now() - dt.timedelta(days=3)
    services.contact_consent_set(
        contact=petrov,
        consent=True,
        source="signed the guest book at the Paris opening",
        at=when,
        acting_user=sales,
    )
    stored = Contact.objects.get(pk=petrov.pk)
    assert (stored.marketing_consent, stored.consent_at, stored.consent_source) == (
        True,
        when,
        "signed the guest book at the Paris opening",
    )
    row = AuditLog.objects.filter(content_type__model="contact", object_id=str(petrov.pk)).first()
    assert row is not None
    assert row.actor == sales
    assert row.changes["marketing_consent"] == [False, True]


@pytest.mark.parametrize(
    ("source", "at"),
    [
        pytest.param("  ", None, id="no source"),
        pytest.param("phone call", timezone.now() + dt.timedelta(days=2), id="in the future"),
    ],
)
def test_consent_without_a_source_or_in_the_future_is_refused(
    petrov: Contact, sales: User, source: str, at: dt.datetime | None
) -> None:
    before = AuditLog.objects.count()
    with pytest.raises(ValidationError):
        services.contact_consent_set(
            contact=petrov, consent=True, source=source, at=at, acting_user=sales
        )
    stored = Contact.objects.get(pk=petrov.pk)
    assert (stored.marketing_consent, stored.consent_at) == (False, None)
    assert AuditLog.objects.count() == before


def test_consent_is_not_changed_by_a_plain_save(petrov: Contact, sales: User) -> None:
    petrov.marketing_consent = True
    with pytest.raises(ValidationError, match="Marketing consent"):
        services.contact_save(contact=petrov, acting_user=sales)
    assert Contact.objects.get(pk=petrov.pk).marketing_consent is False


def test_interests_keep_artists_media_themes_and_a_decimal_price_range(
    petrov: Contact, sales: User
) -> None:
    jacques = PersonFactory(display_name="Jacques Kalmurzaev")
    painting = term_get_or_create(label="painting", kind=Term.Kind.MEDIUM)
    love = term_get_or_create(label="love", kind=Term.Kind.THEME)

    services.contact_interests_set(
        contact=petrov,
        artists=[jacques],
        media=[painting],
        themes=[love],
        price_min="5000",
        price_max=Decimal("40000.50"),
        currency="eur",
        acting_user=sales,
    )

    stored = Contact.objects.get(pk=petrov.pk)
    assert (stored.price_min, stored.price_max, stored.price_currency) == (
        Decimal("5000.00"),
        Decimal("40000.50"),
        "EUR",
    )
    assert list(stored.interested_in_artists.all()) == [jacques]
    assert list(stored.interested_in_media.all()) == [painting]
    assert list(stored.interested_in_themes.all()) == [love]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        pytest.param({"price_min": "-1", "currency": "EUR"}, "negative", id="negative"),
        pytest.param(
            {"price_min": "10", "price_max": "5", "currency": "EUR"}, "below", id="reversed"
        ),
        pytest.param({"price_max": "5"}, "currency", id="no currency"),
        pytest.param({"price_max": "5", "currency": "EURO"}, "ISO 4217", id="not ISO"),
        pytest.param({"price_max": "5", "currency": "XYZ"}, "ISO 4217", id="unknown code"),
        pytest.param({"price_max": 5.5, "currency": "EUR"}, "float", id="float"),
        pytest.param({"price_max": "lots", "currency": "EUR"}, "not an amount", id="text"),
    ],
)
def test_a_wrong_price_range_is_refused_and_nothing_written(
    petrov: Contact, sales: User, values: dict[str, Any], message: str
) -> None:
    before = AuditLog.objects.count()
    with pytest.raises(ValidationError, match=message):
        services.contact_interests_set(contact=petrov, acting_user=sales, **values)
    stored = Contact.objects.get(pk=petrov.pk)
    assert (stored.price_min, stored.price_max, stored.price_currency) == (None, None, "")
    assert AuditLog.objects.count() == before


def test_a_theme_is_not_taken_as_a_medium(petrov: Contact, sales: User) -> None:
    love = term_get_or_create(label="love", kind=Term.Kind.THEME)
    with pytest.raises(ValidationError, match="media"):
        services.contact_interests_set(contact=petrov, media=[love], acting_user=sales)
    assert petrov.interested_in_media.count() == 0


# --- the log --------------------------------------------------------------------------------


def test_an_interaction_is_logged_with_its_staff_member_and_opening(
    petrov: Contact, sales: User
) -> None:
    opening = opening_make(starts_in=dt.timedelta(days=-2))
    interaction = services.interaction_record(
        contact=petrov,
        kind=Interaction.Kind.STUDIO_VISIT,
        at=timezone.now() - dt.timedelta(hours=1),
        note="  Looked at the Siberian landscapes. ",
        opening=opening,
        acting_user=sales,
    )
    stored = Interaction.objects.get(pk=interaction.pk)
    assert (stored.staff, stored.note, stored.exhibition_id) == (
        sales,
        "Looked at the Siberian landscapes.",
        opening.exhibition_id,
    )
    rows = AuditLog.objects.filter(content_type__model="interaction", object_id=str(stored.pk))
    assert [(row.action, row.actor, row.record_id) for row in rows] == [
        ("create", sales, str(petrov.pk))
    ]


@pytest.mark.parametrize(
    ("kind", "at"),
    [
        pytest.param("call", timezone.now() + dt.timedelta(days=1), id="future"),
        pytest.param("dinner", None, id="unknown kind"),
    ],
)
def test_a_wrong_interaction_is_refused(
    petrov: Contact, sales: User, kind: str, at: dt.datetime | None
) -> None:
    with pytest.raises(ValidationError):
        services.interaction_record(contact=petrov, kind=kind, at=at, acting_user=sales)
    assert Interaction.objects.count() == 0


def _checked_in(contact: Contact) -> Guest:
    """The contact on the list of an opening under way, checked in at the door."""
    opening = opening_make(starts_in=dt.timedelta(hours=-1))
    guest = guest_add(opening=opening, contact=contact, acting_user=None)
    guest_check_in(
        opening=opening, guest_id=guest.pk, party=1, client_id=uuid.uuid4(), acting_user=None
    )
    return guest


def test_the_doors_check_ins_appear_in_the_log_as_openings_attended(
    petrov: Contact, sales: User
) -> None:
    guest = _checked_in(petrov)
    # A second tap at the door is not a second visit.
    guest_check_in(
        opening=guest.opening,
        guest_id=guest.pk,
        party=1,
        client_id=uuid.uuid4(),
        acting_user=None,
    )
    services.interaction_record(contact=petrov, kind="call", acting_user=sales)

    log = contact_log(contact=petrov)

    assert [(entry.kind, entry.from_door) for entry in log] == [
        ("call", False),
        ("opening_attended", True),
    ]
    assert log[1].opening == guest.opening
    assert log[1].at == CheckIn.objects.filter(guest=guest).order_by("at").first().at  # type: ignore[union-attr]


def test_a_guest_of_the_contacts_person_counts_and_a_logged_opening_is_not_listed_twice(
    petrov: Contact, sales: User
) -> None:
    opening = opening_make(starts_in=dt.timedelta(days=-1))
    # Put on the list by their person only (as the demo's guests are, before contacts existed).
    guest = Guest.objects.create(
        opening=opening, person=petrov.person, name="Petrov", search_name="petrov"
    )
    guest_check_in(
        opening=opening, guest_id=guest.pk, party=1, client_id=uuid.uuid4(), acting_user=None
    )
    assert [entry.from_door for entry in contact_log(contact=petrov)] == [True]

    services.interaction_record(
        contact=petrov,
        kind=Interaction.Kind.OPENING_ATTENDED,
        opening=opening,
        at=opening.starts_at,
        note="Bought nothing, stayed late.",
        acting_user=sales,
    )
    log = contact_log(contact=petrov)
    assert [(entry.from_door, entry.note) for entry in log] == [
        (False, "Bought nothing, stayed late.")
    ]


# --- reading ---------------------------------------------------------------------------------


def test_the_list_finds_a_contact_by_any_of_their_names_and_addresses(
    petrov: Contact, sales: User
) -> None:
    contact_make("Hélène Marchand", email="helene@collect.example")
    services.contact_email_add(contact=petrov, address="vp@second.example", acting_user=sales)

    assert [str(c) for c in contact_list(viewer=sales, search="helene")] == ["Hélène Marchand"]
    assert [str(c) for c in contact_list(viewer=sales, search="second.example")] == ["Petrov"]
    assert len(contact_list(viewer=sales)) == 2


def test_the_list_costs_the_same_queries_for_many_contacts(
    sales: User, django_assert_max_num_queries: Any
) -> None:
    tag = tag_make()
    for number in range(12):
        contact_make(f"Collector {number}", tags=(tag,))
    sales = User.objects.get(pk=sales.pk)
    with django_assert_max_num_queries(4):
        contacts = contact_list(viewer=sales)
        assert [str(t) for c in contacts for t in c.tags.all()] == ["collectors Paris"] * 12


# --- export and erasure ---------------------------------------------------------------------


def _rich(contact: Contact, user: User) -> Guest:
    services.contact_email_add(contact=contact, address="petrov@secret.example", acting_user=user)
    services.contact_phone_add(contact=contact, number="+33 6 12 34 56 78", acting_user=user)
    services.contact_address_add(
        contact=contact, lines="1 quai Voltaire", city="Paris", country="FR", acting_user=user
    )
    services.contact_tags_set(
        contact=contact, tags=[tag_make("collectors Paris")], acting_user=user
    )
    services.contact_interests_set(
        contact=contact, price_min="1000", price_max="9000", currency="EUR", acting_user=user
    )
    services.contact_consent_set(
        contact=contact, consent=True, source="by letter", acting_user=user
    )
    contact.notes = "SECRET-NOTE: prefers to be called after six."
    services.contact_save(contact=contact, acting_user=user)
    services.interaction_record(
        contact=contact, kind="call", note="SECRET-CALL about the red canvas", acting_user=user
    )
    return _checked_in(contact)


def test_the_export_holds_everything_in_its_versioned_shape(petrov: Contact, sales: User) -> None:
    _rich(petrov, sales)
    data = contact_export(contact=contact_get(pk=petrov.pk, viewer=sales), viewer=sales)

    assert (data["format"], data["version"]) == ("vernissage.contact", EXPORT_VERSION)
    assert data["contact"]["name"] == "Petrov"
    assert data["contact"]["notes"].startswith("SECRET-NOTE")
    assert data["emails"] == [{"address": "petrov@secret.example", "kind": "home", "primary": True}]
    assert data["phones"][0]["number"] == "+33 6 12 34 56 78"
    assert data["addresses"][0]["lines"] == ["1 quai Voltaire"]
    assert data["interests"]["price_range"] == {
        "min": "1000.00",
        "max": "9000.00",
        "currency": "EUR",
    }
    assert data["tags"] == ["collectors Paris"]
    assert data["marketing_consent"]["source"] == "by letter"
    assert [entry["kind"] for entry in data["log"]] == ["opening_attended", "call"]
    assert type(data["log"][0]["kind"]) is str
    assert data["guest_entries"][0]["checked_in_at"] is not None
    json.dumps(data)  # nothing but JSON types


def test_erasure_removes_the_details_and_keeps_the_ledger_whole(
    petrov: Contact, sales: User
) -> None:
    guest = _rich(petrov, sales)
    person_pk = petrov.person_id
    before_export = contact_export(contact=petrov, viewer=sales)  # export before erase
    assert before_export["emails"] != []

    services.contact_erase(contact=petrov, acting_user=sales)

    stored = Contact.objects.get(pk=petrov.pk)
    assert str(stored) == "Private collection"
    assert stored.erased_at is not None
    assert (stored.person_id, stored.email, stored.phone, stored.notes) == (None, "", "", "")
    assert (stored.marketing_consent, stored.consent_source, stored.price_min) == (False, "", None)
    assert (stored.emails.count(), stored.phones.count(), stored.addresses.count()) == (0, 0, 0)
    assert stored.tags.count() == 0
    assert list(stored.interactions.values_list("kind", "note")) == [("call", "")]
    assert Person.objects.filter(pk=person_pk).exists()  # the person stays: maybe an artist
    kept = Guest.objects.get(pk=guest.pk)  # the guest list keeps its row and its numbers
    assert (kept.contact_id, kept.name, kept.email, kept.person_id) == (
        petrov.pk,
        "Private collection",
        "",
        None,
    )
    assert (kept.checked_in_party, CheckIn.objects.filter(guest=kept).count()) == (1, 1)
    text = _audit_text()
    for secret in ("petrov@secret.example", "+33 6 12 34 56 78", "SECRET-NOTE", "quai Voltaire",
                   "SECRET-CALL", "by letter"):  # fmt: skip
        assert secret not in text, secret
    erasure = AuditLog.objects.filter(
        content_type__model="contact", object_id=str(petrov.pk)
    ).first()
    assert erasure is not None
    assert erasure.actor == sales
    assert erasure.changes["emails"] == [1, 0]
    assert erasure.changes["guest_entries_anonymised"] == [0, 1]


def test_an_erased_contact_takes_no_more_writes(petrov: Contact, sales: User) -> None:
    services.contact_erase(contact=petrov, acting_user=sales)
    before = AuditLog.objects.count()
    for write in (
        lambda: services.contact_email_add(
            contact=petrov, address="a@b.example", acting_user=sales
        ),
        lambda: services.interaction_record(contact=petrov, kind="call", acting_user=sales),
        lambda: services.contact_consent_set(
            contact=petrov, consent=True, source="x", acting_user=sales
        ),
        lambda: services.contact_erase(contact=petrov, acting_user=sales),
    ):
        with pytest.raises(ValidationError, match="erased"):
            write()
    assert AuditLog.objects.count() == before


def test_the_log_costs_two_queries_however_long_it_is(
    petrov: Contact, sales: User, django_assert_num_queries: Any
) -> None:
    for number in range(3):
        _checked_in(petrov)
        services.interaction_record(
            contact=petrov, kind="email", note=f"message {number}", acting_user=sales
        )
    with django_assert_num_queries(2):
        log = contact_log(contact=petrov)
        rendered = [
            (e.staff, e.exhibition and e.exhibition.title, e.opening and str(e.opening.venue))
            for e in log
        ]
    assert len(rendered) == 6
    assert sum(entry.from_door for entry in log) == 3
