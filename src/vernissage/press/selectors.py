"""Reads of the press: reviews about an artist, a work or an exhibition, their quotes, and
press requests, each as the viewer may see them.

A review on a public page shows only its public part: its authors by name when they are
public people (else "a critic"), the people, works and exhibitions it is about that the
viewer may see, and the quotes the rights allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F
from django.utils.translation import gettext

from vernissage.core.access import Viewer, can_see_private, can_see_private_press
from vernissage.core.prepared import PreparedRead, Slots, attach
from vernissage.core.text import fold
from vernissage.exhibitions.models import Exhibition
from vernissage.people.models import Person
from vernissage.press.models import PressRequest, Quote, Review, ReviewAuthor
from vernissage.press.querysets import ReviewQuerySet
from vernissage.search.selectors import PERSON, search
from vernissage.works.models import Artwork
from vernissage.works.selectors import CARD_FIELDS


@dataclass(frozen=True)
class Credit:
    """An author as this viewer may read them: a name and a person to link to, or "a critic"
    (erased, deleted or private) with no link."""

    name: str
    person: Person | None

    def __str__(self) -> str:
        return self.name


def credited_name(
    *, name: str | None, is_public: bool, erased: bool, sees_private: bool
) -> str | None:
    """The name an author line is credited with, or None for "a critic": an author who was
    erased, or is private and the viewer does not see private records (issue 9's bad input:
    the review stays, attributed to "a critic"). The one rule, for lines read as records
    (:func:`credit_for`) or as columns (the career's reviews)."""
    if name is None or erased or (not is_public and not sees_private):
        return None
    return name


def publication_name(*, name: str | None, is_public: bool, sees_private: bool) -> str:
    """The publication a review line names: a private publication only to viewers who see
    private records, else nothing. The one rule, for reviews read as records (the press
    section) or as columns (the career's reviews)."""
    if not name or (not is_public and not sees_private):
        return ""
    return name


def credit_for(line: ReviewAuthor, *, viewer: Viewer) -> Credit:
    person = line.person
    name = credited_name(
        name=None if person is None else person.display_name,
        is_public=person is not None and person.is_public,
        erased=person is not None and person.deleted_at is not None,
        sees_private=can_see_private(viewer),
    )
    if name is None:
        return Credit(gettext("a critic"), None)
    return Credit(name, person)


def _visible_reviews(
    *,
    viewer: Viewer,
    person: Person | None = None,
    artwork: Artwork | None = None,
    exhibition: Exhibition | None = None,
) -> ReviewQuerySet:
    reviews = Review.objects.visible_to(viewer)
    if person is not None:
        reviews = reviews.filter(people=person)
    if artwork is not None:
        reviews = reviews.filter(works=artwork)
    if exhibition is not None:
        reviews = reviews.filter(exhibitions=exhibition)
    return reviews


SUBJECT_PERSON_FIELDS = ("id", "display_name", "sort_name", "slug", "is_public", "deleted_at")
SUBJECT_EXHIBITION_FIELDS = ("id", "title", "slug", "is_public", "deleted_at")


def _reviews_read(subject: str, limit: int | None) -> PreparedRead[Review]:
    """The reviews about one person, work or exhibition (``subject``: the relation), newest
    first, at most ``limit``: one prepared read for each (a limit is written into the SQL)."""
    key = (subject, limit)
    read = _REVIEW_READS.get(key)
    if read is None:

        def build(viewer: Viewer, slots: Slots) -> ReviewQuerySet:
            reviews = (
                Review.objects.visible_to(viewer)
                .filter(**{subject: slots.id("subject")})
                .select_related("publication")
                .newest_first()
            )
            return reviews if limit is None else reviews[:limit]

        read = _REVIEW_READS.setdefault(key, PreparedRead(f"reviews ({subject}, {limit})", build))
    return read


_REVIEW_READS: dict[tuple[str, int | None], PreparedRead[Review]] = {}

# A credit names and links its author: those columns only.
_AUTHOR_LINES = PreparedRead(
    "author lines of reviews",
    lambda viewer, slots: (
        ReviewAuthor.objects.filter(review_id__in=slots.ids("reviews"))
        .select_related("person")
        .only(
            "review_id",
            "person_id",
            "order",
            *(f"person__{name}" for name in SUBJECT_PERSON_FIELDS),
        )
        .order_by("order", "id")
    ),
)
_QUOTES = PreparedRead(
    "quotes of reviews",
    lambda viewer, slots: (
        Quote.objects.visible_to(viewer)
        .filter(review_id__in=slots.ids("reviews"))
        .order_by("created_at", "id")
    ),
)


# What a review is about is named and linked, never shown whole: the columns of a name and an
# address only (every column of each made a fifth of an artist's press section). A row for
# each review a record is about, ``about_review`` saying which.
def _about(kind: str, records: Any, order: tuple[str, ...]) -> PreparedRead[Any]:
    """The records of ``records(viewer)`` that the reviews are about, in ``order``."""
    return PreparedRead(
        f"{kind} reviews are about",
        lambda viewer, slots: (
            records(viewer)
            .filter(reviews__in=slots.ids("reviews"))
            .annotate(about_review=F("reviews__id"))
            .order_by(*order)
        ),
    )


_PEOPLE_ABOUT = _about(
    "people",
    lambda viewer: Person.objects.visible_to(viewer).only(*SUBJECT_PERSON_FIELDS),
    ("sort_name", "display_name"),
)
_WORKS_ABOUT = _about(
    "works",
    lambda viewer: Artwork.objects.visible_to(viewer).only(*CARD_FIELDS, "date_latest"),
    ("title", "id"),
)
_EXHIBITIONS_ABOUT = _about(
    "exhibitions",
    lambda viewer: Exhibition.objects.visible_to(viewer).only(*SUBJECT_EXHIBITION_FIELDS),
    ("title", "id"),
)


def review_list(
    *,
    viewer: Viewer,
    person: Person | None = None,
    artwork: Artwork | None = None,
    exhibition: Exhibition | None = None,
    limit: int | None = None,
) -> list[Review]:
    """Reviews the viewer may see about this person, work or exhibition (one of them),
    newest first (undated last); six prepared reads whatever their number (one if none).

    Each review carries, for this viewer: ``credits`` (a list of :class:`Credit`, in order),
    ``visible_quotes``, ``visible_people``, ``visible_works``, ``visible_exhibitions``;
    ``publication`` is selected with it.
    """
    subjects = [
        (relation, record)
        for relation, record in (
            ("people", person),
            ("works", artwork),
            ("exhibitions", exhibition),
        )
        if record is not None
    ]
    if len(subjects) != 1:
        raise ValueError("reviews are listed about one person, work or exhibition")
    ((relation, record),) = subjects
    reviews = _reviews_read(relation, limit).run(viewer=viewer, subject=record.pk)
    if not reviews:
        return reviews
    ids = [review.pk for review in reviews]
    for lines, to_attr in ((_AUTHOR_LINES, "ordered_author_lines"), (_QUOTES, "visible_quotes")):
        rows = lines.run(viewer=viewer, reviews=ids)
        attach(reviews, rows, key="review_id", to_attr=to_attr, back="review")
    for read, to_attr in (
        (_PEOPLE_ABOUT, "visible_people"),
        (_WORKS_ABOUT, "visible_works"),
        (_EXHIBITIONS_ABOUT, "visible_exhibitions"),
    ):
        attach(reviews, read.run(viewer=viewer, reviews=ids), key="about_review", to_attr=to_attr)
    for review in reviews:
        review.credits = [  # type: ignore[attr-defined]
            credit_for(line, viewer=viewer)
            for line in review.ordered_author_lines  # type: ignore[attr-defined]
        ]
    return reviews


def review_count(
    *,
    viewer: Viewer,
    person: Person | None = None,
    artwork: Artwork | None = None,
    exhibition: Exhibition | None = None,
) -> int:
    return _visible_reviews(
        viewer=viewer, person=person, artwork=artwork, exhibition=exhibition
    ).count()


def review_get(*, viewer: Viewer, pk: Any) -> Review:
    """One review the viewer may see (``Review.DoesNotExist`` otherwise)."""
    review: Review = Review.objects.visible_to(viewer).select_related("publication").get(pk=pk)
    return review


def quotes_for(*, viewer: Viewer, review: Review) -> list[Quote]:
    """The quotes of a review this viewer may read, in the order they were recorded; a quote
    the rights keep off public pages only for staff who read the press."""
    if not Review.objects.visible_to(viewer).filter(pk=review.pk).exists():
        return []
    return list(Quote.objects.visible_to(viewer).filter(review=review).order_by("created_at", "id"))


def press_request_list(*, viewer: Viewer, artist: Person | None = None) -> list[PressRequest]:
    """Press requests, newest first, for staff who keep the press or see private records."""
    if not can_see_private_press(viewer):
        return []
    requests = PressRequest.objects.visible_to(viewer).select_related(
        "critic", "artist", "publication"
    )
    if artist is not None:
        requests = requests.filter(artist=artist)
    return list(requests.order_by("-date", "-id"))


# --- choosing a critic by name ----------------------------------------------------------------


@dataclass(frozen=True)
class CriticSuggestion:
    """A critic offered as a person types: ``value`` goes in the field (the name, or the name
    with the person's address word when two critics share it), ``label`` is what is shown."""

    value: str
    label: str
    person: Person


_NAME_WITH_SLUG = re.compile(r"^(?P<name>.+?)\s*\((?P<slug>[-\w]+)\)$")


def _critics(viewer: Viewer) -> Any:
    return Person.objects.visible_to(viewer).with_role("critic")


def critic_suggestions(*, viewer: Viewer, text: str, limit: int = 12) -> list[CriticSuggestion]:
    """The critics the viewer may see that ``text`` finds, best first, as the search finds
    people (any of their names, any script, one letter wrong)."""
    critics = _critics(viewer)
    found = list(search(viewer=viewer, query=text, kinds=[PERSON], within={PERSON: critics})
                 .kinds[PERSON][:limit])  # fmt: skip
    names = {person.display_name for person in found}
    shared = {
        row["display_name"]
        for row in critics.filter(display_name__in=names)
        .values("display_name")
        .annotate(count=Count("id"))
        if row["count"] > 1
    }
    suggestions = []
    for person in found:
        value = person.display_name
        if value in shared:
            value = f"{value} ({person.slug})"
        suggestions.append(CriticSuggestion(value=value, label=value, person=person))
    return suggestions


def critics_named(*, viewer: Viewer, text: str) -> list[Person]:
    """The critics the viewer may see called ``text`` (case and accents aside), or the one
    named with their address word as a suggestion gives it ("Anna Ivanova (anna-ivanova-2)")."""
    text = " ".join(text.split())
    if not text:
        return []
    critics = _critics(viewer)
    named = _NAME_WITH_SLUG.match(text)
    if named is not None:
        person = critics.filter(slug=named["slug"]).first()
        if person is not None and fold(person.display_name) == fold(named["name"]):
            return [person]
    wanted = fold(text)
    return [
        person
        for person in critics.search(text).order_by("sort_name", "pk")
        if fold(person.display_name) == wanted
    ]
