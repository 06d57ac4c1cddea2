"""An opening night as an iCalendar file (RFC 5545), for the invitation e-mail's attachment and
the RSVP page's link.

The evening is written in the venue's time zone (``DTSTART;TZID=Europe/Paris:…``) with that
zone's VTIMEZONE, so a calendar anywhere shows it at the right moment and says so in the
venue's own time; never in the server's zone, nor only in UTC.
"""

from __future__ import annotations

import datetime as dt

import icalendar
from django.utils import timezone

from vernissage.exhibitions.links import site_domain
from vernissage.exhibitions.models import Opening

PRODUCT_ID = "-//Vernissage//Opening nights//EN"


def opening_title(opening: Opening) -> str:
    return opening.title or str(opening.exhibition)


def opening_location(opening: Opening) -> str:
    venue = opening.venue
    lines = [str(venue), *(line.strip() for line in venue.address.splitlines())]
    return ", ".join(line for line in lines if line)


def opening_ics(opening: Opening, *, url: str = "", description: str = "") -> bytes:
    """The opening as one event in its venue's time zone; ``url`` is where to answer."""
    zone = opening.venue.zone
    start = timezone.localtime(opening.starts_at, zone)
    end = timezone.localtime(opening.ends_at, zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"opening-{opening.pk}@{site_domain()}")
    event.add("dtstamp", timezone.now().astimezone(dt.UTC).replace(microsecond=0))
    event.add("dtstart", start.replace(microsecond=0))
    event.add("dtend", end.replace(microsecond=0))
    event.add("summary", opening_title(opening))
    location = opening_location(opening)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if description:
        event.add("description", description)
    # Version of the event: a moved opening sends a newer SEQUENCE in the next e-mail.
    event.add("sequence", int(opening.updated_at.timestamp()) % 2_000_000_000)
    calendar.add_component(event)
    # Only the rules around the evening: a small VTIMEZONE, right for that year.
    calendar.add_missing_timezones(
        first_date=start.date() - dt.timedelta(days=366),
        last_date=end.date() + dt.timedelta(days=366),
    )
    return bytes(calendar.to_ical())


def calendar_file_name(opening: Opening) -> str:
    return f"opening-{opening.pk}.ics"
