"""Careers for the catalogue bench: what the artist page's timeline reads, at scale.

:func:`careers_ensure` gives the artists whose pages the bench times a career each: life
events, exhibitions at venues in a dozen countries (each with its stops and a checklist of
the artist's works), works entering collections (provenance sales with prices, to public and
private owners), and reviews by critics in publications; and spreads the rest of
``reviews`` (20,000 by default, the issue's figure) over the other artists. Some of each are
private. Rows are written in bulk, as the services would leave them (fuzzy dates with their
bounds, unique slugs), as the catalogue's own writer does; it is done once per catalogue
(the first review marks it done).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from decimal import Decimal

BATCH = 2000
CITIES = (
    ("Moscow", "RU"), ("Saint Petersburg", "RU"), ("Paris", "FR"), ("Lyon", "FR"),
    ("Berlin", "DE"), ("Cologne", "DE"), ("London", "GB"), ("New York", "US"),
    ("Tokyo", "JP"), ("Rome", "IT"), ("Madrid", "ES"), ("Vienna", "AT"), ("Almaty", "KZ"),
    ("Stockholm", "SE"), ("Prague", "CZ"), ("Basel", "CH"),
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@dataclass
class Careers:
    artists: int
    exhibitions: int
    reviews: int
    provenance_events: int
    seconds: float
    reused: bool = False


def _dated(record: object, name: str, text: str) -> None:
    from vernissage.core.fuzzy_dates import parse_fuzzy_date

    when = parse_fuzzy_date(text)
    setattr(record, name, text)
    setattr(record, f"{name}_earliest", when.earliest)
    setattr(record, f"{name}_latest", when.latest)


def _day(rng: random.Random, year: int) -> str:
    return f"{rng.randint(1, 28)} {MONTHS[rng.randrange(12)]} {year}"


def careers_ensure(artist_ids: list[int], *, reviews: int = 20_000, seed: int = 7) -> Careers:
    """Careers for ``artist_ids`` (and ``reviews`` reviews in all), unless already written."""
    from django.db import transaction

    from vernissage.exhibitions.models import ChecklistItem, Exhibition, ExhibitionVenue, Venue
    from vernissage.market.provenance_models import ProvenanceEvent, ProvenanceParty
    from vernissage.people.models import LifeEvent, Organization, Person, Place
    from vernissage.press.models import Review, ReviewAuthor
    from vernissage.works.models import Artwork

    if Review.objects.exists():
        return Careers(
            artists=len(artist_ids),
            exhibitions=Exhibition.all_objects.count(),
            reviews=Review.objects.count(),
            provenance_events=ProvenanceEvent.objects.count(),
            seconds=0.0,
            reused=True,
        )
    started = time.perf_counter()
    rng = random.Random(seed)
    with transaction.atomic():
        places = Place.objects.bulk_create(
            Place(name=name, kind="city", country=country) for name, country in CITIES
        )
        galleries = Organization.objects.bulk_create(
            Organization(
                name=f"Bench Gallery {number}",
                slug=f"bench-gallery-{number}",
                kind="gallery",
                place=places[number % len(places)],
                is_public=number % 25 != 0,
            )
            for number in range(120)
        )
        venues = Venue.objects.bulk_create(
            Venue(organization=gallery, place=gallery.place, time_zone="UTC")
            for gallery in galleries
        )
        papers = Organization.objects.bulk_create(
            Organization(
                name=f"Bench Review {number}",
                slug=f"bench-review-{number}",
                kind="newspaper",
                place=places[number % len(places)],
            )
            for number in range(60)
        )
        critics = Person.objects.bulk_create(
            Person(
                display_name=f"Critic {number}",
                sort_name=f"Critic {number}",
                slug=f"bench-critic-{number}",
                is_public=number % 10 != 0,
            )
            for number in range(300)
        )
        collectors = Person.objects.bulk_create(
            Person(
                display_name=f"Collector {number}",
                sort_name=f"Collector {number}",
                slug=f"bench-collector-{number}",
                is_public=number % 3 == 0,
            )
            for number in range(200)
        )
        artists = Person.all_objects.filter(pk__in=artist_ids).select_related("birth_place")
        Person.all_objects.filter(pk__in=artist_ids, birth_place__isnull=True).update(
            birth_place=places[0]
        )
        works_of: dict[int, list[int]] = {}
        for artist_id, artwork_id in Artwork.all_objects.filter(
            creations__person_id__in=artist_ids, creations__role="artist"
        ).values_list("creations__person_id", "id"):
            works_of.setdefault(artist_id, []).append(artwork_id)

        events: list[LifeEvent] = []
        shows: list[Exhibition] = []
        show_artist: list[int] = []
        for artist in artists:
            born = rng.randint(1940, 1995)
            for kind, year, place in (
                ("born", born, places[0]),
                ("studied", born + 19, places[rng.randrange(4)]),
                ("moved", born + 27, places[rng.randrange(len(places))]),
                ("residency", born + 30, places[rng.randrange(len(places))]),
                ("award", born + 33, None),
                ("award", born + 38, None),
            ):
                event = LifeEvent(
                    person=artist,
                    kind=kind,
                    place=place,
                    is_public=kind != "award" or rng.random() < 0.8,
                )
                _dated(event, "date", str(year))
                events.append(event)
            for number in range(rng.randint(20, 30)):
                show = Exhibition(
                    title=f"{artist.display_name}: show {number + 1}",
                    slug=f"bench-show-{artist.pk}-{number + 1}",
                    kind="solo" if rng.random() < 0.4 else "group",
                    is_public=rng.random() < 0.9,
                )
                shows.append(show)
                show_artist.append(artist.pk)
        LifeEvent.objects.bulk_create(events, batch_size=BATCH)
        Exhibition.objects.bulk_create(shows, batch_size=BATCH)

        stops: list[ExhibitionVenue] = []
        items: list[ChecklistItem] = []
        through = Exhibition.artists.through
        added = []
        for show, artist_id in zip(shows, show_artist, strict=True):
            year = rng.randint(1965, 2024)
            for position in range(1 if rng.random() < 0.85 else 2):
                stop = ExhibitionVenue(
                    exhibition=show, venue=venues[rng.randrange(len(venues))], position=position
                )
                _dated(stop, "start_date", _day(rng, year + position))
                stops.append(stop)
            works = works_of.get(artist_id, [])
            chosen = rng.sample(works, min(len(works), 3)) if works else []
            items += [
                ChecklistItem(exhibition=show, artwork_id=work, position=index)
                for index, work in enumerate(chosen)
            ]
            if not chosen:
                added.append(through(exhibition_id=show.pk, person_id=artist_id))
        ExhibitionVenue.objects.bulk_create(stops, batch_size=BATCH)
        ChecklistItem.objects.bulk_create(items, batch_size=BATCH)
        through.objects.bulk_create(added, batch_size=BATCH)

        provenance: list[ProvenanceEvent] = []
        for artist_id in artist_ids:
            for work in rng.sample(
                works_of.get(artist_id, []), min(10, len(works_of.get(artist_id, [])))
            ):
                sale = ProvenanceEvent(
                    artwork_id=work,
                    kind="sale",
                    price=Decimal(rng.randint(20, 400) * 100),
                    currency="EUR",
                )
                _dated(sale, "date", str(rng.randint(1980, 2024)))
                provenance.append(sale)
        ProvenanceEvent.objects.bulk_create(provenance, batch_size=BATCH)
        ProvenanceParty.objects.bulk_create(
            (
                ProvenanceParty(
                    event=event,
                    role="to",
                    person=collectors[rng.randrange(len(collectors))],
                    name_public=rng.random() < 0.5,
                )
                for event in provenance
            ),
            batch_size=BATCH,
        )

        all_artists = list(
            Person.objects.filter(creations__isnull=False).values_list("pk", flat=True).distinct()
        )
        written: list[Review] = []
        about: list[int] = []
        per_measured = min(60, reviews // max(1, len(artist_ids)) // 3)
        for artist_id in artist_ids:
            about += [artist_id] * per_measured
        while len(about) < reviews:
            about.append(all_artists[rng.randrange(len(all_artists))])
        for number, _artist in enumerate(about):
            review = Review(
                kind="review",
                title=f"On the work, {number}",
                publication=papers[rng.randrange(len(papers))],
                is_public=rng.random() < 0.9,
            )
            _dated(review, "date", _day(rng, rng.randint(1965, 2024)))
            written.append(review)
        Review.objects.bulk_create(written, batch_size=BATCH)
        Review.people.through.objects.bulk_create(
            (
                Review.people.through(review_id=review.pk, person_id=artist)
                for review, artist in zip(written, about, strict=True)
            ),
            batch_size=BATCH,
        )
        ReviewAuthor.objects.bulk_create(
            (
                ReviewAuthor(review=review, person=critics[rng.randrange(len(critics))], order=0)
                for review in written
            ),
            batch_size=BATCH,
        )
    return Careers(
        artists=len(artist_ids),
        exhibitions=len(shows),
        reviews=len(written),
        provenance_events=len(provenance),
        seconds=time.perf_counter() - started,
    )
