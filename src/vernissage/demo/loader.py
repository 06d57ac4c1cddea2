"""Build the Kalmurzaev world of the three seed stories through the services.

The data lives in ``kalmurzaev.toml``; every record there cites the seed sentence its facts
come from, or says what was added for the demo. Each section of the file (``[[works]]``,
``[[exhibitions]]``…) is loaded by one function, listed in :data:`SECTION_LOADERS`, which
notes each record it makes (``World.made``); the three stories are kept as biographies and
every record's facts are stored as citations of their sentences or as demo additions
(:mod:`vernissage.demo.sources`). The whole world lands in one transaction.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils import timezone

from vernissage.biographies.models import Biography
from vernissage.core.services import Actor
from vernissage.demo.sources import record_facts
from vernissage.exhibitions import guests, invitations
from vernissage.exhibitions import services as exhibitions
from vernissage.exhibitions.models import Exhibition, Opening, Venue
from vernissage.market import consignments, contacts, provenance, sales
from vernissage.market.models import Contact, ContactTag
from vernissage.people import services as people
from vernissage.people.models import Organization, Person, Place
from vernissage.press import services as press
from vernissage.search.indexing import index_batch
from vernissage.works import services as works
from vernissage.works.models import Artwork, Series, Term

WORLD_FILE = "kalmurzaev.toml"


@dataclass(frozen=True)
class WorldSummary:
    places: int
    organizations: int
    people: int
    relationships: int
    events: int
    series: int
    works: int
    venues: int = 0
    exhibitions: int = 0
    openings: int = 0
    invitations: int = 0
    guests: int = 0
    contacts: int = 0


@dataclass
class World:
    """What the loaders have made so far, by the keys the world file gives the records (works
    by inventory number), for the sections below to refer to."""

    places: dict[str, Place] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    works: dict[str, Artwork] = field(default_factory=dict)
    venues: dict[str, Venue] = field(default_factory=dict)
    exhibitions: dict[str, Exhibition] = field(default_factory=dict)
    openings: dict[str, Opening] = field(default_factory=dict)
    invitations: int = 0
    guests: int = 0
    contacts: dict[str, Contact] = field(default_factory=dict)
    sales: int = 0
    #: Records of the other sections, by section and key, for the sections after them.
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Each record made, with its section and its entry in the world file, to cite.
    made: list[tuple[str, dict[str, Any], Any]] = field(default_factory=list)

    def note(self, section: str, record: dict[str, Any], made: Any) -> Any:
        """Note that ``made`` is the record of the file's ``record``; returns it."""
        self.made.append((section, record, made))
        return made


Loader = Callable[[list[dict[str, Any]], World, Actor], None]


def world_data() -> dict[str, Any]:
    text = resources.files("vernissage.demo").joinpath(WORLD_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


def seed_texts(names: list[str] | None = None) -> dict[str, str]:
    """The three stories (or those named), as bundled with the package."""
    folder = resources.files("vernissage.demo").joinpath("seeds")
    return {
        name: folder.joinpath(name).read_text(encoding="utf-8")
        for name in (world_data()["meta"]["seeds"] if names is None else names)
    }


def source_text(record: dict[str, Any]) -> str:
    """The record's provenance as one text: the seed sentences it cites, and any demo note."""
    parts = [f"“{cite}”" for cite in record.get("cites", [])]
    if record.get("demo"):
        parts.append(f"Added for the demo: {record['demo']}")
    return "; ".join(parts)


def world_is_loaded() -> bool:
    return Person.all_objects.filter(slug="jacques-kalmurzaev").exists()


def world_load(*, acting_user: Actor = None) -> WorldSummary:
    """Load every section of the world file through its loader, in :data:`SECTION_LOADERS`
    order, in one transaction."""
    data = world_data()
    world = World()
    with transaction.atomic(), index_batch():
        for section, load in SECTION_LOADERS:
            load(data.get(section, []), world, acting_user)
        world_cite(world, data["meta"], acting_user=acting_user)
    return WorldSummary(
        places=len(world.places),
        organizations=len(world.organizations),
        people=len(world.people),
        relationships=len(data.get("relationships", [])),
        events=len(data.get("events", [])),
        series=len(world.series),
        works=len(world.works),
        venues=len(world.venues),
        exhibitions=len(world.exhibitions),
        openings=len(world.openings),
        invitations=world.invitations,
        guests=world.guests,
        contacts=len(world.contacts),
    )


# --- the sources ----------------------------------------------------------------------------


def world_cite(world: World, meta: dict[str, Any], *, acting_user: Actor) -> list[Any]:
    """Keep the three stories as biographies under their public titles, and store each fact
    of each record made as a citation: of the sentence its words are in, with their offsets,
    or as a demo addition with the file's reason."""
    from vernissage.biographies import services as biographies
    from vernissage.demo.sources import cites_by_sentence, story_sentences

    texts = seed_texts(meta["seeds"])
    stories: dict[str, Biography] = {
        name: biographies.biography_add(
            title=meta["titles"][name], text=text, acting_user=acting_user
        )
        for name, text in texts.items()
    }
    sentences = story_sentences(texts)
    sources: list[biographies.Source] = []
    for section, record, made in world.made:
        for fact in record_facts(section, record):
            value = fact.value or str(made)
            for found in cites_by_sentence(fact.cites, stories=texts, sentences=sentences):
                sources.append(
                    biographies.Source(
                        record=made,
                        field=fact.field,
                        value=value,
                        biography=stories[found.story],
                        sentence=found.sentence,
                        start=found.start,
                        end=found.end,
                    )
                )
            if fact.demo:
                sources.append(
                    biographies.Source(record=made, field=fact.field, value=value, note=fact.demo)
                )
    return biographies.citations_add(sources=sources, acting_user=acting_user)


# --- the catalogue --------------------------------------------------------------------------


def load_places(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    world.places.update(_load_places(records, acting_user))
    for record in records:
        world.note("places", record, world.places[record["key"]])


def load_organizations(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        world.organizations[record["key"]] = people.organization_create(
            acting_user=acting_user,
            name=record["name"],
            kind=record["kind"],
            place=world.places.get(record.get("place", "")),
            description=record.get("description", ""),
            is_public=record.get("is_public", True),
            notes=source_text(record),
        )
        world.note("organizations", record, world.organizations[record["key"]])


def load_people(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        world.people[record["key"]] = people.person_create(
            acting_user=acting_user,
            display_name=record["display_name"],
            sort_name=record.get("sort_name", ""),
            roles=record.get("roles", []),
            names=record.get("names", []),
            birth_date=record.get("birth_date", ""),
            birth_place=world.places.get(record.get("birth_place", "")),
            nationality=record.get("nationality", ""),
            biography=record.get("biography", ""),
            media=record.get("media", []),
            themes=record.get("themes", []),
            is_public=record.get("is_public", False),
            notes="\n\n".join(
                part for part in (record.get("notes", ""), source_text(record)) if part
            ),
        )
        world.note("people", record, world.people[record["key"]])


def load_relationships(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        tie = people.relationship_create(
            acting_user=acting_user,
            person=world.people[record["person"]],
            kind=record["kind"],
            other_person=world.people.get(record.get("other", "")),
            organization=world.organizations.get(record.get("organization", "")),
            start_date=record.get("date", ""),
            source=source_text(record),
            note=record.get("note", ""),
            is_public=record.get("is_public", True),
        )
        world.note("relationships", record, tie)


def load_events(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        event = people.life_event_create(
            acting_user=acting_user,
            person=world.people[record["person"]],
            kind=record["kind"],
            date=record.get("date", ""),
            place=world.places.get(record.get("place", "")),
            organization=world.organizations.get(record.get("organization", "")),
            description=record.get("description", ""),
            source=source_text(record),
            is_public=record.get("is_public", True),
        )
        world.note("events", record, event)


def load_series(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        world.series[record["key"]] = works.series_create(
            acting_user=acting_user,
            title=record["title"],
            artist=world.people.get(record.get("artist", "")),
            description=record.get("description", ""),
        )
        world.note("series", record, world.series[record["key"]])


def load_works(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        world.works[record["inventory_number"]] = works.artwork_create(
            acting_user=acting_user,
            inventory_number=record["inventory_number"],
            title=record["title"],
            date=record.get("date", ""),
            classification=record["classification"],
            medium=record.get("medium", ""),
            dimensions=record.get("dimensions", ""),
            framed_dimensions=record.get("framed_dimensions", ""),
            makers=[(world.people[maker["person"]], maker["role"]) for maker in record["makers"]],
            themes=record.get("themes", []),
            title_variants=record.get("title_variants", []),
            inscriptions=record.get("inscriptions", []),
            series=world.series.get(record.get("series", "")),
            status=record.get("status", "available"),
            edition_size=record.get("edition_size"),
            artist_proofs=record.get("artist_proofs", 0),
            description=record.get("description", ""),
            credit_line=record.get("credit_line", ""),
            copyright=record.get("copyright", ""),
            is_public=record.get("is_public", False),
            notes=source_text(record),
        )
        world.note("works", record, world.works[record["inventory_number"]])


# --- exhibitions and openings ---------------------------------------------------------------

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _day_text(day: dt.date) -> str:
    """A day as the fuzzy-date reader reads it, in any locale: “12 November 2026”."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _stop_date(stop: dict[str, Any], name: str) -> str:
    """A stop's date as written, or counted in days from the day the demo is loaded."""
    if f"{name}_in_days" in stop:
        return _day_text(timezone.localdate() + dt.timedelta(days=stop[f"{name}_in_days"]))
    return str(stop.get(f"{name}_date", ""))


def load_venues(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        world.venues[record["key"]] = exhibitions.venue_create(
            acting_user=acting_user,
            organization=world.organizations[record["organization"]],
            address=record.get("address", ""),
            time_zone=record["time_zone"],
            capacity=record.get("capacity"),
        )
        world.note("venues", record, world.venues[record["key"]])


def load_exhibitions(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """Each exhibition with its stops (in order) and its checklist (in order)."""
    for record in records:
        exhibition = exhibitions.exhibition_create(
            acting_user=acting_user,
            title=record["title"],
            kind=record["kind"],
            organizer=world.organizations.get(record.get("organizer", "")),
            curators=[world.people[key] for key in record.get("curators", [])],
            artists=[world.people[key] for key in record.get("artists", [])],
            public_text=record.get("public_text", ""),
            press_release=record.get("press_release", ""),
            source=source_text(record),
            is_public=record.get("is_public", False),
            notes=record.get("notes", ""),
        )
        for stop in record.get("stops", []):
            exhibitions.exhibition_stop_add(
                acting_user=acting_user,
                exhibition=exhibition,
                venue=world.venues[stop["venue"]],
                start_date=_stop_date(stop, "start"),
                end_date=_stop_date(stop, "end"),
            )
        for entry in record.get("checklist", []):
            price = entry.get("price")
            exhibitions.checklist_add(
                acting_user=acting_user,
                exhibition=exhibition,
                artwork=world.works[entry["work"]],
                section=entry.get("section", ""),
                catalogue_number=entry.get("number", ""),
                lender_person=world.people.get(entry.get("lender_person", "")),
                lender_organization=world.organizations.get(entry.get("lender_organization", "")),
                lender_credit=entry.get("lender_credit", ""),
                status=entry.get("status", "requested"),
                price=Decimal(price) if price is not None else None,
                currency=entry.get("currency", ""),
            )
        world.exhibitions[record["key"]] = world.note("exhibitions", record, exhibition)


def load_openings(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """Openings on the venue's clock: ``date`` (or ``in_days`` from today), ``starts`` and
    ``ends`` as hours; ``rsvp_days_before`` closes the answers that many days before."""
    for record in records:
        if "in_days" in record:
            day = timezone.localdate() + dt.timedelta(days=record["in_days"])
        else:
            day = dt.date.fromisoformat(record["date"])
        starts = dt.datetime.combine(day, dt.time.fromisoformat(record["starts"]))
        ends = dt.datetime.combine(day, dt.time.fromisoformat(record["ends"]))
        deadline = None
        if "rsvp_days_before" in record:
            deadline = starts - dt.timedelta(days=record["rsvp_days_before"])
        world.openings[record["key"]] = exhibitions.opening_create(
            acting_user=acting_user,
            exhibition=world.exhibitions[record["exhibition"]],
            venue=world.venues[record["venue"]],
            title=record.get("title", ""),
            starts_at=starts,
            ends_at=ends,
            capacity=record.get("capacity"),
            rsvp_deadline=deadline,
            is_public=record.get("is_public", True),
        )
        world.note("openings", record, world.openings[record["key"]])


def _moment(day: str) -> dt.datetime:
    """Noon, UTC, of a day written as 2013-06-12."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12), tzinfo=dt.UTC)


def load_invitations(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """Invitations to exhibit; those the stories tell were made and answered long ago, outside
    Vernissage, and are recorded after the fact (``answered``, ``answered_on``)."""
    for record in records:
        invitation = invitations.invitation_create(
            acting_user=acting_user,
            artist=world.people[record["artist"]],
            from_person=world.people.get(record.get("from_person", "")),
            from_organization=world.organizations.get(record.get("from_organization", "")),
            exhibition=world.exhibitions.get(record.get("exhibition", "")),
            proposal=record.get("proposal", ""),
            message=record.get("message", ""),
            source=source_text(record),
            is_public=record.get("is_public", False),
        )
        if "answered" in record:
            invitations.invitation_record_answer(
                invitation=invitation,
                accepted=record["answered"] == "accepted",
                answered_at=_moment(record["answered_on"]),
                answer=record.get("answer", ""),
                acting_user=acting_user,
            )
        world.note("invitations", record, invitation)
        world.invitations += 1


def load_guests(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """Guests of the openings: at the evenings the stories tell of, who came (``attended``,
    checked in ``arrived_minutes_after_start``); at the demo's upcoming opening, a list to
    send invitations to."""
    for record in records:
        opening = world.openings[record["opening"]]
        person = world.people.get(record.get("person", ""))
        if record.get("attended"):
            guest = guests.guest_record_attendance(
                opening=opening,
                person=person,
                name=record.get("name", ""),
                party=record.get("party", 1),
                arrived_at=opening.starts_at
                + dt.timedelta(minutes=record.get("arrived_minutes_after_start", 0)),
                note=source_text(record),
                acting_user=acting_user,
            )
        else:
            guest = guests.guest_add(
                opening=opening,
                person=person,
                name=record.get("name", ""),
                email=record.get("email", ""),
                party_allowed=record.get("party_allowed", 1),
                note=source_text(record),
                acting_user=acting_user,
            )
        world.note("guests", record, guest)
        world.guests += 1


def load_contacts(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """The stories' collectors as contacts, each with what the house holds on them: ways to
    reach them, interests, tags, consent (with its date and source) and their log."""
    for record in records:
        contact = contacts.contact_create(
            acting_user=acting_user,
            person=world.people[record["person"]],
            language=record.get("language", "en"),
            notes="\n\n".join(
                part for part in (record.get("notes", ""), source_text(record)) if part
            ),
        )
        for email in record.get("emails", []):
            contacts.contact_email_add(contact=contact, acting_user=acting_user, **email)
        for phone in record.get("phones", []):
            contacts.contact_phone_add(contact=contact, acting_user=acting_user, **phone)
        for address in record.get("addresses", []):
            contacts.contact_address_add(contact=contact, acting_user=acting_user, **address)
        contacts.contact_interests_set(
            contact=contact,
            artists=[world.people[key] for key in record.get("artists", [])],
            media=[
                works.term_get_or_create(label=label, kind=Term.Kind.MEDIUM)
                for label in record.get("media", [])
            ],
            themes=[
                works.term_get_or_create(label=label, kind=Term.Kind.THEME)
                for label in record.get("themes", [])
            ],
            price_min=record.get("price_min"),
            price_max=record.get("price_max"),
            currency=record.get("currency", ""),
            acting_user=acting_user,
        )
        tags = []
        for name in record.get("tags", []):
            tag = ContactTag.objects.filter(name=name).first()
            tags.append(tag or contacts.contact_tag_create(name=name, acting_user=acting_user))
        contacts.contact_tags_set(contact=contact, tags=tags, acting_user=acting_user)
        if record.get("consent_source"):
            contacts.contact_consent_set(
                contact=contact,
                consent=True,
                source=record["consent_source"],
                at=dt.datetime.fromisoformat(record["consent_at"]),
                acting_user=acting_user,
            )
        for interaction in record.get("interactions", []):
            contacts.interaction_record(
                contact=contact,
                kind=interaction["kind"],
                at=dt.datetime.fromisoformat(interaction["at"]),
                note=interaction.get("note", ""),
                acting_user=acting_user,
            )
        world.contacts[record["person"]] = world.note("contacts", record, contact)


def load_provenance(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """Each work's owners in turn, in the order of the file; each event's source is its
    citations and demo note."""
    for record in records:
        parties = [
            provenance.PartyInput(
                role=party["role"],
                person=world.people.get(party.get("person", "")),
                organization=world.organizations.get(party.get("organization", "")),
                anonymous=party.get("anonymous", ""),
                name_public=party.get("name_public", True),
            )
            for party in record.get("parties", [])
        ]
        price = record.get("price")
        event = provenance.provenance_event_add(
            artwork=world.works[record["work"]],
            kind=record["kind"],
            parties=parties,
            date=record.get("date", ""),
            place=world.places.get(record.get("place", "")),
            method=record.get("method", ""),
            price=Decimal(price) if price is not None else None,
            currency=record.get("currency", ""),
            certainty=record.get("certainty", "certain"),
            source=source_text(record),
            acting_user=acting_user,
        )
        world.note("provenance", record, event)


# --- the market -----------------------------------------------------------------------------


def _noon(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(12)))


def load_collectors(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """The house's collectors: contacts of people of the stories, or of people invented for
    the demo (made here, private)."""
    for record in records:
        if record["key"] in world.contacts:
            world.note("collectors", record, world.contacts[record["key"]])
            continue  # already a contact, with all the house holds on them (section contacts)
        person = world.people.get(record.get("person", ""))
        if person is None:
            person = people.person_create(
                acting_user=acting_user,
                display_name=record["name"],
                roles=["collector"],
                is_public=False,
                notes=source_text(record),
            )
        contact = contacts.contact_create(
            acting_user=acting_user, person=person, notes=source_text(record)
        )
        if record.get("email"):
            contacts.contact_email_add(
                contact=contact, address=record["email"], primary=True, acting_user=acting_user
            )
        world.contacts[record["key"]] = world.note("collectors", record, contact)


def load_consignments(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    for record in records:
        consignment = consignments.consignment_create(
            artwork=world.works[record["work"]],
            consignor_person=world.people.get(record.get("consignor", "")),
            consignor_contact=world.contacts.get(record.get("consignor_contact", "")),
            currency=record["currency"],
            net_price=Decimal(record["net_price"]) if "net_price" in record else None,
            commission=Decimal(record["commission"]) if "commission" in record else None,
            received_on=dt.date.fromisoformat(record["received"]),
            ends_on=dt.date.fromisoformat(record["ends"]) if "ends" in record else None,
            note=source_text(record)[:500],
            acting_user=acting_user,
        )
        world.note("consignments", record, consignment)


def load_sales(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """Sales entered after the fact: each step at its date, through the same services."""
    for record in records:
        sale = sales.sale_create(
            buyer=world.contacts[record["buyer"]],
            currency=record["currency"],
            artist_share=Decimal(record.get("artist_share", "50")),
            notes=source_text(record),
            acting_user=acting_user,
        )
        for line in record["lines"]:
            sales.sale_line_add(
                sale=sale,
                artwork=world.works[line["work"]],
                price=Decimal(line["price"]),
                currency=record["currency"],
                discount=Decimal(line.get("discount", "0")),
                tax_rate=Decimal(line.get("tax_rate", "0")),
                acting_user=acting_user,
            )
        sales.sale_confirm(
            sale=sale,
            at=_noon(record["confirmed"]),
            provenance=sales.ProvenanceTerms(
                place=world.places.get(record.get("place", "")),
                method=record.get("method", ""),
                source=source_text(record),
            ),
            acting_user=acting_user,
        )
        if "invoiced" in record:
            sales.sale_invoice(sale=sale, at=_noon(record["invoiced"]), acting_user=acting_user)
        for payment in record.get("payments", []):
            sales.payment_record(
                sale=sale,
                amount=Decimal(payment["amount"]),
                received_on=dt.date.fromisoformat(payment["on"]),
                method=payment.get("method", ""),
                acting_user=acting_user,
            )
        world.note("sales", record, sale)
        world.sales += 1


# --- the press ------------------------------------------------------------------------------


def load_reviews(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """The critics' reviews of the stories, with their quotes; each review's private notes
    say where it comes from."""
    for record in records:
        review = press.review_create(
            acting_user=acting_user,
            title=record["title"],
            kind=record.get("kind", "review"),
            publication=world.organizations.get(record.get("publication", "")),
            date=record.get("date", ""),
            url=record.get("url", ""),
            language=record.get("language", ""),
            pages=record.get("pages", ""),
            stance=record.get("stance", ""),
            is_public=record.get("is_public", True),
            notes=source_text(record),
            authors=[world.people[key] for key in record.get("authors", [])],
            people=[world.people[key] for key in record.get("people", [])],
            works=[world.works[number] for number in record.get("works", [])],
            exhibitions=[world.exhibitions[key] for key in record.get("exhibitions", [])],
        )
        for quote in record.get("quotes", []):
            press.quote_add(
                review=review,
                text=quote["text"],
                page=quote.get("page", ""),
                may_publish=quote.get("may_publish", False),
                acting_user=acting_user,
            )
        world.records.setdefault("reviews", {})[record["key"]] = record
        world.note("reviews", record, review)


def load_press_requests(records: list[dict[str, Any]], world: World, acting_user: Actor) -> None:
    """Critics asking the artists for interviews and visits: the critic is a person of the
    stories (``critic``) or one invented for the demo (``critic_name``, made here, private);
    each request lands in the critic's contact log, and its answer too."""
    for record in records:
        critic = world.people.get(record.get("critic", ""))
        if critic is None:
            critic = people.person_create(
                acting_user=acting_user,
                display_name=record["critic_name"],
                sort_name=record.get("critic_sort_name", ""),
                roles=["critic"],
                is_public=False,
                notes=source_text(record),
            )
        request = press.press_request_record(
            critic=critic,
            artist=world.people[record["artist"]],
            kind=record["kind"],
            date=dt.date.fromisoformat(record["date"]),
            publication=world.organizations.get(record.get("publication", "")),
            note=record.get("note", ""),
            source=source_text(record),
            acting_user=acting_user,
        )
        world.note("press_requests", record, request)
        if record.get("answer", "pending") != "pending":
            press.press_request_answer(
                press_request=request,
                answer=record["answer"],
                on=dt.date.fromisoformat(record["answered_on"]),
                acting_user=acting_user,
            )


#: Each section of the world file and the one function that loads it, in this order: a
#: section refers only to sections above it.
SECTION_LOADERS: list[tuple[str, Loader]] = [
    ("places", load_places),
    ("organizations", load_organizations),
    ("people", load_people),
    ("relationships", load_relationships),
    ("events", load_events),
    ("series", load_series),
    ("works", load_works),
    ("venues", load_venues),
    ("exhibitions", load_exhibitions),
    ("openings", load_openings),
    ("contacts", load_contacts),
    ("invitations", load_invitations),
    ("guests", load_guests),
    ("provenance", load_provenance),
    ("collectors", load_collectors),
    ("consignments", load_consignments),
    ("sales", load_sales),
    ("reviews", load_reviews),
    ("press_requests", load_press_requests),
]


def _load_places(records: list[dict[str, Any]], acting_user: Actor) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for record in records:
        within = places.get(record.get("within", ""))
        if record.get("resolve"):
            place = people.place_resolve(
                name=record["name"],
                kind=record["kind"],
                country=record.get("country", ""),
                within=within,
                acting_user=acting_user,
            )
        else:
            place = people.place_save(
                place=Place(
                    name=record["name"],
                    kind=record["kind"],
                    country=record.get("country", ""),
                    within=within,
                    latitude=_coordinate(record.get("latitude")),
                    longitude=_coordinate(record.get("longitude")),
                ),
                acting_user=acting_user,
            )
        for variant in record.get("variants", []):
            people.place_name_add(place=place, acting_user=acting_user, **variant)
        places[record["key"]] = place
    return places


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))
