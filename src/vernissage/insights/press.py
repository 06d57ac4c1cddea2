"""The press's part of a career: what critics wrote about the artist, as the timeline, the
figures and the CV read it.

HOOK (reviews): the press area (``vernissage.press``, built on its own branch) provides
``review_list(*, viewer, person=...)``. Until it is merged here, :func:`reviews_for` has no
reviews to give, and every count of reviews is 0. Once merged, this is the one function to
fill: the rest of the insights read reviews only through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from vernissage.core.access import Viewer
from vernissage.core.fuzzy_dates import FuzzyDate
from vernissage.people.models import Person


@dataclass(frozen=True)
class CareerReview:
    """One piece of writing about the artist, as the viewer may read it."""

    pk: int
    when: FuzzyDate
    title: str
    #: The publication's name (empty when it is not known or not to be shown).
    publication: str
    #: The critics' names, as the viewer may see them (“a critic” for one erased).
    critics: str
    #: Where the record is read: the review's page, or its own URL.
    url: str
    #: The bibliography's line for the CV (a citation in the house's style).
    citation: str


def reviews_for(*, person: Person, viewer: Viewer) -> list[CareerReview]:
    """The reviews about ``person`` that ``viewer`` may read, oldest first (hook: none until
    the press area is merged)."""
    return []
