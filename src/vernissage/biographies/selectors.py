"""Reads the reader needs from the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.prepared import PreparedRead, Slots
from vernissage.core.text import fold


def catalogue_place_names() -> frozenset[str]:
    """The names of the catalogue's places (and their variants), which the reader takes as
    places even where the gazetteer does not know them; none when there is no database yet."""
    from vernissage.people.models import Place

    try:
        return frozenset(Place.objects.values_list("name", flat=True))
    except DatabaseError:
        return frozenset()


@dataclass(frozen=True)
class Candidate:
    """An existing record a proposed name may be, with why."""

    record: Any
    score: float
    evidence: tuple[str, ...]

    @property
    def version(self) -> str:
        return str(self.record.updated_at.isoformat())


def person_candidates(
    *, name: str, role: str = "", place: str = "", limit: int = 3
) -> list[Candidate]:
    """People the name may be: folded names and their variants matched with rapidfuzz; the
    evidence says what agrees (same name, a close name, same role, same birthplace)."""
    from vernissage.people.models import Person

    folded = fold(name)
    if not folded:
        return []
    last = folded.split()[-1]
    found: list[Candidate] = []
    people = Person.objects.filter(deleted_at__isnull=True, search_names__contains=last[:4])
    for person in people.select_related("birth_place").prefetch_related("roles")[:200]:
        score = max(
            fuzz.ratio(folded, fold(person.display_name)),
            fuzz.token_set_ratio(folded, person.search_names),
        )
        if score < 75:
            continue
        evidence = [
            _("same name")
            if fold(person.display_name) == folded
            else _("a close name (%(score)d%%)") % {"score": score}
        ]
        if role and role in {r.code for r in person.roles.all()}:
            evidence.append(_("same role"))
        if place and person.birth_place and fold(person.birth_place.name) == fold(place):
            evidence.append(_("same birthplace"))
        found.append(Candidate(person, score + 5 * (len(evidence) - 1), tuple(evidence)))
    found.sort(key=lambda candidate: -candidate.score)
    return found[:limit]


def place_candidates(*, name: str, limit: int = 3) -> list[Candidate]:
    from vernissage.people.models import Place

    folded = fold(name)
    return [
        Candidate(place, 100.0, (_("same name"),))
        for place in Place.objects.filter(search_names__contains=folded)[:limit]
        if folded == fold(place.name) or folded in place.search_names.split()
    ]


def organization_candidates(*, name: str, limit: int = 3) -> list[Candidate]:
    from vernissage.people.models import Organization

    folded = fold(name)
    found: list[Candidate] = []
    for organization in Organization.objects.all()[:2000]:
        score = fuzz.token_set_ratio(folded, fold(organization.name))
        if score >= 85:
            evidence = [
                _("same name")
                if score == 100
                else _("a close name (%(score)d%%)") % {"score": score}
            ]
            found.append(Candidate(organization, score, tuple(evidence)))
    found.sort(key=lambda candidate: -candidate.score)
    return found[:limit]


def _page_citations(viewer: Viewer, slots: Slots) -> QuerySet[Any]:
    from django.db.models import Q

    from vernissage.biographies.models import Citation

    records = (
        (_of("person") & Q(object_id=slots.id("person")))
        | (_of("relationship") & Q(object_id__in=slots.ids("ties")))
        | (_of("lifeevent") & Q(object_id__in=slots.ids("events")))
        | (_of("review", "press") & Q(object_id__in=slots.ids("reviews")))
    )
    return Citation.objects.filter(records).select_related("biography")


_PAGE_CITATIONS = PreparedRead("citations of a person's page", _page_citations)


def sources_for(
    *,
    person: Any,
    ties: Iterable[Any],
    viewer: Viewer,
    events: Iterable[Any] = (),
    reviews: Iterable[Any] = (),
) -> list[Any]:
    """The citations behind what a person's page shows: of the person, of the ties, life
    events and reviews the viewer sees, and of the public places and organizations read from
    the same biographies; in the order they were read, the demo's additions last.

    A sentence can say more than the fact it is cited for: "She married X" cites her
    birthplace too when both are in it. For a viewer who may not see private records, each
    citation carries ``withheld``: its sentence is also the source of a record they may not
    see (a private or deleted person, a tie they may not see, a private organization), and
    the page shows the biography's title without the sentence.

    One prepared read when the person's records cite nothing (most pages); else a second for the
    places and organizations of the biographies that cite the person, and a third, for a
    viewer who may not see private records, for ``withheld``. (Asked as one query, the
    places' part wrote two subqueries of those biographies into every page's SQL: writing it
    cost more than twice the time of the one query without.)"""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from vernissage.biographies.models import Citation
    from vernissage.people.models import Organization, Person

    found = _PAGE_CITATIONS.run(
        viewer=viewer,
        person=person.pk,
        ties=[tie.pk for tie in ties],
        events=[event.pk for event in events],
        reviews=[review.pk for review in reviews],
    )
    person_type = ContentType.objects.get_for_model(Person).pk
    biographies = {
        citation.biography_id
        for citation in found
        if citation.biography_id is not None
        and citation.content_type_id == person_type
        and citation.object_id == person.pk
    }
    if biographies:
        places = (_of("place") & Q(biography__in=biographies)) | (
            _of("organization")
            & Q(object_id__in=Organization.objects.filter(is_public=True).values("pk"))
            & Q(biography__in=biographies)
        )
        seen = {citation.pk for citation in found}
        found += [
            citation
            for citation in Citation.objects.filter(places).select_related("biography")
            if citation.pk not in seen
        ]
    found.sort(key=_reading_order)
    return _withheld(found, viewer=viewer)


def _reading_order(citation: Any) -> tuple[Any, ...]:
    """The order of :func:`_footnotes`' query: by when the biography was read, the demo's
    additions (no biography) last; then by biography, and where in it the sentence is."""
    biography = citation.biography
    if biography is None:
        return (1, None, 0, citation.start, citation.pk)
    return (0, biography.created_at, biography.pk, citation.start, citation.pk)


def sources_of(*, record: Any, viewer: Viewer, reviews: Iterable[Any] = ()) -> list[Any]:
    """The citations of one record the viewer sees (a work, an exhibition) and of the reviews
    its page shows, as :func:`sources_for` gives them: sentences that also name a record the
    viewer may not see are ``withheld``. One query when nothing is cited, else two."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from vernissage.biographies.models import Citation

    citations = Citation.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk)
        | (_of("review", "press") & Q(object_id__in=[review.pk for review in reviews]))
    )
    return _footnotes(citations, viewer=viewer)


def _of(model: str, app_label: str = "people") -> Any:
    from django.db.models import Q

    return Q(content_type__app_label=app_label, content_type__model=model)


def _footnotes(citations: Any, *, viewer: Viewer) -> list[Any]:
    """The citations, each with ``withheld``: one query, and a second, of the citations
    found, for a viewer who may not see private records. Most pages cite nothing, and the
    test of what a sentence also names took longer to write as SQL than the page's reads."""
    from django.db.models import F

    found = list(
        citations.select_related("biography").order_by(
            F("biography__created_at").asc(nulls_last=True), "biography", "start", "pk"
        )
    )
    return _withheld(found, viewer=viewer)


def _withheld(found: list[Any], *, viewer: Viewer) -> list[Any]:
    """``found``, each citation with ``withheld`` for this viewer (a query of the citations
    found, for a viewer who may not see private records and when there are any)."""
    from django.db.models import Exists, OuterRef, Q

    from vernissage.biographies.models import Citation
    from vernissage.people.models import Organization, Person, Relationship

    if not found or can_see_private(viewer):
        for citation in found:
            citation.withheld = False
        return found
    same_sentence = Citation.objects.filter(
        biography=OuterRef("biography"), sentence=OuterRef("sentence")
    )
    unseen = same_sentence.filter(
        (_of("person") & ~Q(object_id__in=Person.objects.visible_to(None).values("pk")))
        | (
            _of("relationship")
            & ~Q(object_id__in=Relationship.objects.visible_to(None).values("pk"))
        )
        | (
            _of("organization")
            & ~Q(object_id__in=Organization.objects.filter(is_public=True).values("pk"))
        )
    )
    withheld = set(
        Citation.objects.filter(pk__in=[citation.pk for citation in found])
        .annotate(withheld=Exists(unseen))
        .filter(withheld=True)
        .values_list("pk", flat=True)
    )
    for citation in found:
        citation.withheld = citation.pk in withheld
    return found
