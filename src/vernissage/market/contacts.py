"""Writes about contacts: their details, the ways to reach them, their interests, their
marketing consent, the log of interactions, and their erasure.

Every function is one transaction, validated and audited; a refusal is a translated
``ValidationError``. An erased contact takes no more writes: it stays only so that what refers
to it (a guest list, a sale) keeps its rows and numbers.

``Contact.email`` and ``Contact.phone`` are kept equal to the primary e-mail address and phone
(guest lists read them); write the ways to reach someone through :func:`contact_point_save`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vernissage.core.models import AuditLog
from vernissage.core.services import (
    Actor,
    audit_m2m,
    audit_record,
    audited_delete,
    audited_save,
    m2m_snapshot,
    snapshot,
)
from vernissage.core.text import fold
from vernissage.exhibitions.models import Exhibition, Guest, Opening
from vernissage.market.contacts_models import (
    ContactAddress,
    ContactEmail,
    ContactPhone,
    Interaction,
)
from vernissage.market.models import PRIVATE_COLLECTION, Contact, ContactTag
from vernissage.people.models import Organization, Person
from vernissage.works.models import Term

Point = TypeVar("Point", ContactEmail, ContactPhone, ContactAddress)

#: How far ahead of now an interaction may be dated (clocks differ a little): the log records
#: what happened, not what is planned.
FUTURE_SLACK = dt.timedelta(minutes=5)


def _not_erased(contact: Contact) -> None:
    if contact.erased_at is not None:
        raise ValidationError(_("This contact was erased; nothing more can be written on it."))


def _locked(contact: Contact) -> Contact:
    """The contact's row, locked for the rest of the transaction, refused if erased."""
    locked: Contact = Contact.objects.select_for_update().get(pk=contact.pk)
    _not_erased(locked)
    return locked


# --- the contact ----------------------------------------------------------------------------


def contact_create(
    *,
    acting_user: Actor,
    person: Person | None = None,
    organization: Organization | None = None,
    language: str = "en",
    notes: str = "",
    looked_after_by: User | None = None,
) -> Contact:
    """Make a person or an organization a contact of the house (without consent: that is
    given through :func:`contact_consent_set`, with its date and source)."""
    if (person is None) == (organization is None):
        raise ValidationError(_("A contact is a person or an organization, one of the two."))
    return audited_save(
        instance=Contact(
            person=person,
            organization=organization,
            language=language,
            notes=notes,
            looked_after_by=looked_after_by,
        ),
        acting_user=acting_user,
    )


#: Fields only their own services change.
_GUARDED = ("marketing_consent", "consent_at", "consent_source", "email", "phone", "erased_at")


def contact_save(*, contact: Contact, acting_user: Actor) -> Contact:
    """Save a contact's edits (language, notes, who looks after them). Consent, the primary
    address and phone, and erasure have services of their own and are refused here."""
    with transaction.atomic():
        if contact.pk is not None:
            stored = _locked(contact)
            changed = [name for name in _GUARDED if getattr(stored, name) != getattr(contact, name)]
            if changed:
                raise ValidationError(
                    _(
                        "Marketing consent, e-mail addresses and phones are changed on their "
                        "own (%(fields)s)."
                    )
                    % {"fields": ", ".join(changed)}
                )
        return audited_save(instance=contact, acting_user=acting_user)


def contact_consent_set(
    *,
    contact: Contact,
    consent: bool,
    source: str,
    acting_user: Actor,
    at: dt.datetime | None = None,
) -> Contact:
    """Record that the contact agreed to (or withdrew from) invitations and news: when, and
    how we know (“signed the guest book at the Paris opening”, “unsubscribed by e-mail”)."""
    source = " ".join(source.split())
    if not source:
        raise ValidationError(
            {"consent_source": _("Say how the contact agreed or withdrew, for the record.")}
        )
    moment = at or timezone.now()
    if timezone.is_naive(moment):
        raise ValidationError(_("The date of the consent needs its time zone."))
    if moment > timezone.now() + FUTURE_SLACK:
        raise ValidationError({"consent_at": _("Consent cannot be dated in the future.")})
    with transaction.atomic():
        locked = _locked(contact)
        before = snapshot(locked)
        locked.marketing_consent = consent
        locked.consent_at = moment
        locked.consent_source = source
        locked.full_clean()
        locked.save(
            update_fields=["marketing_consent", "consent_at", "consent_source", "updated_at"]
        )
        audit_record(
            instance=locked,
            action=AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before=before,
            after=snapshot(locked),
        )
    contact.refresh_from_db()
    return locked


def _money(value: Decimal | str | None, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        raise ValidationError({field: _("Amounts are written as decimals, never as floats.")})
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError) as error:
        raise ValidationError(
            {field: _("“%(value)s” is not an amount.") % {"value": value}}
        ) from error
    if not amount.is_finite() or amount < 0:
        raise ValidationError({field: _("An amount cannot be negative.")})
    return amount


def contact_interests_set(
    *,
    contact: Contact,
    acting_user: Actor,
    artists: Iterable[Person] = (),
    media: Iterable[Term] = (),
    themes: Iterable[Term] = (),
    price_min: Decimal | str | None = None,
    price_max: Decimal | str | None = None,
    currency: str = "",
) -> Contact:
    """What the contact collects: artists, media, themes, and the range they spend in, in one
    currency (ISO 4217)."""
    media, themes, artists = list(media), list(themes), list(artists)
    low, high = _money(price_min, "price_min"), _money(price_max, "price_max")
    currency = currency.strip().upper()
    if (low is not None or high is not None) and not currency:
        raise ValidationError({"price_currency": _("Give the currency of the price range.")})
    if low is not None and high is not None and low > high:
        raise ValidationError(
            {"price_max": _("The range ends (%(high)s) below where it starts (%(low)s).")
             % {"high": high, "low": low}}
        )  # fmt: skip
    if any(term.kind != Term.Kind.MEDIUM for term in media):
        raise ValidationError({"interested_in_media": _("Only media may be chosen as media.")})
    if any(term.kind != Term.Kind.THEME for term in themes):
        raise ValidationError({"interested_in_themes": _("Only themes may be chosen as themes.")})
    with transaction.atomic():
        locked = _locked(contact)
        links = m2m_snapshot(locked)
        locked.price_min, locked.price_max = low, high
        locked.price_currency = currency if (low is not None or high is not None) else ""
        audited_save(instance=locked, acting_user=acting_user)
        locked.interested_in_artists.set(artists)
        locked.interested_in_media.set(media)
        locked.interested_in_themes.set(themes)
        audit_m2m(instance=locked, acting_user=acting_user, before=links)
    contact.refresh_from_db()
    return locked


def contact_tag_create(*, name: str, acting_user: Actor) -> ContactTag:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Write the tag.")})
    return audited_save(instance=ContactTag(name=name), acting_user=acting_user)


def contact_tags_set(
    *, contact: Contact, tags: Iterable[ContactTag], acting_user: Actor
) -> Contact:
    with transaction.atomic():
        locked = _locked(contact)
        links = m2m_snapshot(locked)
        locked.tags.set(list(tags))
        audit_m2m(instance=locked, acting_user=acting_user, before=links)
    return locked


# --- ways to reach them ---------------------------------------------------------------------


def _primary_sync(contact: Contact, acting_user: Actor) -> None:
    """Copy the primary e-mail address and phone onto the contact, where guest lists read
    them."""
    email = ContactEmail.objects.filter(contact=contact, primary=True).first()
    phone = ContactPhone.objects.filter(contact=contact, primary=True).first()
    values = {"email": email.address if email else "", "phone": phone.number if phone else ""}
    if any(getattr(contact, name) != value for name, value in values.items()):
        before = snapshot(contact)
        for name, value in values.items():
            setattr(contact, name, value)
        contact.save(update_fields=[*values, "updated_at"])
        audit_record(
            instance=contact,
            action=AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before=before,
            after=snapshot(contact),
        )


def contact_point_save(*, point: Point, acting_user: Actor) -> Point:
    """Save an e-mail address, a phone or a postal address of a contact. The first one of its
    way is primary; a new primary one takes the place of the old."""
    model = type(point)
    with transaction.atomic():
        contact = _locked(point.contact)
        others = model.objects.filter(contact=contact).exclude(pk=point.pk)
        if not others.exists():
            point.primary = True
        if point.primary:
            for other in others.filter(primary=True):
                other.primary = False
                audited_save(instance=other, acting_user=acting_user)
        if isinstance(point, ContactEmail):
            point.address = point.address.strip()
        if isinstance(point, ContactPhone):
            point.number = " ".join(point.number.split())
            if not point.number:
                raise ValidationError({"number": _("Write the phone number.")})
        audited_save(instance=point, acting_user=acting_user)
        if not model.objects.filter(contact=contact, primary=True).exists():
            first = model.objects.filter(contact=contact).order_by("created_at", "pk").first()
            if first is not None:
                first.primary = True
                audited_save(instance=first, acting_user=acting_user)
        _primary_sync(contact, acting_user)
    point.contact.refresh_from_db()
    return point


def contact_point_remove(
    *, point: ContactEmail | ContactPhone | ContactAddress, acting_user: Actor
) -> None:
    """Remove one way to reach a contact; the oldest left of that way becomes primary."""
    model = type(point)
    with transaction.atomic():
        contact = _locked(point.contact)
        audited_delete(instance=point, acting_user=acting_user)
        if not model.objects.filter(contact=contact, primary=True).exists():
            first = model.objects.filter(contact=contact).order_by("created_at", "pk").first()
            if first is not None:
                first.primary = True
                audited_save(instance=first, acting_user=acting_user)
        _primary_sync(contact, acting_user)
    point.contact.refresh_from_db()


def contact_email_add(
    *, contact: Contact, address: str, acting_user: Actor, kind: str = "home", primary: bool = False
) -> ContactEmail:
    return contact_point_save(
        point=ContactEmail(contact=contact, address=address, kind=kind, primary=primary),
        acting_user=acting_user,
    )


def contact_phone_add(
    *, contact: Contact, number: str, acting_user: Actor, kind: str = "home", primary: bool = False
) -> ContactPhone:
    return contact_point_save(
        point=ContactPhone(contact=contact, number=number, kind=kind, primary=primary),
        acting_user=acting_user,
    )


def contact_address_add(
    *,
    contact: Contact,
    lines: str,
    acting_user: Actor,
    postal_code: str = "",
    city: str = "",
    country: str = "",
    kind: str = "home",
    primary: bool = False,
) -> ContactAddress:
    return contact_point_save(
        point=ContactAddress(
            contact=contact,
            lines=lines.strip(),
            postal_code=postal_code.strip(),
            city=city.strip(),
            country=country.strip().upper(),
            kind=kind,
            primary=primary,
        ),
        acting_user=acting_user,
    )


# --- the log --------------------------------------------------------------------------------


def interaction_save(*, interaction: Interaction, acting_user: Actor) -> Interaction:
    """Save an entry of the log: not in the future, an opening of the exhibition named."""
    if interaction.at is None or timezone.is_naive(interaction.at):
        raise ValidationError({"at": _("Give the date and time, with its time zone.")})
    if interaction.at > timezone.now() + FUTURE_SLACK:
        raise ValidationError({"at": _("The log records what happened: not a date to come.")})
    opening = interaction.opening
    if opening is not None:
        if interaction.exhibition_id is None:
            interaction.exhibition_id = opening.exhibition_id
        elif interaction.exhibition_id != opening.exhibition_id:
            raise ValidationError(
                {"opening": _("This opening is not one of the exhibition chosen.")}
            )
    with transaction.atomic():
        _locked(interaction.contact)
        return audited_save(instance=interaction, acting_user=acting_user)


def interaction_record(
    *,
    contact: Contact,
    kind: str,
    acting_user: Actor,
    at: dt.datetime | None = None,
    note: str = "",
    staff: Any = None,
    exhibition: Exhibition | None = None,
    opening: Opening | None = None,
) -> Interaction:
    """Log something that happened with the contact; the staff member is whoever records it
    unless named."""
    if kind not in Interaction.Kind.values:
        raise ValidationError(
            {"kind": _("“%(kind)s” is not a kind of interaction.") % {"kind": kind}}
        )
    if staff is None and isinstance(acting_user, User):
        staff = acting_user
    return interaction_save(
        interaction=Interaction(
            contact=contact,
            kind=kind,
            at=at or timezone.now(),
            note=note.strip(),
            staff=staff,
            exhibition=exhibition,
            opening=opening,
        ),
        acting_user=acting_user,
    )


def interaction_delete(*, interaction: Interaction, acting_user: Actor) -> None:
    with transaction.atomic():
        _locked(interaction.contact)
        audited_delete(instance=interaction, acting_user=acting_user)


# --- erasure --------------------------------------------------------------------------------


def _redact_history(content_type: ContentType, ids: list[str]) -> None:
    """Keep who changed what and when in the audit log, not the values: earlier rows would
    otherwise keep what erasure removes."""
    if not ids:
        return
    AuditLog.objects.filter(
        Q(content_type=content_type, object_id__in=ids)
        | Q(record_type=content_type, record_id__in=ids)
    ).update(changes={}, object_repr=str(PRIVATE_COLLECTION))


def contact_erase(*, contact: Contact, acting_user: Actor) -> Contact:
    """Erase a contact at their request, keeping the ledger whole.

    Gone: their e-mail addresses, phones and postal addresses, notes, tags, interests,
    consent, the notes of their interactions, the link to their person or organization (the
    person stays: they may be an artist), and the values in earlier audit rows. Kept: the
    contact's row, now "Private collection", and every row that refers to it (guest lists,
    sales), with its numbers; a guest entry keeps its answer and check-ins, not the name or
    address. The audit row of the erasure says what was removed, as counts, never the values.
    Export first if the contact asked for their data.
    """
    with transaction.atomic():
        locked = _locked(contact)
        pk = str(locked.pk)
        guests = list(Guest.objects.select_for_update().filter(contact=locked))
        counts = {
            "emails": locked.emails.count(),
            "phones": locked.phones.count(),
            "addresses": locked.addresses.count(),
            "tags": locked.tags.count(),
            "interaction_notes": locked.interactions.exclude(note="").count(),
        }
        point_ids = {
            model: [
                str(key)
                for key in model.objects.filter(contact=locked).values_list("pk", flat=True)
            ]
            for model in (ContactEmail, ContactPhone, ContactAddress)
        }
        for model in point_ids:
            model.objects.filter(contact=locked).delete()
        locked.interactions.update(note="")
        locked.tags.clear()
        locked.interested_in_artists.clear()
        locked.interested_in_media.clear()
        locked.interested_in_themes.clear()
        erased_at = timezone.now()
        Contact.objects.filter(pk=locked.pk).update(
            person=None,
            organization=None,
            email="",
            phone="",
            notes="",
            marketing_consent=False,
            consent_at=None,
            consent_source="",
            price_min=None,
            price_max=None,
            price_currency="",
            erased_at=erased_at,
            updated_at=erased_at,
        )
        name = str(PRIVATE_COLLECTION)
        Guest.objects.filter(pk__in=[guest.pk for guest in guests]).update(
            name=name,
            search_name=fold(name),
            person=None,
            email="",
            note="",
            access_needs="",
        )
        for model, ids in point_ids.items():
            _redact_history(ContentType.objects.get_for_model(model), ids)
        _redact_history(ContentType.objects.get_for_model(Contact), [pk])
        _redact_history(
            ContentType.objects.get_for_model(Guest), [str(guest.pk) for guest in guests]
        )
        locked.refresh_from_db()
        audit_record(
            instance=locked,
            action=AuditLog.Action.UPDATE,
            acting_user=acting_user,
            before={"erased_at": None, "guest_entries_anonymised": 0, **counts},
            after={
                "erased_at": erased_at.isoformat(),
                "guest_entries_anonymised": len(guests),
                **dict.fromkeys(counts, 0),
            },
        )
    contact.refresh_from_db()
    return locked
