"""Writes of the biographies area: a biography handed in and read, and a reviewer's decisions
accepted into the catalogue through the people area's services, in one transaction, each
record citing the sentence it comes from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vernissage.biographies import lexicon
from vernissage.biographies.intake import ReadingRefused
from vernissage.biographies.models import Biography, Citation
from vernissage.core.services import Actor
from vernissage.core.text import fold
from vernissage.exhibitions import invitations
from vernissage.people import services as people
from vernissage.people.models import Organization, Person, Place, Relationship, Role
from vernissage.works.classification import AAT

#: The reader's ties -> (the relationship kind, whether the other person is its ``person``).
#: "teacher": the other teaches the subject, so the other is the relationship's person.
TIES: dict[str, tuple[str, bool]] = {
    "spouse": (Relationship.Kind.SPOUSE, False),
    "partner": (Relationship.Kind.PARTNER, False),
    "parent": (Relationship.Kind.PARENT, True),
    "child": (Relationship.Kind.PARENT, False),
    "sibling": (Relationship.Kind.SIBLING, False),
    "collaborator": (Relationship.Kind.COLLABORATOR, False),
    "teacher": (Relationship.Kind.TEACHER, True),
    "student": (Relationship.Kind.TEACHER, False),
    "patron": (Relationship.Kind.PATRON, True),
    "supporter": (Relationship.Kind.SUPPORTER, True),
    "friend": (Relationship.Kind.FRIEND, False),
}

#: The reader's roles -> the catalogue's roles (the others stay in the citation).
ROLES: dict[str, str] = {
    **dict.fromkeys(set(lexicon.MAKER_ROLES.values()), Role.Code.ARTIST),
    "artist": Role.Code.ARTIST,
    "photographer": Role.Code.PHOTOGRAPHER,
    "collector": Role.Code.COLLECTOR,
    "patron": Role.Code.COLLECTOR,
    "critic": Role.Code.CRITIC,
    "curator": Role.Code.CURATOR,
    "dealer": Role.Code.DEALER,
    "gallerist": Role.Code.GALLERIST,
}


def _user(acting_user: Actor) -> User | None:
    return acting_user if isinstance(acting_user, User) else None


def biography_read(*, title: str, raw: str, acting_user: Actor) -> Biography:
    """Read a biography and keep it with its reading; a text the reader refuses is refused
    here with the reader's message."""
    # The reader (its rules, gazetteer and name matching) loads here, not with the services:
    # the demo's first start writes its citations without reading.
    from vernissage.biographies.reader import configured_recogniser, read_text
    from vernissage.biographies.selectors import catalogue_place_names

    try:
        reading = read_text(
            raw, catalogue_places=catalogue_place_names(), recogniser=configured_recogniser()
        )
    except ReadingRefused as refused:
        raise ValidationError(str(refused)) from refused
    biography = Biography(
        title=title.strip() or reading.subject or _("Untitled biography"),
        text=reading.text,
        reading=reading.as_json(),
        added_by=_user(acting_user),
    )
    biography.full_clean()
    biography.save()
    return biography


@dataclass(frozen=True)
class Decision:
    """A reviewer's word on one proposed fact (by its index in the reading's facts):
    accepted or not, its value as corrected, and for a person, place or organization the
    existing record it is (its id, and its version when the review was opened) or none for a
    new record."""

    index: int
    accept: bool
    value: str = ""
    match_id: int | None = None
    match_version: str = ""


@dataclass
class Accepted:
    subject: Person
    created: list[Any]
    citations: int


class _Writer:
    def __init__(self, biography: Biography, acting_user: Actor) -> None:
        self.biography = biography
        self.acting_user = acting_user
        self.user = _user(acting_user)
        self.created: list[Any] = []
        self.citations = 0

    def cite(self, record: Any, fact: dict[str, Any], value: str) -> None:
        Citation.objects.create(
            biography=self.biography,
            field=fact["field"],
            value=value[:500],
            sentence=fact["sentence"],
            start=fact["start"],
            end=fact["end"],
            confidence=fact["confidence"],
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=record.pk,
            accepted_by=self.user,
        )
        self.citations += 1

    @staticmethod
    def matched(model: type[Any], decision: Decision) -> Any | None:
        if decision.match_id is None:
            return None
        record = model.objects.filter(pk=decision.match_id).first()
        if record is None or (
            decision.match_version and record.updated_at.isoformat() != decision.match_version
        ):
            raise ValidationError(
                _(
                    "“%(name)s” was changed or removed since this review was opened; nothing "
                    "was written. Open the review again to see it as it is now."
                )
                % {"name": str(record) if record is not None else decision.value}
            )
        return record

    def person(self, decision: Decision, *, role: str = "") -> Person:
        found = self.matched(Person, decision)
        if found is not None:
            return found  # type: ignore[no-any-return]
        person = people.person_create(
            acting_user=self.acting_user,
            display_name=decision.value,
            roles=[ROLES[role]] if role in ROLES else [],
            is_public=True,
        )
        self.created.append(person)
        return person

    def place(self, decision: Decision) -> Place:
        found = self.matched(Place, decision)
        if found is not None:
            return found  # type: ignore[no-any-return]
        key = fold(decision.value)
        kind = (
            Place.Kind.REGION
            if key in lexicon.REGIONS
            else Place.Kind.LANDMARK
            if any(word in lexicon.LANDMARK_WORDS for word in key.split()[1:])
            else Place.Kind.CITY
        )
        before = Place.objects.count()
        place = people.place_resolve(name=decision.value, kind=kind, acting_user=self.acting_user)
        if Place.objects.count() > before:
            self.created.append(place)
        return place

    def organization(self, decision: Decision, kind: str) -> Organization:
        found = self.matched(Organization, decision)
        if found is not None:
            return found  # type: ignore[no-any-return]
        organization = people.organization_create(
            acting_user=self.acting_user, name=decision.value, kind=kind
        )
        self.created.append(organization)
        return organization


#: The Getty AAT label of each kind of work -> the catalogue's word for that medium.
_MEDIUM_WORDS = {label: str(kind) for kind, (_aat, label) in AAT.items()}


def _venue_kind(name: str) -> str:
    words = set(fold(name).split())
    if words & {"gallery", "galerie", "galleria", "galeria"}:
        return str(Organization.Kind.GALLERY)
    if words & {"foundation", "fondation", "fundacion", "fondazione", "stiftung"}:
        return str(Organization.Kind.FOUNDATION)
    return str(Organization.Kind.MUSEUM)


def biography_accept(
    *, biography: Biography, decisions: Iterable[Decision], acting_user: Actor
) -> Accepted:
    """Write the accepted facts through the people services, in one transaction: the subject
    (an existing person or a new one), birthplace and year where the record has none, roles,
    schools, the people named and their ties to the subject, the places of the life, the
    venues, the media and the invitations to exhibit (as drafts); each record cites its sentence. A
    matched record changed since the review was opened, or a birthplace that would overwrite
    another, writes nothing and says why."""
    facts: list[dict[str, Any]] = biography.reading.get("facts", [])
    chosen = {d.index: d for d in decisions if d.accept and 0 <= d.index < len(facts)}
    subject_index = next((i for i, fact in enumerate(facts) if fact["field"] == "subject"), None)
    if subject_index is None or subject_index not in chosen:
        raise ValidationError(_("Accept the subject of the biography first: facts need a person."))
    writer = _Writer(biography, acting_user)
    with transaction.atomic():
        subject_decision = chosen[subject_index]
        subject = writer.person(subject_decision)
        writer.cite(subject, facts[subject_index], subject_decision.value)
        people_by_name: dict[str, Person] = {}
        organizations_by_name: dict[str, Organization] = {}
        media: list[str] = []
        roles: set[str] = {role.code for role in subject.roles.all()}
        for index, decision in sorted(chosen.items()):
            fact = facts[index]
            field = fact["field"]
            if field == "birthplace":
                place = writer.place(decision)
                if subject.birth_place_id not in (None, place.pk):
                    raise ValidationError(
                        _(
                            "%(person)s was born in %(place)s by the catalogue; nothing was "
                            "overwritten. Reject this fact or change the record first."
                        )
                        % {"person": subject, "place": subject.birth_place}
                    )
                subject.birth_place = place
                people.person_save(person=subject, acting_user=acting_user)
                writer.cite(place, fact, decision.value)
            elif field == "birth_year":
                if subject.birth_date and decision.value not in subject.birth_date:
                    raise ValidationError(
                        _(
                            "%(person)s was born in %(date)s by the catalogue; nothing was "
                            "overwritten. Reject this fact or change the record first."
                        )
                        % {"person": subject, "date": subject.birth_date}
                    )
                subject.birth_date = decision.value
                people.person_save(person=subject, acting_user=acting_user)
                writer.cite(subject, fact, decision.value)
            elif field == "roles":
                if decision.value in ROLES:
                    roles.add(ROLES[decision.value])
                writer.cite(subject, fact, decision.value)
            elif field == "media":
                # Read as the Getty AAT label of a kind of work; kept as the catalogue's own
                # word for that medium ("paintings (visual works)" is "painting").
                media.append(_MEDIUM_WORDS.get(decision.value, decision.value))
                writer.cite(subject, fact, decision.value)
            elif field == "people":
                name, _sep, role = decision.value.rpartition(": ")
                named = Decision(index, True, name or decision.value, decision.match_id,
                                 decision.match_version)  # fmt: skip
                person = writer.person(named, role=role)
                people_by_name[fold(named.value)] = person
                writer.cite(person, fact, decision.value)
            elif field in {"places", "schools", "venues"}:
                if field == "places":
                    record: Any = writer.place(decision)
                    people.life_event_create(
                        acting_user=acting_user,
                        person=subject,
                        kind="other",
                        place=record,
                        # The sentence is the citation's, shown with the page's sources under
                        # their rule (withheld from the public when it names a private record),
                        # not copied into a public description.
                        description="",
                        source=biography.title,
                    )
                elif field == "schools":
                    record = writer.organization(decision, Organization.Kind.SCHOOL)
                    people.relationship_create(
                        acting_user=acting_user,
                        person=subject,
                        kind=Relationship.Kind.STUDIED_AT,
                        organization=record,
                        source=biography.title,
                    )
                else:
                    record = writer.organization(decision, _venue_kind(decision.value))
                if isinstance(record, Organization):
                    organizations_by_name[fold(decision.value)] = record
                writer.cite(record, fact, decision.value)
        for index, decision in sorted(chosen.items()):
            fact = facts[index]
            if fact["field"] != "relationships":
                continue
            name, _sep, tie = decision.value.rpartition(": ")
            other = people_by_name.get(fold(name))
            if other is None or tie not in TIES:
                raise ValidationError(
                    _("The tie “%(tie)s” names %(name)s: accept that person too.")
                    % {"tie": decision.value, "name": name or decision.value}
                )
            kind, other_first = TIES[tie]
            relationship = people.relationship_create(
                acting_user=acting_user,
                person=other if other_first else subject,
                other_person=subject if other_first else other,
                kind=kind,
                source=biography.title,
                note=fact["sentence"][:500],
            )
            writer.cite(relationship, fact, decision.value)
        for index, decision in sorted(chosen.items()):
            fact = facts[index]
            if fact["field"] == "invitations":
                invitation = _invitation_write(
                    decision.value,
                    subject=subject,
                    people_by_name=people_by_name,
                    organizations_by_name=organizations_by_name,
                    biography=biography,
                    acting_user=acting_user,
                )
                writer.cite(invitation, fact, decision.value)
        people.person_set_roles(person=subject, roles=sorted(roles), acting_user=acting_user)
        if media:
            people.person_media_add(person=subject, media=media, acting_user=acting_user)
    return Accepted(subject, writer.created, writer.citations)


def _invitation_write(
    value: str,
    *,
    subject: Person,
    people_by_name: dict[str, Person],
    organizations_by_name: dict[str, Organization],
    biography: Biography,
    acting_user: Actor,
) -> Any:
    """An invitation read as "who -> where": kept as a draft invitation to the subject from
    the person or venue accepted with it, for a show in that city, citing the biography.
    Nothing is sent and no answer is invented: staff record one when it is known."""
    inviter, _arrow, place = (part.strip() for part in value.partition("->"))
    from_person = people_by_name.get(fold(inviter)) if inviter else None
    from_organization = (
        organizations_by_name.get(fold(inviter)) if inviter and from_person is None else None
    )
    if inviter and from_person is None and from_organization is None:
        raise ValidationError(
            _("The invitation “%(invitation)s” names %(name)s: accept them too, or edit it.")
            % {"invitation": value, "name": inviter}
        )
    proposal = _("An exhibition in %(place)s") % {"place": place} if place else _("An exhibition")
    return invitations.invitation_create(
        acting_user=acting_user,
        artist=subject,
        from_person=from_person,
        from_organization=from_organization,
        proposal=proposal,
        source=biography.title,
    )


def biography_add(*, title: str, text: str, acting_user: Actor) -> Biography:
    """Keep a text as the source of records without reading it: the demo's stories, whose
    records the world file gives, each citing its sentences (``citations_add``)."""
    biography = Biography(title=title.strip(), text=text, added_by=_user(acting_user))
    biography.full_clean(exclude=["reading"])  # not read: no proposals
    biography.save()
    return biography


@dataclass(frozen=True)
class Source:
    """Where one fact of a record comes from: ``sentence`` of ``biography``, the fact's words
    at ``start``:``end`` of its text; or, with no biography, an addition of the demo and the
    ``note`` that says what was added and why."""

    record: Any
    field: str
    value: str
    biography: Biography | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    note: str = ""


def citations_add(*, sources: Iterable[Source], acting_user: Actor) -> list[Citation]:
    """Store the sources of records written elsewhere (the demo world's loader), in one
    transaction and one insert. A source is a sentence of a biography, where its words are,
    or a demo addition that says why; anything else writes nothing."""
    user = _user(acting_user)
    citations: list[Citation] = []
    for source in sources:
        read = source.biography is not None
        text = source.biography.text if source.biography is not None else ""
        if read and not (
            source.sentence
            and 0 <= source.start < source.end <= len(text)
            and text[source.start : source.end] in source.sentence
        ):
            raise ValidationError(
                _("“%(value)s” cites words that are not in its sentence of %(title)s.")
                % {"value": source.value, "title": source.biography}
            )
        if not read and not source.note.strip():
            raise ValidationError(
                _("“%(value)s” has no source: cite a sentence or say what was added.")
                % {"value": source.value}
            )
        citations.append(
            Citation(
                kind=Citation.Kind.READ if read else Citation.Kind.DEMO_ADDITION,
                biography=source.biography,
                field=source.field[:30],
                value=source.value[:500],
                sentence=source.sentence if read else "",
                start=source.start,
                end=source.end,
                confidence=1.0,
                note="" if read else source.note,
                content_type=ContentType.objects.get_for_model(type(source.record)),
                object_id=source.record.pk,
                accepted_by=user,
            )
        )
    with transaction.atomic():
        return Citation.objects.bulk_create(citations)
