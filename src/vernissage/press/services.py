"""Writes of the press: reviews with their authors, subjects and quotes, and press requests.

Each function is one transaction, validated and audited; a refusal is a translated
``ValidationError``. A press request is written in the critic's contact log through the
market's own service (:func:`vernissage.market.contacts.interaction_record`), never a copy
of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vernissage.core.services import (
    Actor,
    audit_m2m,
    audited_delete,
    audited_save,
    m2m_snapshot,
)
from vernissage.exhibitions.models import Exhibition
from vernissage.market.contacts import contact_create, interaction_record
from vernissage.market.contacts_models import Interaction
from vernissage.market.models import Contact
from vernissage.people.models import Organization, Person
from vernissage.press.models import (
    PUBLICATION_KINDS,
    PressRequest,
    Quote,
    Review,
    ReviewAuthor,
)
from vernissage.works.models import Artwork

#: The fields of a review a caller may give to :func:`review_create` and
#: :func:`review_update`.
REVIEW_FIELDS = (
    "kind",
    "title",
    "publication",
    "date",
    "url",
    "language",
    "pages",
    "stance",
    "private_text",
    "private_file",
    "is_public",
    "notes",
)


def _clean_text(value: str) -> str:
    return " ".join(value.split())


def _review_prepare(review: Review) -> None:
    review.title = _clean_text(review.title)
    review.url = review.url.strip()
    review.pages = _clean_text(review.pages)
    review.language = review.language.strip()
    review.date = _clean_text(review.date)
    if not review.title:
        raise ValidationError({"title": _("Give the title of the review or article.")})
    publication = review.publication
    if publication is not None and publication.kind not in PUBLICATION_KINDS:
        raise ValidationError(
            {"publication": _("Choose a newspaper, magazine or other publication.")}
        )


def _authors_write(*, review: Review, authors: Sequence[Person], acting_user: Actor) -> None:
    """Make the review's authors exactly ``authors``, in this order (each once)."""
    wanted: list[Person] = []
    for person in authors:
        if person.pk not in {other.pk for other in wanted}:
            wanted.append(person)
    lines = {line.person_id: line for line in ReviewAuthor.objects.filter(review=review)}
    for line in list(lines.values()):
        if line.person_id is not None and line.person_id not in {p.pk for p in wanted}:
            audited_delete(instance=line, acting_user=acting_user)
    for order, person in enumerate(wanted):
        line = lines.get(person.pk) or ReviewAuthor(review=review, person=person)
        if line.pk is None or line.order != order:
            line.order = order
            audited_save(instance=line, acting_user=acting_user)


def _subjects_write(
    *,
    review: Review,
    acting_user: Actor,
    people: Iterable[Person] | None,
    works: Iterable[Artwork] | None,
    exhibitions: Iterable[Exhibition] | None,
    before: dict[str, Any] | None,
) -> None:
    if people is not None:
        review.people.set(list(people))
    if works is not None:
        review.works.set(list(works))
    if exhibitions is not None:
        review.exhibitions.set(list(exhibitions))
    audit_m2m(instance=review, acting_user=acting_user, before=before)


def review_create(
    *,
    acting_user: Actor,
    title: str,
    kind: str = Review.Kind.REVIEW,
    publication: Organization | None = None,
    date: str = "",
    url: str = "",
    language: str = "",
    pages: str = "",
    stance: str = Review.Stance.NOT_GIVEN,
    private_text: str = "",
    is_public: bool = True,
    notes: str = "",
    authors: Sequence[Person] = (),
    people: Iterable[Person] = (),
    works: Iterable[Artwork] = (),
    exhibitions: Iterable[Exhibition] = (),
) -> Review:
    """Record a review: its kind, title, publication, date as written ("spring 2011"),
    web address (http or https only), authors in order, and what it is about."""
    review = Review(
        kind=kind,
        title=title,
        publication=publication,
        date=date,
        url=url,
        language=language,
        pages=pages,
        stance=stance,
        private_text=private_text,
        is_public=is_public,
        notes=notes,
    )
    _review_prepare(review)
    with transaction.atomic():
        audited_save(instance=review, acting_user=acting_user)
        _authors_write(review=review, authors=list(authors), acting_user=acting_user)
        _subjects_write(
            review=review,
            acting_user=acting_user,
            people=people,
            works=works,
            exhibitions=exhibitions,
            before=None,
        )
    return review


def review_save(*, review: Review, acting_user: Actor) -> Review:
    """Save a review's own fields as edited (the admin's door)."""
    _review_prepare(review)
    return audited_save(instance=review, acting_user=acting_user)


def review_update(
    *,
    review: Review,
    acting_user: Actor,
    authors: Sequence[Person] | None = None,
    people: Iterable[Person] | None = None,
    works: Iterable[Artwork] | None = None,
    exhibitions: Iterable[Exhibition] | None = None,
    **fields: Any,
) -> Review:
    """Change a review's fields (any of :data:`REVIEW_FIELDS`), and if given its authors and
    what it is about."""
    unknown = sorted(set(fields) - set(REVIEW_FIELDS))
    if unknown:
        raise ValidationError(_("A review has no field %(names)s.") % {"names": ", ".join(unknown)})
    with transaction.atomic():
        locked: Review = Review.objects.select_for_update().get(pk=review.pk)
        before = m2m_snapshot(locked)
        for name, value in fields.items():
            setattr(locked, name, value)
        review_save(review=locked, acting_user=acting_user)
        if authors is not None:
            _authors_write(review=locked, authors=list(authors), acting_user=acting_user)
        _subjects_write(
            review=locked,
            acting_user=acting_user,
            people=people,
            works=works,
            exhibitions=exhibitions,
            before=before,
        )
    review.refresh_from_db()
    return locked


def review_delete(*, review: Review, acting_user: Actor) -> None:
    """Delete a review with its quotes and author lines; the log keeps their values."""
    with transaction.atomic():
        for quote in Quote.objects.filter(review=review):
            audited_delete(instance=quote, acting_user=acting_user)
        for line in ReviewAuthor.objects.filter(review=review):
            audited_delete(instance=line, acting_user=acting_user)
        audited_delete(instance=review, acting_user=acting_user)


def review_author_save(*, line: ReviewAuthor, acting_user: Actor) -> ReviewAuthor:
    if line.person_id is None:
        raise ValidationError({"person": _("Choose the author.")})
    return audited_save(instance=line, acting_user=acting_user)


def review_author_remove(*, line: ReviewAuthor, acting_user: Actor) -> None:
    audited_delete(instance=line, acting_user=acting_user)


# --- quotes ---------------------------------------------------------------------------------


def quote_save(*, quote: Quote, acting_user: Actor) -> Quote:
    quote.text = quote.text.strip()
    quote.page = _clean_text(quote.page)
    if not quote.text:
        raise ValidationError({"text": _("Write the quote.")})
    return audited_save(instance=quote, acting_user=acting_user)


def quote_add(
    *, review: Review, text: str, acting_user: Actor, page: str = "", may_publish: bool = False
) -> Quote:
    """Keep a sentence of the review; public pages show it only if ``may_publish`` (the
    rights allow it)."""
    return quote_save(
        quote=Quote(review=review, text=text, page=page, may_publish=may_publish),
        acting_user=acting_user,
    )


def quote_remove(*, quote: Quote, acting_user: Actor) -> None:
    audited_delete(instance=quote, acting_user=acting_user)


# --- press requests -------------------------------------------------------------------------


def _contact_of(person: Person, acting_user: Actor) -> Contact:
    contact = Contact.objects.filter(person=person, erased_at__isnull=True).first()
    if contact is not None:
        return contact
    return contact_create(person=person, acting_user=acting_user)


def _moment(day: dt.date) -> dt.datetime:
    """Noon of ``day`` where the house is, or now if that is still to come (the log keeps
    what happened)."""
    noon = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    return min(noon, timezone.now())


def _kind_label(kind: str) -> str:
    return str(PressRequest.Kind(kind).label)


def press_request_record(
    *,
    critic: Person,
    artist: Person,
    kind: str,
    acting_user: Actor,
    date: dt.date | None = None,
    publication: Organization | None = None,
    note: str = "",
    source: str = "",
) -> PressRequest:
    """A critic or journalist asks an artist for an interview, a studio visit, images: kept
    as a press request, pending, and written in the critic's contact log."""
    return _press_request_write(
        request=PressRequest(
            critic=critic,
            artist=artist,
            kind=kind,
            date=date or timezone.localdate(),
            publication=publication,
            note=note,
            source=source,
        ),
        acting_user=acting_user,
    )


def _press_request_write(*, request: PressRequest, acting_user: Actor) -> PressRequest:
    if request.kind not in PressRequest.Kind.values:
        raise ValidationError(
            {"kind": _("“%(kind)s” is not a kind of request.") % {"kind": request.kind}}
        )
    critic, artist = request.critic, request.artist
    if critic is None:
        raise ValidationError({"critic": _("Choose the critic or journalist.")})
    if request.critic_id == request.artist_id:
        raise ValidationError({"critic": _("An artist does not ask themselves for an interview.")})
    if request.date > timezone.localdate():
        raise ValidationError({"date": _("A request is recorded once it was made.")})
    request.note = request.note.strip()
    request.source = request.source.strip()
    with transaction.atomic():
        audited_save(instance=request, acting_user=acting_user)
        entry = interaction_record(
            contact=_contact_of(critic, acting_user),
            kind=Interaction.Kind.PRESS_REQUEST,
            at=_moment(request.date),
            note=_("Asked %(artist)s for: %(kind)s. %(note)s")
            % {
                "artist": artist.display_name,
                "kind": _kind_label(request.kind),
                "note": request.note,
            },
            acting_user=acting_user,
        )
        request.interaction = entry
        request.save(update_fields=["interaction", "updated_at"])
    return request


def press_request_answer(
    *,
    press_request: PressRequest,
    answer: str,
    acting_user: Actor,
    on: dt.date | None = None,
    note: str = "",
) -> PressRequest:
    """The artist accepts or declines a pending request; the answer goes in the log too."""
    if answer not in (PressRequest.Answer.ACCEPTED, PressRequest.Answer.DECLINED):
        raise ValidationError({"answer": _("The answer is “accepted” or “declined”.")})
    day = on or timezone.localdate()
    with transaction.atomic():
        locked: PressRequest = (
            PressRequest.objects.select_for_update()
            .select_related("artist")
            .get(pk=press_request.pk)
        )
        if locked.answer != PressRequest.Answer.PENDING:
            raise ValidationError(
                {"answer": _("This request was already answered (%(answer)s).")
                 % {"answer": locked.get_answer_display()}}
            )  # fmt: skip
        if day < locked.date:
            raise ValidationError({"answered_on": _("The answer cannot come before the request.")})
        locked.answer = answer
        locked.answered_on = day
        if note.strip():
            locked.note = f"{locked.note}\n{note.strip()}".strip()
        audited_save(instance=locked, acting_user=acting_user)
        if locked.critic is not None:
            interaction_record(
                contact=_contact_of(locked.critic, acting_user),
                kind=Interaction.Kind.PRESS_REQUEST,
                at=_moment(day),
                note=_("%(artist)s %(answer)s the request: %(kind)s. %(note)s")
                % {
                    "artist": locked.artist.display_name,
                    "answer": locked.get_answer_display(),
                    "kind": _kind_label(locked.kind),
                    "note": note.strip(),
                },
                acting_user=acting_user,
            )
    press_request.refresh_from_db()
    return locked


def press_request_save(*, press_request: PressRequest, acting_user: Actor) -> PressRequest:
    """The admin's door: a new request is recorded (and logged), an existing one saved."""
    if press_request.pk is None:
        return _press_request_write(request=press_request, acting_user=acting_user)
    return audited_save(instance=press_request, acting_user=acting_user)


def press_request_delete(*, press_request: PressRequest, acting_user: Actor) -> None:
    audited_delete(instance=press_request, acting_user=acting_user)
