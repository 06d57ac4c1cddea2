"""Reads about people: what a viewer may see, fetched in a fixed number of queries."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, gettext_noop
from rapidfuzz import fuzz, process

from vernissage.core.access import Viewer, can_see_private
from vernissage.core.prepared import PreparedRead, Slots, keep_prefetched
from vernissage.core.text import fold
from vernissage.people.models import (
    LifeEvent,
    Organization,
    Person,
    PersonDistinction,
    PersonMerge,
    PersonName,
    Place,
    Relationship,
    Role,
)
from vernissage.people.relations import PersonLink, generic_links, person_links


def person_list(*, viewer: Viewer, role: str = "", query: str = "") -> QuerySet[Person]:
    people = Person.objects.visible_to(viewer)
    if role:
        people = people.with_role(role)
    if query:
        people = people.search(query)
    return people.select_related("birth_place").prefetch_related("roles").distinct()


def artist_list(*, viewer: Viewer, query: str = "") -> QuerySet[Person]:
    return person_list(viewer=viewer, role=Role.Code.ARTIST, query=query)


_PERSON_BY_SLUG = PreparedRead(
    "a person by their address",
    lambda viewer, slots: (
        Person.objects.visible_to(viewer)
        .select_related("birth_place", "death_place")
        .filter(slug=slots.text("slug"))
    ),
)
_PERSON_ROLES = PreparedRead(
    "a person's roles", lambda viewer, slots: Role.objects.filter(people=slots.id("person"))
)
_PERSON_NAMES = PreparedRead(
    "a person's other names",
    lambda viewer, slots: PersonName.objects.filter(person_id=slots.id("person")),
)


def _person_terms(relation: str) -> PreparedRead[Any]:
    """A person's media or themes (``relation``), as rows of the link with their terms."""
    through = getattr(Person, relation).through
    return PreparedRead(
        f"a person's {relation}",
        lambda viewer, slots: (
            through.objects.filter(person_id=slots.id("person"))
            .select_related("term")
            .order_by("term__kind", "term__label")
        ),
    )


_PERSON_MEDIA = _person_terms("media")
_PERSON_THEMES = _person_terms("themes")


def person_get(*, slug: str, viewer: Viewer) -> Person:
    """A person the viewer may see, with their birth and death places, roles, other names,
    media and themes (``person.roles.all()`` and the others read no more); anyone else is
    404, with no hint that it exists."""
    found = _PERSON_BY_SLUG.run(viewer=viewer, slug=slug)
    if not found:
        raise Http404
    (person,) = found
    keep_prefetched(person, "roles", _PERSON_ROLES.run(viewer=viewer, person=person.pk))
    names = _PERSON_NAMES.run(viewer=viewer, person=person.pk)
    for name in names:
        name.person = person
    keep_prefetched(person, "names", names)
    for relation, read in (("media", _PERSON_MEDIA), ("themes", _PERSON_THEMES)):
        keep_prefetched(
            person, relation, [row.term for row in read.run(viewer=viewer, person=person.pk)]
        )
    return person


def person_get_for_history(*, slug: str, viewer: Viewer) -> Person:
    """A person whose history the viewer may read: one they may see, or a deleted one for
    viewers who may see private records (a deletion is part of the history)."""
    people = Person.all_objects.all() if can_see_private(viewer) else Person.objects.public()
    person: Person = get_object_or_404(people, slug=slug)
    return person


#: What a tie's ends are read with: a person or an organization named and linked (and, for
#: the JSON-LD and the timeline, an organization described and placed). Every column of both
#: people, the organization and its place made ninety, biographies and staff notes among
#: them, and writing their SQL cost more than reading it.
TIE_END_PERSON_FIELDS = ("id", "display_name", "sort_name", "slug", "is_public", "deleted_at")
TIE_END_ORGANIZATION_FIELDS = (
    "id",
    "name",
    "slug",
    "kind",
    "place_id",
    "description",
    "website",
    "is_public",
)
TIE_END_PLACE_FIELDS = ("id", "name", "kind", "country", "latitude", "longitude")


def _ties(viewer: Viewer, slots: Slots) -> QuerySet[Relationship]:
    person = slots.id("person")
    return (
        Relationship.objects.filter(Q(person_id=person) | Q(other_person_id=person))
        .visible_to(viewer)
        .select_related("person", "other_person", "organization", "organization__place")
        .only(
            *(field.name for field in Relationship._meta.concrete_fields),
            *(f"person__{name}" for name in TIE_END_PERSON_FIELDS),
            *(f"other_person__{name}" for name in TIE_END_PERSON_FIELDS),
            *(f"organization__{name}" for name in TIE_END_ORGANIZATION_FIELDS),
            *(f"organization__place__{name}" for name in TIE_END_PLACE_FIELDS),
        )
        .order_by("start_date_earliest", "kind", "id")
    )


_TIES = PreparedRead("a person's ties", _ties)


def relationships_for(*, person: Person, viewer: Viewer) -> list[Relationship]:
    """The person's ties from both ends; the public sees public ties to public records only.
    A tie's ends carry the columns that name, link and describe them
    (``TIE_END_*_FIELDS``)."""
    return _TIES.run(viewer=viewer, person=person.pk)


_LIFE_EVENTS = PreparedRead(
    "a person's life events",
    lambda viewer, slots: (
        LifeEvent.objects.filter(person_id=slots.id("person"))
        .visible_to(viewer)
        .select_related("place", "organization")
        .order_by("date_earliest", "id")
    ),
)


def life_events_for(*, person: Person, viewer: Viewer) -> list[LifeEvent]:
    """The person's life events the viewer may see, earliest first, with their places and
    organizations."""
    events = _LIFE_EVENTS.run(viewer=viewer, person=person.pk)
    for event in events:
        event.person = person
    return events


# --- merge candidates -----------------------------------------------------------------------

#: A block of names larger than this says nothing (a first name half the catalogue shares):
#: its pairs are not compared for likeness.
_SIMILAR_BLOCK_LIMIT = 1500
#: How alike two whole names must be (rapidfuzz ratio, 0–100) to count as evidence.
SIMILAR_NAMES = 88


@dataclass(frozen=True)
class MergeCandidate:
    """Two people who may be one, the one to keep first, with what suggests it."""

    keep: Person
    merged: Person
    score: float
    evidence: tuple[str, ...]


def _name_tokens(folded: str) -> frozenset[str]:
    """The words of a name; a possessive (“Ana's mother”) is not a word of its own."""
    return frozenset(re.findall(r"\w+", re.sub(r"['’]s\b", "", folded)))


def _contained(small: frozenset[str], large: frozenset[str]) -> bool:
    """Every word of ``small`` is a word of ``large`` (an initial stands for a word it
    begins), and ``large`` says more."""
    if len(small) >= len(large):
        return False
    return all(
        word in large or (len(word) == 1 and any(other.startswith(word) for other in large))
        for word in small
    )


#: A piece of evidence before it is put into words: its message and the message's values
#: (translated only for the pairs shown, not for the thousands compared).
Evidence = tuple[str, dict[str, Any]]
SAME_NAME = gettext_noop("same name: %(name)s")
PART_OF = gettext_noop("“%(short)s” is part of “%(long)s”")
ALIKE = gettext_noop("names alike: “%(a)s” and “%(b)s” (%(score)d%%)")
SAME_ROLE = gettext_noop("same role: %(roles)s")
SAME_PLACE = gettext_noop("same place: %(places)s")
SAME_TIE = gettext_noop("tied to the same: %(names)s")


@dataclass
class _Pair:
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)


def merge_candidates(*, viewer: Viewer, limit: int = 50) -> list[MergeCandidate]:
    """Pairs of people the viewer may see who may be one person, best first, each with its
    evidence: the same name, one name inside the other (“Sophia” and “Sophia Petrova”,
    “Petrov” and “Viktor Petrov”), names alike; then a shared role, place or tie adds to a
    pair found by its names. Pairs staff kept apart are never proposed.

    Names are compared within blocks (people sharing a word, names sharing the start of their
    last word), never all against all: ten thousand people take well under a second."""
    people = Person.objects.visible_to(viewer)
    display = dict(people.values_list("pk", "display_name"))
    if len(display) < 2:
        return []
    names: list[tuple[int, str, str, frozenset[str]]] = []  # person, name, folded, words
    seen: set[tuple[int, str]] = set()
    variants = PersonName.objects.filter(person__in=people).values_list("person_id", "name")
    for pk, name in [*display.items(), *variants]:
        folded = fold(name)
        if (pk, folded) in seen or not folded:
            continue
        seen.add((pk, folded))
        names.append((pk, name, folded, _name_tokens(folded)))
    by_word: dict[str, list[int]] = defaultdict(list)  # word -> indexes into names
    for index, (_pk, _name, _folded, words) in enumerate(names):
        for word in words:
            by_word[word].append(index)
    pairs: dict[tuple[int, int], _Pair] = defaultdict(_Pair)

    def note(a: int, b: int, score: float, evidence: Evidence) -> None:
        pair = pairs[(min(a, b), max(a, b))]
        if evidence in pair.evidence:
            return
        # The same kind of evidence in another script or variant is shown, not counted again.
        if all(message != evidence[0] for message, _values in pair.evidence):
            pair.score += score
        pair.evidence.append(evidence)

    # The same name, or one inside the other: look only among names sharing the rarest word.
    for pk, name, folded, words in names:
        long_words = [word for word in words if len(word) > 1]
        if not long_words:
            continue
        rarest = min(long_words, key=lambda word: len(by_word[word]))
        for index in by_word[rarest]:
            other_pk, other_name, other_folded, other_words = names[index]
            if other_pk == pk:
                continue
            if other_folded == folded:
                if pk < other_pk:
                    note(pk, other_pk, 0.6, (SAME_NAME, {"name": name}))
            elif _contained(words, other_words):
                note(
                    pk,
                    other_pk,
                    0.4,
                    (PART_OF, {"short": name, "long": other_name}),
                )
    # Names alike (a spelling, a transliteration): within blocks by the start of the last word.
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, (_pk, _name, folded, _words) in enumerate(names):
        blocks[folded.split()[-1][:3]].append(index)
    for members in blocks.values():
        if len(members) < 2 or len(members) > _SIMILAR_BLOCK_LIMIT:
            continue
        texts = [names[index][2] for index in members]
        for i, text in enumerate(texts[:-1]):
            for _match, score, j in process.extract(
                text,
                texts[i + 1 :],
                scorer=fuzz.ratio,
                score_cutoff=SIMILAR_NAMES,
                limit=None,
            ):
                first, second = names[members[i]], names[members[i + 1 + j]]
                if first[0] == second[0] or first[2] == second[2]:
                    continue
                note(
                    first[0],
                    second[0],
                    0.5 * score / 100,
                    (ALIKE, {"a": first[1], "b": second[1], "score": round(score)}),
                )
    if not pairs:
        return []
    # Pairs kept apart are few (staff decide each): all of them, rather than thousands of ids.
    for key in PersonDistinction.objects.values_list("first_id", "second_id"):
        pairs.pop(key, None)
    _add_shared_evidence(pairs, people=people)
    best = sorted(pairs.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    wanted = {pk for key, _pair in best for pk in key}
    loaded = people.select_related("birth_place").prefetch_related("roles").in_bulk(wanted)
    candidates = []
    worded = _evidence_words([pair for _key, pair in best])
    for ((a, b), pair), evidence in zip(best, worded, strict=True):
        one, other = loaded[a], loaded[b]
        keep, merged = (
            (one, other)
            if (len(one.display_name), -one.pk) >= (len(other.display_name), -other.pk)
            else (other, one)
        )
        candidates.append(
            MergeCandidate(
                keep=keep,
                merged=merged,
                score=round(pair.score, 2),
                evidence=evidence,
            )
        )
    return candidates


def _add_shared_evidence(pairs: dict[tuple[int, int], _Pair], *, people: QuerySet[Person]) -> None:
    """A shared role, place or tie, for pairs already found by their names (a few queries
    for all of them)."""
    # When the pairs are many, their people are asked for as a subquery, not thousands of ids.
    wanted = {pk for key in pairs for pk in key}
    ids: Any = wanted if len(wanted) <= 500 else people.values("pk")
    roles: dict[int, set[str]] = defaultdict(set)
    for pk, role in Person.roles.through.objects.filter(person_id__in=ids).values_list(
        "person_id", "role__code"
    ):
        roles[pk].add(role)
    places: dict[int, set[int]] = defaultdict(set)
    for pk, birth, death in Person.all_objects.filter(pk__in=ids).values_list(
        "pk", "birth_place_id", "death_place_id"
    ):
        places[pk] |= {place for place in (birth, death) if place is not None}
    for pk, place in LifeEvent.objects.filter(person_id__in=ids, place__isnull=False).values_list(
        "person_id", "place_id"
    ):
        places[pk].add(place)
    ties: dict[int, set[tuple[str, int]]] = defaultdict(set)
    between: set[tuple[int, int]] = set()
    for person_id, other_id, organization_id in Relationship.objects.filter(
        Q(person_id__in=ids) | Q(other_person_id__in=ids)
    ).values_list("person_id", "other_person_id", "organization_id"):
        if other_id is not None:
            ties[person_id].add(("person", other_id))
            ties[other_id].add(("person", person_id))
            between.add((min(person_id, other_id), max(person_id, other_id)))
        else:
            ties[person_id].add(("organization", organization_id))
    for key, pair in pairs.items():
        a, b = key
        shared_roles = roles[a] & roles[b]
        if shared_roles:
            pair.score += 0.15
            pair.evidence.append((SAME_ROLE, {"roles": shared_roles}))
        shared_places = places[a] & places[b]
        if shared_places:
            pair.score += 0.15
            pair.evidence.append((SAME_PLACE, {"places": shared_places}))
        shared_ties = ties[a] & ties[b]
        if shared_ties:
            pair.score += 0.15
            pair.evidence.append((SAME_TIE, {"names": shared_ties}))
    # A tie recorded between the two says they are two people (a mother and her daughter).
    for key in between:
        pairs.pop(key, None)


def _evidence_words(pairs: list[_Pair]) -> list[tuple[str, ...]]:
    """The evidence of the pairs shown, in words: roles, places and ties named (a query
    for each kind, whatever the number of pairs)."""
    place_ids: set[int] = set()
    ends: set[tuple[str, int]] = set()
    for pair in pairs:
        for message, values in pair.evidence:
            if message == SAME_PLACE:
                place_ids |= values["places"]
            elif message == SAME_TIE:
                ends |= values["names"]
    places = {place.pk: str(place) for place in Place.objects.filter(pk__in=place_ids)}
    names = {
        **{
            ("person", pk): name
            for pk, name in Person.all_objects.filter(
                pk__in=[pk for kind, pk in ends if kind == "person"]
            ).values_list("pk", "display_name")
        },
        **{
            ("organization", pk): name
            for pk, name in Organization.objects.filter(
                pk__in=[pk for kind, pk in ends if kind == "organization"]
            ).values_list("pk", "name")
        },
    }
    role_labels = dict(Role.Code.choices)
    worded = []
    for pair in pairs:
        words = []
        for message, values in pair.evidence:
            if message == SAME_ROLE:
                values = {
                    "roles": ", ".join(
                        sorted(str(role_labels.get(role, role)) for role in values["roles"])
                    )
                }
            elif message == SAME_PLACE:
                values = {"places": ", ".join(sorted(places[pk] for pk in values["places"]))}
            elif message == SAME_TIE:
                values = {"names": ", ".join(sorted(names[end] for end in values["names"]))}
            words.append(gettext(message) % values)
        worded.append(tuple(words))
    return worded


def person_merge_get(*, pk: int) -> PersonMerge:
    merge: PersonMerge = get_object_or_404(
        PersonMerge.objects.select_related("keep", "merged", "merged_by", "undone_by"), pk=pk
    )
    return merge


def person_merges_recent(*, limit: int = 20) -> list[PersonMerge]:
    return list(
        PersonMerge.objects.select_related("keep", "merged", "merged_by", "undone_by").order_by(
            "-created_at", "-id"
        )[:limit]
    )


def person_merged_into(*, slug: str, viewer: Viewer) -> Person | None:
    """Where the page of a person merged away now lives: the kept person, if the viewer may
    see them and may have seen the merged one (for the public: both public)."""
    merge = (
        PersonMerge.objects.filter(
            merged__slug=slug, merged__deleted_at__isnull=False, undone_at__isnull=True
        )
        .select_related("merged")
        .order_by("-created_at", "-id")
        .first()
    )
    if merge is None:
        return None
    if not (merge.merged.is_public or can_see_private(viewer)):
        return None
    kept: Person | None = Person.objects.visible_to(viewer).filter(pk=merge.keep_id).first()
    if kept is None:
        # The kept person may since have been merged on again.
        return person_merged_into(slug=Person.all_objects.get(pk=merge.keep_id).slug, viewer=viewer)
    return kept


@dataclass(frozen=True)
class MergeSide:
    """One of two people on the merge screen: their names and roles, and how many records of
    each kind point at them (all of which a merge moves)."""

    names: list[str]
    roles: list[str]
    counts: list[tuple[str, int]]
    citations: int


def person_for_merging(*, person: Person) -> MergeSide:
    counts: dict[str, int] = defaultdict(int)
    for link in person_links():
        if link.model is PersonName or link.model is Person.roles.through:
            continue
        found = link.rows(person).count()
        if found:
            counts[link.label] += found
    person_type = ContentType.objects.get_for_model(Person)
    citations = sum(
        model._base_manager.filter(
            **{generic.ct_field: person_type, generic.fk_field: person.pk}
        ).count()
        for model, generic in generic_links()
    )
    return MergeSide(
        names=list(person.names.order_by("name").values_list("name", flat=True)),
        roles=[str(role) for role in person.roles.all()],
        counts=sorted(counts.items()),
        citations=citations,
    )


def person_merge_counts(*, merge: PersonMerge) -> list[tuple[str, int]]:
    """What a merge moved, in words, with how many of each."""
    totals: dict[str, int] = defaultdict(int)
    for key, ids in merge.moved.items():
        label, field_name = key.rsplit(".", 1)
        totals[PersonLink(model=django_apps.get_model(label), field=field_name).label] += len(ids)
    for key, triples in merge.repointed.items():
        model = django_apps.get_model(key.rsplit(".", 1)[0])
        totals[str(model._meta.verbose_name_plural)] += len(triples)
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
