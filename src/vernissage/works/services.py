"""Writes about artworks. Every function is one transaction, audited."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vernissage.core.fuzzy_dates import parse_fuzzy_date
from vernissage.core.services import (
    Actor,
    audited_delete,
    audited_save,
    soft_delete,
    soft_restore,
)
from vernissage.core.slugs import unique_slug
from vernissage.core.text import fold
from vernissage.people.models import Person
from vernissage.works.dimensions import parse_dimensions
from vernissage.works.models import (
    Artwork,
    ArtworkTitle,
    Creation,
    EditionItem,
    Inscription,
    Series,
    Term,
)

# --- inventory numbers ----------------------------------------------------------------------


def initials_of(people: Iterable[Person]) -> str:
    """“Ana Kalmurzaev” and “Viktor Petrov” → “AKVP”."""
    letters = "".join(
        word[0] for person in people for word in re.split(r"[\s\-]+", person.display_name) if word
    )
    return letters.upper() or "X"


def inventory_number_next(*, initials: str, year: int) -> str:
    """The next free number made from ``VERNISSAGE_INVENTORY_PATTERN`` for these values."""
    pattern: str = settings.VERNISSAGE_INVENTORY_PATTERN
    sequence = 1
    taken = set(
        Artwork.all_objects.filter(
            inventory_number__startswith=pattern.split("{seq")[0].format(
                initials=initials, year=year
            )
        ).values_list("inventory_number", flat=True)
    )
    while True:
        candidate = pattern.format(initials=initials, year=year, seq=sequence)
        if candidate not in taken:
            return candidate
        sequence += 1


def inventory_number_check(*, number: str, artwork: Artwork | None = None) -> None:
    """Refuse a number another work holds, deleted works included, naming that work."""
    other = Artwork.all_objects.filter(inventory_number__iexact=number)
    if artwork is not None and artwork.pk is not None:
        other = other.exclude(pk=artwork.pk)
    holder = other.first()
    if holder is not None:
        message = (
            _("Inventory number %(number)s is already used by “%(title)s” (deleted).")
            if holder.is_deleted
            else _("Inventory number %(number)s is already used by “%(title)s”.")
        )
        raise ValidationError(
            {"inventory_number": message % {"number": number, "title": holder.title}}
        )


# --- artworks -------------------------------------------------------------------------------


def _apply_dimensions(artwork: Artwork) -> None:
    for prefix, text_field in (("", "dimensions"), ("framed_", "framed_dimensions")):
        parsed = parse_dimensions(getattr(artwork, text_field))
        setattr(artwork, text_field, parsed.text)
        setattr(artwork, f"{prefix}height", parsed.height)
        setattr(artwork, f"{prefix}width", parsed.width)
        setattr(artwork, f"{prefix}depth", parsed.depth)
        setattr(artwork, f"{prefix}unit", parsed.unit.value if parsed.unit else "")


def _artwork_search_text(artwork: Artwork, makers: Iterable[Person] = ()) -> str:
    parts = [artwork.title, artwork.inventory_number, artwork.medium]
    if artwork.pk is not None:
        parts += list(ArtworkTitle.objects.filter(artwork=artwork).values_list("title", flat=True))
        parts += list(
            Person.all_objects.filter(creations__artwork=artwork).values_list(
                "search_names", flat=True
            )
        )
    parts += [person.search_names for person in makers]
    return fold(" ".join(part for part in parts if part))


def artwork_save(*, artwork: Artwork, acting_user: Actor, makers: Iterable[Person] = ()) -> Artwork:
    """Save a work as edited.

    Reads the date and the dimensions as typed (what cannot be read is kept and flagged),
    makes an inventory number from the house pattern when none is given and refuses one
    that another work holds.
    """
    makers = list(makers)
    with transaction.atomic():
        artwork.title = " ".join(artwork.title.split())
        artwork.inventory_number = artwork.inventory_number.strip()
        if artwork.inventory_number:
            inventory_number_check(number=artwork.inventory_number, artwork=artwork)
        else:
            if not makers and artwork.pk is not None:
                makers = [creation.person for creation in artwork.creations.all()]
            earliest = parse_fuzzy_date(artwork.date).earliest
            artwork.inventory_number = inventory_number_next(
                initials=initials_of(makers),
                year=earliest.year if earliest else timezone.localdate().year,
            )
        _apply_dimensions(artwork)
        if not artwork.slug:
            artwork.slug = unique_slug(
                model=Artwork,
                text=f"{artwork.title} {artwork.inventory_number}",
                exclude_pk=artwork.pk,
            )
        artwork.search_text = _artwork_search_text(artwork, makers)
        return audited_save(instance=artwork, acting_user=acting_user)


def artwork_refresh_search(*, artwork: Artwork) -> None:
    artwork.search_text = _artwork_search_text(artwork)
    artwork.save(update_fields=["search_text"])


def artwork_create(
    *,
    acting_user: Actor,
    title: str,
    classification: str,
    inventory_number: str = "",
    date: str = "",
    medium: str = "",
    support: str = "",
    dimensions: str = "",
    framed_dimensions: str = "",
    edition_size: int | None = None,
    artist_proofs: int = 0,
    description: str = "",
    series: Series | None = None,
    status: str = Artwork.Status.AVAILABLE,
    credit_line: str = "",
    copyright: str = "",
    is_public: bool = False,
    notes: str = "",
    makers: Iterable[tuple[Person, str]] = (),
    themes: Iterable[str] = (),
    title_variants: Iterable[dict[str, str]] = (),
    inscriptions: Iterable[dict[str, str]] = (),
    make_edition_items: bool = True,
) -> Artwork:
    """Record a new work with its makers (person, role) in credit order.

    An empty ``inventory_number`` is made from the house pattern; ``make_edition_items``
    records every numbered print and artist's proof of an edition."""
    makers = list(makers)
    with transaction.atomic():
        artwork = artwork_save(
            artwork=Artwork(
                title=title,
                classification=classification,
                inventory_number=inventory_number,
                date=date,
                medium=medium,
                support=support,
                dimensions=dimensions,
                framed_dimensions=framed_dimensions,
                edition_size=edition_size,
                artist_proofs=artist_proofs,
                description=description,
                series=series,
                status=status,
                credit_line=credit_line,
                copyright=copyright,
                is_public=is_public,
                notes=notes,
            ),
            acting_user=acting_user,
            makers=[person for person, _role in makers],
        )
        for position, (person, role) in enumerate(makers):
            creation_save(
                creation=Creation(artwork=artwork, person=person, role=role, position=position),
                acting_user=acting_user,
            )
        artwork.themes.set(
            [term_get_or_create(label=label, kind=Term.Kind.THEME) for label in themes]
        )
        for variant in title_variants:
            audited_save(instance=ArtworkTitle(artwork=artwork, **variant), acting_user=acting_user)
        for inscription in inscriptions:
            inscription_save(
                inscription=Inscription(artwork=artwork, **inscription), acting_user=acting_user
            )
        if make_edition_items and artwork.edition_size:
            edition_items_create(artwork=artwork, acting_user=acting_user)
        artwork_refresh_search(artwork=artwork)
    return artwork


def artwork_delete(*, artwork: Artwork, acting_user: Actor) -> None:
    """Hide a work; it keeps its inventory number, and :func:`artwork_restore` undoes it."""
    soft_delete(instance=artwork, acting_user=acting_user)


def artwork_restore(*, artwork: Artwork, acting_user: Actor) -> None:
    soft_restore(instance=artwork, acting_user=acting_user)


# --- makers, titles, inscriptions -----------------------------------------------------------


def creation_save(*, creation: Creation, acting_user: Actor) -> Creation:
    with transaction.atomic():
        audited_save(instance=creation, acting_user=acting_user)
        artwork_refresh_search(artwork=creation.artwork)
    return creation


def creation_delete(*, creation: Creation, acting_user: Actor) -> None:
    with transaction.atomic():
        artwork = creation.artwork
        audited_delete(instance=creation, acting_user=acting_user)
        artwork_refresh_search(artwork=artwork)


def artwork_title_save(*, title: ArtworkTitle, acting_user: Actor) -> ArtworkTitle:
    with transaction.atomic():
        audited_save(instance=title, acting_user=acting_user)
        artwork_refresh_search(artwork=title.artwork)
    return title


def artwork_title_delete(*, title: ArtworkTitle, acting_user: Actor) -> None:
    with transaction.atomic():
        artwork = title.artwork
        audited_delete(instance=title, acting_user=acting_user)
        artwork_refresh_search(artwork=artwork)


def inscription_save(*, inscription: Inscription, acting_user: Actor) -> Inscription:
    return audited_save(instance=inscription, acting_user=acting_user)


def inscription_delete(*, inscription: Inscription, acting_user: Actor) -> None:
    audited_delete(instance=inscription, acting_user=acting_user)


# --- editions -------------------------------------------------------------------------------


def edition_item_save(*, item: EditionItem, acting_user: Actor) -> EditionItem:
    """Save one print of an edition; its number must lie within the edition (or the proofs)."""
    artwork = item.artwork
    if item.kind == EditionItem.Kind.NUMBERED:
        if not artwork.edition_size:
            raise ValidationError(
                {
                    "kind": _("“%(title)s” has no edition size; set it before numbering prints.")
                    % {"title": artwork.title}
                }
            )
        if item.number > artwork.edition_size:
            raise ValidationError(
                {
                    "number": ngettext(
                        "The edition has %(size)d print; %(number)d is beyond it.",
                        "The edition has %(size)d prints; %(number)d is beyond it.",
                        artwork.edition_size,
                    )
                    % {"size": artwork.edition_size, "number": item.number}
                }
            )
    elif item.kind == EditionItem.Kind.ARTIST_PROOF and item.number > artwork.artist_proofs:
        raise ValidationError(
            {
                "number": ngettext(
                    "The edition has %(proofs)d artist's proof; AP %(number)d is beyond it.",
                    "The edition has %(proofs)d artist's proofs; AP %(number)d is beyond them.",
                    artwork.artist_proofs,
                )
                % {"proofs": artwork.artist_proofs, "number": item.number}
            }
        )
    return audited_save(instance=item, acting_user=acting_user)


# A print in one of these states is out in the world or promised to someone: its record is
# part of the market's history and is never erased (its status changes instead).
KEPT_PRINT_STATUSES = frozenset(
    {
        Artwork.Status.SOLD,
        Artwork.Status.RESERVED,
        Artwork.Status.ON_LOAN,
        Artwork.Status.ON_CONSIGNMENT,
    }
)


def edition_item_delete(*, item: EditionItem, acting_user: Actor) -> None:
    """Erase one print of an edition, unless it is sold, reserved, on loan or consigned."""
    if item.status in KEPT_PRINT_STATUSES:
        raise ValidationError(
            _("Print %(print)s is %(status)s: it stays on record. Change its status instead.")
            % {"print": item.label, "status": item.get_status_display()}
        )
    audited_delete(instance=item, acting_user=acting_user)


def edition_items_create(*, artwork: Artwork, acting_user: Actor) -> list[EditionItem]:
    """Make the numbered prints and artist's proofs of an edition that are not yet recorded."""
    wanted = [(EditionItem.Kind.NUMBERED, n) for n in range(1, (artwork.edition_size or 0) + 1)]
    wanted += [(EditionItem.Kind.ARTIST_PROOF, n) for n in range(1, artwork.artist_proofs + 1)]
    existing = set(artwork.edition_items.values_list("kind", "number"))
    made: list[EditionItem] = []
    with transaction.atomic():
        for kind, number in wanted:
            if (kind, number) in existing:
                continue
            made.append(
                edition_item_save(
                    item=EditionItem(artwork=artwork, kind=kind, number=number),
                    acting_user=acting_user,
                )
            )
    return made


# --- series ---------------------------------------------------------------------------------


def series_save(*, series: Series, acting_user: Actor) -> Series:
    with transaction.atomic():
        if not series.slug:
            series.slug = unique_slug(model=Series, text=series.title, exclude_pk=series.pk)
        return audited_save(instance=series, acting_user=acting_user)


def series_create(
    *,
    acting_user: Actor,
    title: str,
    artist: Person | None = None,
    description: str = "",
    is_public: bool = True,
) -> Series:
    return series_save(
        series=Series(title=title, artist=artist, description=description, is_public=is_public),
        acting_user=acting_user,
    )


def term_get_or_create(*, label: str, kind: str, acting_user: Actor = None) -> Term:
    """The vocabulary term with this label (any case), made when new."""
    label = " ".join(label.split())
    existing = Term.objects.filter(kind=kind, label__iexact=label).first()
    if existing is not None:
        return existing
    return audited_save(instance=Term(label=label, kind=kind), acting_user=acting_user)
