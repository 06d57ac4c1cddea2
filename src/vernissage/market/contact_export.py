"""Everything the house holds on one contact, for the contact who asks for it: as JSON (a
versioned shape, below) and as a readable PDF (WeasyPrint). Both for viewers who may see
contacts only; anyone else gets the 404 of an unknown page.

The JSON shape, version 1 (:data:`EXPORT_FORMAT`, :data:`EXPORT_VERSION`). Dates and times
are ISO 8601 with their offset, amounts are decimal strings (never floats), currencies ISO
4217 codes, kinds the stored codes (``home``, ``studio_visit``…)::

    {
      "format": "vernissage.contact",
      "version": 1,
      "exported_at": "2026-05-01T10:00:00+00:00",
      "contact": {"id": 7, "name": "Petrov", "kind": "person" | "organization" | "erased",
                  "person": {"id": 3, "name": "Petrov"} | null,
                  "organization": {"id": 2, "name": "…"} | null,
                  "language": "ru", "notes": "…", "looked_after_by": "sales" | null,
                  "created_at": "…", "erased_at": null | "…"},
      "emails": [{"address": "…", "kind": "work", "primary": true}],
      "phones": [{"number": "…", "kind": "home", "primary": true}],
      "addresses": [{"lines": ["…"], "postal_code": "…", "city": "…", "country": "FR",
                     "kind": "home", "primary": true}],
      "interests": {"artists": [{"id": 1, "name": "Jacques Kalmurzaev"}],
                    "media": ["painting"], "themes": ["love"],
                    "price_range": {"min": "5000.00" | null, "max": "40000.00" | null,
                                    "currency": "EUR"} | null},
      "tags": ["collectors Paris"],
      "marketing_consent": {"given": true, "at": "…" | null, "source": "…"},
      "log": [{"kind": "opening_attended", "at": "…", "staff": "…", "note": "…",
               "exhibition": "…" | null, "opening": "…" | null, "from_door": true}],
      "guest_entries": [{"opening": "…", "starts_at": "…", "answer": "attending",
                         "party": 1, "checked_in_at": "…" | null}]
    }

A new key may be added within version 1; a key removed or changed in meaning makes version 2.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from vernissage.core.access import Viewer, can_see_private
from vernissage.exhibitions.calendar import opening_title
from vernissage.exhibitions.models import Guest
from vernissage.market.contact_selectors import contact_log, price_range_label
from vernissage.market.models import Contact

EXPORT_FORMAT = "vernissage.contact"
EXPORT_VERSION = 1


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _kind(contact: Contact) -> str:
    if contact.erased_at is not None:
        return "erased"
    return "person" if contact.person_id is not None else "organization"


def _guest_entries(contact: Contact) -> list[Guest]:
    guests = list(
        Guest.objects.filter(contact=contact)
        .select_related("opening__exhibition", "opening__venue__organization")
        .order_by("opening__starts_at", "id")
    )
    for guest in guests:
        guest.opening_title = opening_title(guest.opening)  # type: ignore[attr-defined]
    return guests


def contact_export(*, contact: Contact, viewer: Viewer) -> dict[str, Any]:
    """Everything held on ``contact`` (from ``contact_get``, which asked who is looking), in
    the shape of version 1. Private notes go to viewers who may see private records only
    (``notes`` is then null)."""
    log = contact_log(contact=contact)
    guests = _guest_entries(contact)
    user = contact.looked_after_by
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "contact": {
            "id": contact.pk,
            "name": contact.display_name,
            "kind": _kind(contact),
            "person": {"id": contact.person.pk, "name": str(contact.person)}
            if contact.person
            else None,
            "organization": {"id": contact.organization.pk, "name": str(contact.organization)}
            if contact.organization
            else None,
            "language": contact.language,
            "notes": contact.notes if can_see_private(viewer) else None,
            "looked_after_by": user.get_username() if user is not None else None,
            "created_at": _when(contact.created_at),
            "erased_at": _when(contact.erased_at),
        },
        "emails": [
            {"address": row.address, "kind": row.kind, "primary": row.primary}
            for row in contact.emails.all()
        ],
        "phones": [
            {"number": row.number, "kind": row.kind, "primary": row.primary}
            for row in contact.phones.all()
        ],
        "addresses": [
            {
                "lines": row.lines.splitlines(),
                "postal_code": row.postal_code,
                "city": row.city,
                "country": row.country,
                "kind": row.kind,
                "primary": row.primary,
            }
            for row in contact.addresses.all()
        ],
        "interests": {
            "artists": [
                {"id": person.pk, "name": str(person)}
                for person in contact.interested_in_artists.all()
            ],
            "media": [term.label for term in contact.interested_in_media.all()],
            "themes": [term.label for term in contact.interested_in_themes.all()],
            "price_range": {
                "min": str(contact.price_min) if contact.price_min is not None else None,
                "max": str(contact.price_max) if contact.price_max is not None else None,
                "currency": contact.price_currency,
            }
            if contact.price_currency
            else None,
        },
        "tags": [tag.name for tag in contact.tags.all()],
        "marketing_consent": {
            "given": contact.marketing_consent,
            "at": _when(contact.consent_at),
            "source": contact.consent_source,
        },
        "log": [
            {
                "kind": entry.kind,
                "at": _when(entry.at),
                "staff": entry.staff,
                "note": entry.note,
                "exhibition": entry.exhibition.title if entry.exhibition else None,
                "opening": opening_title(entry.opening) if entry.opening else None,
                "from_door": entry.from_door,
            }
            for entry in log
        ],
        "guest_entries": [
            {
                "opening": guest.opening_title,  # type: ignore[attr-defined]
                "starts_at": _when(guest.opening.starts_at),
                "answer": guest.response,
                "party": guest.party_size,
                "checked_in_at": _when(guest.checked_in_at),
            }
            for guest in guests
        ],
    }


class _NoFetcher(URLFetcher):  # type: ignore[misc]
    """The document holds no image and no link to fetch: every URL is refused, so nothing
    leaves the process."""

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        raise ValueError(f"A contact's document fetches nothing: {url}")


def contact_pdf(*, contact: Contact, viewer: Viewer) -> bytes:
    """The same, as a document the contact can read: everything held on them, on A4."""
    html = render_to_string(
        "market/documents/contact.html",
        {
            "contact": contact,
            "data": contact_export(contact=contact, viewer=viewer),
            "log": contact_log(contact=contact),
            "guests": _guest_entries(contact),
            "price_range": price_range_label(contact),
            "printed_at": timezone.localtime(),
        },
    )
    pdf: bytes = HTML(
        string=html, base_url="https://vernissage.document.invalid/", url_fetcher=_NoFetcher()
    ).write_pdf()
    return pdf
