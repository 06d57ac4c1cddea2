"""The press's part of a career: what critics wrote about the artist, as the timeline, the
figures and the CV read it.

The press area decides which reviews the viewer may see (``Review.objects.visible_to``) and
how their authors read (``credit_for``: “a critic” for one the viewer may not see). The
timeline reads only a review's date, title, publication and authors, so it asks for those
alone (two queries), not for everything ``review_list`` prefetches for a review's own page
(quotes, works, exhibitions): with hundreds of reviews that costs the artist's page more
than all the rest of it. A publication that is a private record is named only to viewers
who may see private records. The CV's bibliography is formatted by the press area
(citeproc) from ``review_list``; only the CV asks for it, never the artist's page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.fuzzy_dates import FuzzyDate
from vernissage.core.prepared import PreparedRead
from vernissage.people.models import Person
from vernissage.press.bibliography import Entry as BibliographyEntry
from vernissage.press.bibliography import formatted
from vernissage.press.models import Review, ReviewAuthor
from vernissage.press.selectors import credited_name, publication_name, review_list


@dataclass(frozen=True)
class CareerReview:
    """One piece of writing about the artist, as the viewer may read it."""

    pk: int
    when: FuzzyDate
    title: str
    #: The kind of writing: review, feature, interview...
    kind: str
    #: The publication's name (empty when it is not known or not to be shown).
    publication: str
    #: The critics' names, as the viewer may see them (“a critic” for one they may not).
    critics: str
    #: Where the text is read, when it is online.
    url: str


def _critic(line: Mapping[str, Any], private: bool) -> str:
    """An author's name as :func:`vernissage.press.selectors.credit_for` gives it, from the
    columns of their author line."""
    name = credited_name(
        name=None if line["person_id"] is None else str(line["person__display_name"]),
        is_public=bool(line["person__is_public"]),
        erased=line["person__deleted_at"] is not None,
        sees_private=private,
    )
    return gettext("a critic") if name is None else name


_CAREER_REVIEWS: PreparedRead[Any] = PreparedRead(
    "an artist's reviews, as columns",
    lambda viewer, slots: (
        Review.objects.visible_to(viewer)
        .filter(people=slots.id("person"))
        .newest_first()
        .values(
            "pk",
            "title",
            "kind",
            "url",
            "date",
            "date_earliest",
            "date_latest",
            "publication__name",
            "publication__is_public",
        )
    ),
)
_CAREER_AUTHOR_LINES: PreparedRead[Any] = PreparedRead(
    "author lines of reviews, as columns",
    lambda viewer, slots: (
        ReviewAuthor.objects.filter(review_id__in=slots.ids("reviews"))
        .order_by("review_id", "order", "id")
        .values(
            "review_id",
            "person_id",
            "person__deleted_at",
            "person__is_public",
            "person__display_name",
        )
    ),
)


def reviews_for(*, person: Person, viewer: Viewer) -> list[CareerReview]:
    """The reviews about ``person`` that ``viewer`` may read, newest first (undated last);
    two prepared reads, whatever their number, read as columns (an artist with hundreds of reviews
    makes hundreds of model instances otherwise, the largest cost of their page)."""
    private = can_see_private(viewer)
    rows = _CAREER_REVIEWS.run(viewer=viewer, person=person.pk)
    critics: dict[int, list[str]] = {}
    if rows:
        for line in _CAREER_AUTHOR_LINES.run(viewer=viewer, reviews=[row["pk"] for row in rows]):
            critics.setdefault(line["review_id"], []).append(_critic(line, private))
    kinds = dict(Review.Kind.choices)
    return [
        CareerReview(
            pk=row["pk"],
            when=FuzzyDate(
                text=row["date"], earliest=row["date_earliest"], latest=row["date_latest"]
            ),
            title=row["title"],
            kind=str(kinds.get(row["kind"], row["kind"])),
            publication=publication_name(
                name=row["publication__name"],
                is_public=bool(row["publication__is_public"]),
                sees_private=private,
            ),
            critics=", ".join(critics.get(row["pk"], [])),
            url=row["url"],
        )
        for row in rows
    ]


def bibliography_of(*, person: Person, viewer: Viewer) -> list[BibliographyEntry]:
    """The artist's bibliography as the viewer may read it, in the house's citation style
    (the CV's; the press area reads the reviews with their credits and formats them)."""
    return formatted(review_list(viewer=viewer, person=person))
