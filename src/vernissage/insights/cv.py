"""The artist's CV, in the form galleries send, generated from the career's records: name,
born (date and place as written), lives and works in (the place of their latest move),
education, solo and group exhibitions by year (latest first), bibliography (from the press
area), collections, awards and residencies. Never a price, whoever reads it.

What is in it is what the viewer may see (the timeline decides): the public reads the
public CV; a collection whose owner's name is kept off is counted as a private collection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from vernissage.core.access import Viewer
from vernissage.exhibitions.documents import BASE_URL, PyramidFetcher
from vernissage.insights.press import bibliography_of
from vernissage.insights.timeline import Career, Entry, EntryKind, career_for
from vernissage.people.models import Person
from vernissage.press.bibliography import Entry as BibliographyEntry


@dataclass(frozen=True)
class YearGroup:
    #: None for the undated ones, listed last.
    year: int | None
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class CV:
    person: Person
    born: str
    lives_in: str
    education: list[Entry]
    solo: list[YearGroup]
    group: list[YearGroup]
    #: The reviews, formatted in the house's citation style (by the press area).
    bibliography: list[BibliographyEntry]
    collections: list[str]
    #: Works are in collections whose names are not shown.
    private_collections: bool
    awards: list[Entry]
    residencies: list[Entry]


def _by_year(entries: list[Entry]) -> list[YearGroup]:
    """Entries grouped by year, latest year first; within a year, in date order."""
    groups: dict[int | None, YearGroup] = {}
    for entry in entries:
        groups.setdefault(entry.year, YearGroup(year=entry.year)).entries.append(entry)
    dated = sorted((g for g in groups.values() if g.year is not None), key=lambda g: -(g.year or 0))
    return [*dated, *([groups[None]] if None in groups else [])]


def _born(person: Person, career: Career) -> str:
    born = next((entry for entry in career.entries if entry.kind == EntryKind.BORN), None)
    when = born.when.text if born is not None else person.birth_date
    place = born.place if born is not None and born.place else ""
    if not place and person.birth_place is not None:
        place = person.birth_place.name
    return ", ".join(part for part in (when, place) if part)


def cv_from_career(career: Career, *, bibliography: list[BibliographyEntry]) -> CV:
    """The CV of a career already read for its viewer, with the bibliography read for the
    same viewer (no query)."""
    person = career.person
    moves = [e for e in career.entries if e.kind == EntryKind.MOVED and e.place]
    owners = [e for e in career.entries if e.kind in (EntryKind.COLLECTION, EntryKind.SALE)]
    return CV(
        person=person,
        born=_born(person, career),
        lives_in=moves[-1].place if moves else "",
        education=career.of_kind(EntryKind.STUDIED),
        solo=_by_year(career.of_kind(EntryKind.SOLO_SHOW)),
        group=_by_year(career.of_kind(EntryKind.GROUP_SHOW)),
        bibliography=bibliography,
        collections=sorted({entry.owner for entry in owners if entry.owner_named}),
        private_collections=any(not entry.owner_named for entry in owners),
        awards=career.of_kind(EntryKind.AWARD),
        residencies=career.of_kind(EntryKind.RESIDENCY),
    )


def person_cv(*, viewer: Viewer, person: Person) -> CV:
    """The CV of ``person`` as ``viewer`` may read it; ``person`` comes from ``person_get``."""
    return cv_from_career(
        career_for(viewer=viewer, person=person),
        bibliography=bibliography_of(person=person, viewer=viewer),
    )


def cv_pdf(*, cv: CV) -> bytes:
    """The CV as an A4 PDF in the house's printed style; it fetches nothing."""
    html = render_to_string(
        "insights/documents/cv.html", {"cv": cv, "printed_at": timezone.localtime()}
    )
    pdf: bytes = HTML(string=html, base_url=BASE_URL, url_fetcher=PyramidFetcher({})).write_pdf()
    return pdf
