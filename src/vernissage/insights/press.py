"""The press's part of a career: what critics wrote about the artist, as the timeline, the
figures and the CV read it.

The press area decides which reviews the viewer may see (``Review.objects.visible_to``) and
how their authors read (``credit_for``: “a critic” for one the viewer may not see). The
timeline reads only a review's date, title, publication and authors, so it asks for those
alone (two queries), not for everything ``review_list`` prefetches for a review's own page
(quotes, works, exhibitions): with hundreds of reviews that costs the artist's page more
than all the rest of it. A publication that is a private record is named only to viewers
who may see private records. The CV's bibliography is formatted by the press area
(citeproc) from the same reviews; only the CV asks for it, never the artist's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.fuzzy_dates import FuzzyDate
from vernissage.people.models import Person
from vernissage.press.bibliography import Entry as BibliographyEntry
from vernissage.press.bibliography import formatted
from vernissage.press.models import Review, ReviewAuthor
from vernissage.press.selectors import credit_for


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
    two queries, whatever their number. Each review carries ``credits`` as ``review_list``
    gives them, which the bibliography reads."""
    private = can_see_private(viewer)
    authors = ReviewAuthor.objects.select_related("person").order_by("order", "id")
    reviews = (
        Review.objects.visible_to(viewer)
        .filter(people=person)
        .select_related("publication")
        .prefetch_related(Prefetch("author_lines", queryset=authors, to_attr="ordered_lines"))
        .newest_first()
    )
    result = []
    for review in reviews:
        review.credits = [  # type: ignore[attr-defined]
            credit_for(line, viewer=viewer)
            for line in review.ordered_lines  # type: ignore[attr-defined]
        ]
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
