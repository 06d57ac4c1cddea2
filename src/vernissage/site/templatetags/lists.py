"""The items of the site's lists, written in Python: works' cards, their pictures, the rows
of a list of exhibitions, and the reviews of a press section.

An artist's page shows 48 cards and a row for each of their shows, the works list 48 cards,
the exhibitions list every show of a season. As a template included once an item, each card
cost about 40 µs (1.95 ms for an artist's 47 cards, in process, against 0.28 ms here) and each
row as much: the include's lookup and new context, then a dozen variable lookups. Here each
item is one f-string; every text of a record is escaped with ``html.escape`` (quotes too,
for the attributes) and only our own markup is left raw. Templates call::

    {% load lists %}
    <ul class="cards">{% artwork_card_items cards %}</ul>
    <ul class="exhibitions">{% exhibition_rows shows %}</ul>
    {% card_picture card.picture %}
    <ol class="reviews">{% review_items press access.private %}</ol>
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.text import capfirst, normalize_newlines
from django.utils.translation import gettext

from vernissage.press.selectors import publication_name
from vernissage.site.cards import ArtworkCard, CardPicture

register = template.Library()

PLACEHOLDER = '<span class="card-placeholder" aria-hidden="true"></span>'


def _picture(picture: CardPicture | None) -> str:
    """A card's ``<img>``; while its pyramid is being prepared, a placeholder of its size
    that says so; with no picture, a quiet placeholder."""
    if picture is None:
        return PLACEHOLDER
    if picture.preparing:
        return (
            f'<span class="card-placeholder preparing" style="aspect-ratio: {picture.width} / '
            f'{picture.height}">{escape(gettext("preparing the picture…"))}</span>'
        )
    return (
        f'<img src="{escape(picture.src)}" srcset="{escape(picture.srcset)}" '
        f'width="{picture.width}" height="{picture.height}" alt="{escape(picture.alt)}" '
        'loading="lazy" decoding="async">'
    )


@register.simple_tag
def card_picture(picture: CardPicture | None) -> SafeString:
    """The picture of a card (a work's or an artist's)."""
    return SafeString(_picture(picture))


def _card(card: ArtworkCard) -> str:
    url = escape(card.url)
    artwork = card.artwork
    if card.picture is not None:
        picture = f'<a class="card-image" href="{url}" tabindex="-1">{_picture(card.picture)}</a>'
    else:
        picture = PLACEHOLDER
    meta = escape(str(artwork.get_classification_display()))
    if artwork.date:
        meta += f", {escape(str(artwork.date))}"
    return (
        f'<li class="card">\n  {picture}\n'
        f'  <a href="{url}"><span class="card-title">{escape(artwork.title)}</span></a>\n'
        f'  <span class="card-makers">{escape(card.makers)}</span>\n'
        f'  <span class="card-meta">{meta}</span>\n</li>\n'
    )


@register.simple_tag
def artwork_card_items(cards: Iterable[ArtworkCard]) -> SafeString:
    """The ``<li class="card">`` of each work's card (:func:`vernissage.site.cards.artwork_cards`):
    its picture, title, makers, kind and date."""
    return SafeString("".join(_card(card) for card in cards))


def _stop(stop: Any) -> str:
    venue = stop.venue
    text = escape(str(venue))
    if venue.place:
        text += f", {escape(venue.place.name)}"
    if stop.start_date or stop.end_date:
        text += f" · {escape(stop.start_date or '?')}"
        if stop.end_date:
            text += f" – {escape(stop.end_date)}"
    return f'<span class="card-makers">{text}</span>\n  '


def _row(exhibition: Any, not_public: str) -> str:
    meta = escape(capfirst(str(exhibition.get_kind_display())))
    if not exhibition.is_public:
        meta += f' · <span class="staff-flag">{not_public}</span>'
    stops = getattr(exhibition, "visible_stops", [])
    if stops:
        where = "".join(_stop(stop) for stop in stops)
    elif exhibition.start_date:
        dates = escape(exhibition.start_date)
        if exhibition.end_date:
            dates += f" – {escape(exhibition.end_date)}"
        where = f'<span class="card-makers">{dates}</span>'
    else:
        where = ""
    return (
        f'<li class="exhibition-row">\n'
        f'  <a href="{escape(exhibition.get_absolute_url())}">'
        f'<span class="card-title">{escape(exhibition.title)}</span></a>\n'
        f'  <span class="card-meta">{meta}</span>\n  {where}\n</li>'
    )


@register.simple_tag
def exhibition_rows(exhibitions: Iterable[Any]) -> SafeString:
    """The ``<li class="exhibition-row">`` of each exhibition: its title, kind (and "not
    public" for staff), and each stop the viewer may see (``visible_stops``: venue, city,
    dates), or its own dates when it has no stop."""
    not_public = escape(gettext("not public"))
    return SafeString("".join(_row(exhibition, not_public) for exhibition in exhibitions))


def _credits(review: Any) -> str:
    names = [
        f'<a href="{escape(credit.person.get_absolute_url())}">{escape(credit.name)}</a>'
        if credit.person is not None
        else escape(capfirst(credit.name))
        for credit in getattr(review, "credits", [])
    ]
    return f'<span class="credits">{", ".join(names)}</span>: ' if names else ""


def _quote(quote: Any, staff_only: str) -> str:
    text = escape(normalize_newlines(quote.text)).replace("\n", "<br>")
    if quote.page:
        page = escape(gettext("p. %(page)s") % {"page": quote.page})
        text += f' <span class="page">({page})</span>'
    if not quote.may_publish:
        text += f' <span class="staff">{staff_only}</span>'
    return f'<blockquote class="quote">{text}</blockquote>'


def _review(review: Any, *, staff: bool, private: bool, labels: dict[str, str]) -> str:
    title = f"“{escape(review.title)}”"
    line = (
        f'<a href="{escape(review.url)}" rel="nofollow noopener">{title}</a>'
        if review.url
        else title
    )
    publication = review.publication
    named = publication_name(
        name=None if publication is None else publication.name,
        is_public=publication is not None and publication.is_public,
        sees_private=private,
    )
    if named:
        line += f", <cite>{escape(named)}</cite>"
    if review.date:
        line += f", {escape(review.date)}"
    if review.pages:
        line += ", " + escape(gettext("p. %(pages)s") % {"pages": review.pages})
    flags = ""
    if staff:
        if review.stance:
            flags += (
                f'<span class="stance stance-{escape(review.stance)}">'
                f"{escape(str(review.get_stance_display()))}</span>"
            )
        if not review.is_public:
            flags += f' <span class="staff">{labels["private"]}</span>'
    quotes = "".join(
        _quote(quote, labels["staff_only"]) for quote in getattr(review, "visible_quotes", [])
    )
    return (
        f'<li class="review">\n      {_credits(review)}\n      {line}\n'
        f'      <span class="kind">({escape(str(review.get_kind_display()))})</span>\n'
        f"      {flags}\n      {quotes}\n    </li>"
    )


@register.simple_tag
def review_items(press: Any, private: bool) -> SafeString:
    """The ``<li class="review">`` of each review of a press section
    (:class:`vernissage.site.views.press.PressSection`): its credits, title, publication
    (a private one only for ``private`` viewers), date, pages and kind; for the section's
    ``staff``, its stance and whether it is private; its quotes the viewer may read."""
    labels = {
        "private": escape(gettext("private")),
        "staff_only": escape(gettext("staff only: no rights to publish")),
    }
    return SafeString(
        "".join(
            _review(review, staff=press.staff, private=private, labels=labels)
            for review in press.reviews
        )
    )
