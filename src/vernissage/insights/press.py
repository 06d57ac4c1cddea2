"""The press's part of a career: what critics wrote about the artist, as the timeline, the
figures and the CV read it.

Everything comes from :func:`vernissage.press.selectors.review_list`, which decides which
reviews the viewer may see and how their authors read (“a critic” for one the viewer may not
see). A publication that is a private record is named only to viewers who may see private
records. The bibliography of the CV is formatted by the press area (citeproc), from the same
reviews; only the CV asks for it, never the artist's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.fuzzy_dates import FuzzyDate
from vernissage.people.models import Person
from vernissage.press.bibliography import Entry as BibliographyEntry
from vernissage.press.bibliography import formatted
from vernissage.press.models import Review
from vernissage.press.selectors import review_list


@dataclass(frozen=True)
class CareerReview:
    """One piece of writing about the artist, as the viewer may read it."""

    review: Review
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

    @property
    def pk(self) -> int:
        return self.review.pk


def reviews_for(*, person: Person, viewer: Viewer) -> list[CareerReview]:
    """The reviews about ``person`` that ``viewer`` may read, newest first (undated last);
    the press's selector's queries, whatever their number."""
    private = can_see_private(viewer)
    result = []
    for review in review_list(viewer=viewer, person=person):
        publication = review.publication
        result.append(
            CareerReview(
                review=review,
                when=review.when,
                title=review.title,
                kind=str(review.get_kind_display()),
                publication=(
                    publication.name
                    if publication is not None and (publication.is_public or private)
                    else ""
                ),
                critics=", ".join(str(credit) for credit in review.credits),  # type: ignore[attr-defined]
                url=review.url,
            )
        )
    return result


def bibliography_of(reviews: list[CareerReview]) -> list[BibliographyEntry]:
    """The reviews as the CV's bibliography, in the house's citation style."""
    return formatted([item.review for item in reviews])
