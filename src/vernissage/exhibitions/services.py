"""Writes about venues, exhibitions, their stops, checklists and openings.

Every function is one transaction, validated (``full_clean``) and audited; a refusal is a
``ValidationError`` that names the field it is about, so that the admin and the pages can
show it where the person typed. Guests, invitations and the door are written elsewhere
(``invitations``, ``guests``, ``door``).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vernissage.core.fuzzy_dates import parse_fuzzy_date
from vernissage.core.services import (
    Actor,
    audit_m2m,
    audited_delete,
    audited_save,
    m2m_snapshot,
    soft_delete,
    soft_restore,
)
from vernissage.core.slugs import unique_slug
from vernissage.exhibitions.models import (
    ChecklistItem,
    Exhibition,
    ExhibitionVenue,
    Opening,
    Venue,
)
from vernissage.people.models import Organization, Person, Place
from vernissage.works.models import Artwork

# --- venues ---------------------------------------------------------------------------------


def venue_save(*, venue: Venue, acting_user: Actor) -> Venue:
    """Save a venue as edited; its time zone must be one the world knows (Europe/Paris)."""
    venue.time_zone = venue.time_zone.strip()
    venue.address = venue.address.strip()
    return audited_save(instance=venue, acting_user=acting_user)


def venue_create(
    *,
    acting_user: Actor,
    organization: Organization,
    address: str = "",
    place: Place | None = None,
    time_zone: str = "UTC",
    capacity: int | None = None,
) -> Venue:
    """Make ``organization`` a venue. Its city defaults to the organization's."""
    return venue_save(
        venue=Venue(
            organization=organization,
            address=address,
            place=place if place is not None else organization.place,
            time_zone=time_zone,
            capacity=capacity,
        ),
        acting_user=acting_user,
    )


def venue_delete(*, venue: Venue, acting_user: Actor) -> None:
    """Erase a venue no show has stopped at; one with a history stays on record."""
    if venue.stops.exists() or venue.openings.exists():
        raise ValidationError(
            _("Exhibitions were held at %(venue)s: it stays on record.") % {"venue": venue}
        )
    audited_delete(instance=venue, acting_user=acting_user)


# --- exhibitions ----------------------------------------------------------------------------


def _dates_in_order(record: Exhibition | ExhibitionVenue) -> None:
    """Refuse a closing date that surely falls before the opening (fuzzy bounds compared:
    “spring 2013” to “2013” is fine, “2014” to “2013” is not)."""
    starts = parse_fuzzy_date(record.start_date)
    ends = parse_fuzzy_date(record.end_date)
    if starts.earliest is None or ends.latest is None:
        return
    if ends.latest < starts.earliest:
        raise ValidationError(
            {
                "end_date": _("It closes (%(end)s) before it opens (%(start)s).")
                % {"end": record.end_date, "start": record.start_date}
            }
        )


def exhibition_save(*, exhibition: Exhibition, acting_user: Actor) -> Exhibition:
    """Save an exhibition as edited: a slug from its title when it has none, its dates read
    as written (what cannot be read is kept and flagged), closing not before opening."""
    with transaction.atomic():
        exhibition.title = " ".join(exhibition.title.split())
        if not exhibition.title:
            raise ValidationError({"title": _("An exhibition needs a title.")})
        _dates_in_order(exhibition)
        if not exhibition.slug:
            exhibition.slug = unique_slug(
                model=Exhibition, text=exhibition.title, exclude_pk=exhibition.pk
            )
        return audited_save(instance=exhibition, acting_user=acting_user)


def exhibition_create(
    *,
    acting_user: Actor,
    title: str,
    kind: str = Exhibition.Kind.GROUP,
    organizer: Organization | None = None,
    curators: Iterable[Person] = (),
    artists: Iterable[Person] = (),
    start_date: str = "",
    end_date: str = "",
    public_text: str = "",
    press_release: str = "",
    source: str = "",
    is_public: bool = False,
    notes: str = "",
) -> Exhibition:
    """Record an exhibition. ``artists`` are the artists added by hand; the makers of the
    works on its checklist are shown without being added."""
    with transaction.atomic():
        exhibition = exhibition_save(
            exhibition=Exhibition(
                title=title,
                kind=kind,
                organizer=organizer,
                start_date=start_date,
                end_date=end_date,
                public_text=public_text,
                press_release=press_release,
                source=source,
                is_public=is_public,
                notes=notes,
            ),
            acting_user=acting_user,
        )
        curators, artists = list(curators), list(artists)
        if curators or artists:
            before = m2m_snapshot(exhibition)
            exhibition.curators.set(curators)
            exhibition.artists.set(artists)
            audit_m2m(instance=exhibition, acting_user=acting_user, before=before)
    return exhibition


def exhibition_artist_add(*, exhibition: Exhibition, person: Person, acting_user: Actor) -> None:
    """Add an artist by hand (one whose works are not, or not yet, on the checklist)."""
    with transaction.atomic():
        before = m2m_snapshot(exhibition)
        exhibition.artists.add(person)
        audit_m2m(instance=exhibition, acting_user=acting_user, before=before)


def exhibition_artist_remove(*, exhibition: Exhibition, person: Person, acting_user: Actor) -> None:
    """Take back an artist added by hand; the makers of checklist works stay shown."""
    with transaction.atomic():
        before = m2m_snapshot(exhibition)
        exhibition.artists.remove(person)
        audit_m2m(instance=exhibition, acting_user=acting_user, before=before)


def exhibition_delete(*, exhibition: Exhibition, acting_user: Actor) -> None:
    """Hide an exhibition (its checklist and openings are kept); :func:`exhibition_restore`
    brings it back untouched."""
    soft_delete(instance=exhibition, acting_user=acting_user)


def exhibition_restore(*, exhibition: Exhibition, acting_user: Actor) -> None:
    soft_restore(instance=exhibition, acting_user=acting_user)


# --- stops of a touring show ----------------------------------------------------------------


def exhibition_stop_save(*, stop: ExhibitionVenue, acting_user: Actor) -> ExhibitionVenue:
    """Save one stop of a show at a venue, with its own (fuzzy) dates."""
    with transaction.atomic():
        _dates_in_order(stop)
        duplicate = ExhibitionVenue.objects.filter(
            exhibition_id=stop.exhibition_id,
            venue_id=stop.venue_id,
            start_date=parse_fuzzy_date(stop.start_date).text,
        ).exclude(pk=stop.pk)
        if duplicate.exists():
            raise ValidationError(
                {
                    "venue": _("The show already stops at %(venue)s from %(date)s.")
                    % {"venue": stop.venue, "date": stop.start_date or _("an unknown date")}
                }
            )
        return audited_save(instance=stop, acting_user=acting_user)


def exhibition_stop_add(
    *,
    acting_user: Actor,
    exhibition: Exhibition,
    venue: Venue,
    start_date: str = "",
    end_date: str = "",
    position: int | None = None,
) -> ExhibitionVenue:
    """Add a venue to the show's tour; without a position it comes after the others."""
    with transaction.atomic():
        if position is None:
            last = exhibition.stops.order_by("-position").values_list("position", flat=True)
            position = (last.first() or 0) + 1
        return exhibition_stop_save(
            stop=ExhibitionVenue(
                exhibition=exhibition,
                venue=venue,
                start_date=start_date,
                end_date=end_date,
                position=position,
            ),
            acting_user=acting_user,
        )


def exhibition_stop_remove(*, stop: ExhibitionVenue, acting_user: Actor) -> None:
    """Take a venue off the tour, unless an opening is held there."""
    if Opening.objects.filter(exhibition_id=stop.exhibition_id, venue_id=stop.venue_id).exists():
        raise ValidationError(
            _("An opening is held at %(venue)s: move or delete the opening first.")
            % {"venue": stop.venue}
        )
    audited_delete(instance=stop, acting_user=acting_user)


# --- the checklist --------------------------------------------------------------------------


def checklist_price_check(*, price: Decimal | None, currency: str) -> str:
    """The currency as stored (“eur” → “EUR”), or a refusal naming the field at fault: a
    price needs its currency, never goes below zero, and a currency needs a price."""
    currency = currency.strip().upper()
    errors: dict[str, str] = {}
    if price is not None and price < Decimal(0):
        errors["price"] = _("A price cannot be negative.")
    if currency and (len(currency) != 3 or not currency.isalpha()):
        errors["currency"] = _(
            "Write the currency as its three-letter ISO 4217 code, such as EUR or USD."
        )
    elif price is not None and not currency:
        errors["currency"] = _("Give the currency of the price, such as EUR or USD.")
    if price is None and currency:
        errors["price"] = _("A currency without a price: give the price, or clear the currency.")
    if errors:
        raise ValidationError(errors)
    return currency


def _lender_checked(item: ChecklistItem) -> None:
    if item.lender_person_id is not None and item.lender_organization_id is not None:
        raise ValidationError(
            {"lender_organization": _("A work is lent by one person or one organization.")}
        )


def checklist_item_save(*, item: ChecklistItem, acting_user: Actor) -> ChecklistItem:
    """Save one entry of a checklist as edited: a price only with its currency and never
    below zero, one lender at most, each work once per exhibition."""
    with transaction.atomic():
        item.section = " ".join(item.section.split())
        item.catalogue_number = item.catalogue_number.strip()
        item.currency = checklist_price_check(price=item.price, currency=item.currency)
        _lender_checked(item)
        artwork = Artwork.all_objects.filter(pk=item.artwork_id).first()
        if artwork is not None and artwork.is_deleted and item.pk is None:
            raise ValidationError({"artwork": _("“%(work)s” is deleted.") % {"work": artwork}})
        taken = ChecklistItem.objects.filter(
            exhibition_id=item.exhibition_id, artwork_id=item.artwork_id
        ).exclude(pk=item.pk)
        if taken.exists():
            raise ValidationError(
                {"artwork": _("“%(work)s” is already on the checklist.") % {"work": artwork}}
            )
        if item.catalogue_number:
            number_taken = ChecklistItem.objects.filter(
                exhibition_id=item.exhibition_id, catalogue_number=item.catalogue_number
            ).exclude(pk=item.pk)
            if number_taken.exists():
                raise ValidationError(
                    {
                        "catalogue_number": _("Catalogue number %(number)s is already used.")
                        % {"number": item.catalogue_number}
                    }
                )
        return audited_save(instance=item, acting_user=acting_user)


def checklist_add(
    *,
    acting_user: Actor,
    exhibition: Exhibition,
    artwork: Artwork,
    section: str = "",
    catalogue_number: str = "",
    lender_person: Person | None = None,
    lender_organization: Organization | None = None,
    lender_credit: str = "",
    status: str = ChecklistItem.Status.REQUESTED,
    price: Decimal | None = None,
    currency: str = "",
) -> ChecklistItem:
    """Put a work on the checklist, after the works already there."""
    with transaction.atomic():
        last = exhibition.checklist.order_by("-position").values_list("position", flat=True)
        return checklist_item_save(
            item=ChecklistItem(
                exhibition=exhibition,
                artwork=artwork,
                position=(last.first() or 0) + 1,
                section=section,
                catalogue_number=catalogue_number,
                lender_person=lender_person,
                lender_organization=lender_organization,
                lender_credit=lender_credit,
                status=status,
                price=price,
                currency=currency,
            ),
            acting_user=acting_user,
        )


def _renumber(order: list[ChecklistItem], acting_user: Actor) -> None:
    for number, entry in enumerate(order, start=1):
        if entry.position != number:
            entry.position = number
            audited_save(instance=entry, acting_user=acting_user)


def checklist_move(*, item: ChecklistItem, position: int, acting_user: Actor) -> ChecklistItem:
    """Move an entry to ``position`` (1 is first); the others close up behind it."""
    with transaction.atomic():
        entries = list(
            ChecklistItem.objects.select_for_update()
            .filter(exhibition_id=item.exhibition_id)
            .order_by("position", "id")
        )
        if not 1 <= position <= len(entries):
            raise ValidationError(
                {
                    "position": _("The checklist has %(count)d entries: choose 1 to %(count)d.")
                    % {"count": len(entries)}
                }
            )
        moving = next(entry for entry in entries if entry.pk == item.pk)
        entries.remove(moving)
        entries.insert(position - 1, moving)
        _renumber(entries, acting_user)
        item.position = moving.position
    return item


def checklist_remove(*, item: ChecklistItem, acting_user: Actor) -> None:
    """Take a work off the checklist; the entries after it close up."""
    with transaction.atomic():
        exhibition_id = item.exhibition_id
        audited_delete(instance=item, acting_user=acting_user)
        _renumber(
            list(ChecklistItem.objects.filter(exhibition_id=exhibition_id).order_by("position")),
            acting_user,
        )


# --- openings -------------------------------------------------------------------------------


def venue_local_time(*, venue: Venue, when: dt.datetime) -> dt.datetime:
    """``when`` as an aware time: a naive one is read as the venue's wall-clock time, as
    staff at the venue mean it; one that does not exist there (the hour skipped when clocks
    go forward) or happens twice (when they go back) is refused rather than guessed."""
    if when.tzinfo is not None:
        return when
    zone = zoneinfo.ZoneInfo(venue.time_zone)
    first, second = when.replace(tzinfo=zone, fold=0), when.replace(tzinfo=zone, fold=1)
    written = {"time": when.strftime("%Y-%m-%d %H:%M"), "zone": venue.time_zone}
    if first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != when:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s (the clocks go forward): choose another time.")
            % written
        )
    if first.utcoffset() != second.utcoffset():
        raise ValidationError(
            _("%(time)s happens twice in %(zone)s (the clocks go back): give the UTC offset.")
            % written
        )
    return first


def opening_save(*, opening: Opening, acting_user: Actor) -> Opening:
    """Save an opening as edited. Naive times are the venue's wall clock (see
    :func:`venue_local_time`); it ends after it starts, within a day; answers close before it
    ends; and it is held at one of the show's venues when the show has any."""
    with transaction.atomic():
        venue = Venue.objects.get(pk=opening.venue_id)
        opening.starts_at = venue_local_time(venue=venue, when=opening.starts_at)
        opening.ends_at = venue_local_time(venue=venue, when=opening.ends_at)
        if opening.rsvp_deadline is not None:
            opening.rsvp_deadline = venue_local_time(venue=venue, when=opening.rsvp_deadline)
        errors: dict[str, str] = {}
        if opening.ends_at <= opening.starts_at:
            errors["ends_at"] = _("The opening ends before it starts.")
        elif opening.ends_at - opening.starts_at > dt.timedelta(hours=24):
            errors["ends_at"] = _("An opening lasts a day at most; check the end's date.")
        if opening.rsvp_deadline is not None and opening.rsvp_deadline > opening.ends_at:
            errors["rsvp_deadline"] = _("Answers must close before the opening ends.")
        stops = ExhibitionVenue.objects.filter(exhibition_id=opening.exhibition_id)
        if stops.exists() and not stops.filter(venue_id=opening.venue_id).exists():
            errors["venue"] = _("%(venue)s is not one of this exhibition's venues.") % {
                "venue": venue
            }
        if errors:
            raise ValidationError(errors)
        return audited_save(instance=opening, acting_user=acting_user)


def opening_create(
    *,
    acting_user: Actor,
    exhibition: Exhibition,
    venue: Venue,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str = "",
    capacity: int | None = None,
    rsvp_deadline: dt.datetime | None = None,
    is_public: bool = True,
) -> Opening:
    """Record the opening night of a show at one of its venues."""
    return opening_save(
        opening=Opening(
            exhibition=exhibition,
            venue=venue,
            starts_at=starts_at,
            ends_at=ends_at,
            title=title,
            capacity=capacity,
            rsvp_deadline=rsvp_deadline,
            is_public=is_public,
        ),
        acting_user=acting_user,
    )


def opening_delete(*, opening: Opening, acting_user: Actor) -> None:
    """Erase an opening nobody is invited to yet (a guest list is never lost this way)."""
    if opening.guests.exists():
        raise ValidationError(
            _("%(opening)s has a guest list: it cannot be deleted.") % {"opening": opening}
        )
    audited_delete(instance=opening, acting_user=acting_user)
