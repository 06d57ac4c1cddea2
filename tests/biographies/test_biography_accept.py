"""Accepting a reviewed reading: records written through the people services, each citing
its sentence; nothing written when a record changed meanwhile."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from tests.factories.people import PersonFactory

from vernissage.biographies.models import Biography, Citation
from vernissage.biographies.selectors import person_candidates
from vernissage.biographies.services import Decision, biography_accept, biography_read
from vernissage.exhibitions.models import Invitation
from vernissage.people.models import LifeEvent, Organization, Person, Place, Relationship

SEEDS = Path(__file__).resolve().parents[2] / "src" / "vernissage" / "demo" / "seeds"


def _all(biography: Biography) -> list[Decision]:
    return [
        Decision(index, True, fact["value"])
        for index, fact in enumerate(biography.reading["facts"])
    ]


def _jacques_read() -> Person:
    """Jacques, his ties, places and citations: his story read and every fact accepted."""
    biography = biography_read(
        title="The story of Jacques",
        raw=(SEEDS / "000_48d877812e2722d4.txt").read_text(),
        acting_user=None,
    )
    return biography_accept(
        biography=biography, decisions=_all(biography), acting_user=None
    ).subject


def test_accepting_every_fact_writes_the_person_ties_places_and_citations(db: Any) -> None:
    biography = biography_read(
        title="Jacques", raw=(SEEDS / "000_48d877812e2722d4.txt").read_text(), acting_user=None
    )
    accepted = biography_accept(biography=biography, decisions=_all(biography), acting_user=None)
    jacques = accepted.subject
    assert jacques.display_name == "Jacques Kalmurzaev"
    assert [role.code for role in jacques.roles.all()] == ["artist"]
    sophia = Person.objects.get(display_name="Sophia Petrova")
    assert [role.code for role in sophia.roles.all()] == ["critic"]
    assert Relationship.objects.filter(person=jacques, other_person=sophia, kind="partner").exists()
    petrov = Person.objects.get(display_name="Petrov")
    assert Relationship.objects.filter(person=petrov, other_person=jacques, kind="patron").exists()
    school = Organization.objects.get(name="Moscow School of Arts", kind="school")
    assert Relationship.objects.filter(person=jacques, organization=school).exists()
    assert Organization.objects.get(name="Louvre").kind == "museum"
    assert sorted(
        LifeEvent.objects.filter(person=jacques).values_list("place__name", flat=True)
    ) == ["Moscow", "Paris"]
    citation = Citation.objects.get(field="relationships", value="Sophia Petrova: partner")
    assert citation.sentence.startswith("Their chance encounter blossomed into a romance")
    assert citation.record.kind == "partner"
    assert Citation.objects.filter(biography=biography).count() == accepted.citations


def test_rejected_facts_are_not_written(db: Any) -> None:
    biography = biography_read(
        title="Romy", raw=(SEEDS / "001_56202562e3303e93.txt").read_text(), acting_user=None
    )
    decisions = [
        Decision(i, fact["field"] in {"subject", "birthplace"}, fact["value"])
        for i, fact in enumerate(biography.reading["facts"])
    ]
    romy = biography_accept(biography=biography, decisions=decisions, acting_user=None).subject
    assert romy.birth_place is not None
    assert romy.birth_place.name == "Moscow"
    assert not Person.objects.filter(display_name="Sophia").exists()
    assert not Place.objects.filter(name="Siberia").exists()


def test_a_record_changed_meanwhile_is_told_and_nothing_is_written(db: Any) -> None:
    existing = PersonFactory(display_name="Romy Kalmurzaev")
    biography = biography_read(
        title="Romy", raw=(SEEDS / "001_56202562e3303e93.txt").read_text(), acting_user=None
    )
    candidate = person_candidates(name="Romy Kalmurzaev")[0]
    assert candidate.record == existing
    assert "same name" in candidate.evidence
    decisions = _all(biography)
    decisions[0] = Decision(0, True, "Romy Kalmurzaev", existing.pk, candidate.version)
    assert biography.reading["facts"][0]["field"] == "subject"
    existing.biography = "Changed by someone else."
    existing.save()
    with pytest.raises(ValidationError, match="was changed or removed since this review"):
        biography_accept(biography=biography, decisions=decisions, acting_user=None)
    assert Citation.objects.count() == 0
    assert not Place.objects.filter(name="Siberia").exists()
    assert Person.objects.count() == 1


def test_a_birthplace_is_never_overwritten(db: Any) -> None:
    berlin = Place.objects.create(name="Berlin")
    existing = PersonFactory(display_name="Romy Kalmurzaev", birth_place=berlin)
    biography = biography_read(
        title="Romy", raw=(SEEDS / "001_56202562e3303e93.txt").read_text(), acting_user=None
    )
    decisions = _all(biography)
    decisions[0] = Decision(0, True, "Romy Kalmurzaev", existing.pk, "")
    with pytest.raises(ValidationError, match="nothing was overwritten"):
        biography_accept(biography=biography, decisions=decisions, acting_user=None)
    existing.refresh_from_db()
    assert existing.birth_place == berlin


def test_a_refused_text_is_a_validation_error(db: Any) -> None:
    with pytest.raises(ValidationError, match="in French"):
        biography_read(
            title="",
            raw="Romy Kalmurzaev est né à Moscou. Il est photographe et il a une galerie à Paris.",
            acting_user=None,
        )
    assert Biography.objects.count() == 0


def test_the_public_page_shows_each_cited_fact_with_its_sentence(db: Any, client: Any) -> None:
    biography = biography_read(
        title="The story of Jacques",
        raw=(SEEDS / "000_48d877812e2722d4.txt").read_text(),
        acting_user=None,
    )
    decisions = _all(biography)
    jacques = biography_accept(biography=biography, decisions=decisions, acting_user=None).subject
    private_tie = Relationship.objects.get(kind="patron")
    private_tie.is_public = False
    private_tie.save()
    page = client.get(jacques.get_absolute_url()).content.decode()
    assert '<h2 id="sources">Sources</h2>' in page
    assert (
        "Sophia Petrova: partner</span>: “Their chance encounter blossomed into a romance"
    ) in page
    assert "<cite>The story of Jacques</cite>" in page
    assert "Petrov: patron" not in page  # the tie is private: so is its source


def test_a_sentence_that_names_a_private_person_is_withheld_from_the_public(
    db: Any, client: Any
) -> None:
    from vernissage.core.services import staff_roles_set
    from vernissage.people.models import Person as PersonModel

    jacques = _jacques_read()
    petrov = PersonModel.objects.get(display_name="Petrov")
    petrov.is_public = False
    petrov.save()
    named = [
        citation.sentence
        for citation in Citation.objects.filter(biography__title="The story of Jacques")
        if "Petrov" in citation.sentence
    ]
    assert named  # the story names him

    public = client.get(jacques.get_absolute_url()).content.decode()
    for sentence in named:
        assert sentence not in public
    assert re.search(r"\bPetrov\b", public) is None  # (Petrova is someone else)
    assert "the sentence is not shown: it also names a record that is not public" in public
    assert "Sophia Petrova: partner</span>: “Their chance encounter" in public

    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username="registrar", is_staff=True)
    staff_roles_set(user=user, roles=["Registrar"], acting_user=None)
    client.force_login(user)
    staff = client.get(jacques.get_absolute_url()).content.decode()
    assert any(sentence in staff for sentence in named)
    assert "the sentence is not shown" not in staff


def test_an_accepted_invitation_is_kept_as_a_draft_from_who_invited(db: Any) -> None:
    biography = biography_read(
        title="Jacques", raw=(SEEDS / "000_48d877812e2722d4.txt").read_text(), acting_user=None
    )
    accepted = biography_accept(biography=biography, decisions=_all(biography), acting_user=None)

    invitation = Invitation.objects.get(artist=accepted.subject)
    assert invitation.from_person == Person.objects.get(display_name="Petrov")
    assert invitation.proposal == "An exhibition in Paris"
    assert invitation.state == Invitation.State.DRAFT  # nothing sent, no answer invented
    assert invitation.source == "Jacques"
    citation = Citation.objects.get(field="invitations")
    assert citation.value == "Petrov -> Paris"
    assert citation.record == invitation


def test_an_invitation_whose_inviter_is_rejected_writes_nothing(db: Any) -> None:
    biography = biography_read(
        title="Jacques", raw=(SEEDS / "000_48d877812e2722d4.txt").read_text(), acting_user=None
    )
    decisions = [
        Decision(i, not fact["value"].startswith("Petrov"), fact["value"])
        for i, fact in enumerate(biography.reading["facts"])
    ]
    invitation = next(d for d, f in zip(decisions, biography.reading["facts"], strict=True)
                      if f["field"] == "invitations")  # fmt: skip
    decisions[invitation.index] = Decision(invitation.index, True, "Petrov -> Paris")
    people_before = Person.objects.count()

    with pytest.raises(ValidationError, match="names Petrov: accept them too"):
        biography_accept(biography=biography, decisions=decisions, acting_user=None)

    assert Person.objects.count() == people_before
    assert not Invitation.objects.exists()
    assert not Citation.objects.exists()


def test_accepted_media_are_added_to_the_persons_media_in_the_catalogues_words(db: Any) -> None:
    biography = biography_read(
        title="Ines",
        raw="Ines Duarte is a Portuguese painter. Her photographs of Lisbon hang in Porto.",
        acting_user=None,
    )
    media = [fact["value"] for fact in biography.reading["facts"] if fact["field"] == "media"]
    accepted = biography_accept(biography=biography, decisions=_all(biography), acting_user=None)

    assert media == ["paintings (visual works)", "photographs"]
    assert sorted(term.label for term in accepted.subject.media.all()) == [
        "painting",
        "photograph",
    ]
    assert Citation.objects.filter(field="media", object_id=accepted.subject.pk).count() == 2


def test_a_persons_sources_are_those_of_their_records_and_of_their_biographies_places(
    db: Any,
) -> None:
    """``sources_for`` asks for the places and organizations of the biographies that cite
    the person only when there are such biographies: the same citations, in the same order,
    as the one query it replaced (written here as the reference)."""
    from django.db.models import F, Q

    from vernissage.biographies.selectors import sources_for
    from vernissage.people.selectors import life_events_for, relationships_for

    jacques = _jacques_read()
    other = biography_read(
        title="Another story",
        raw="Romy Kalmurzaev was born in Berlin. He is a photographer.",
        acting_user=None,
    )
    biography_accept(biography=other, decisions=_all(other), acting_user=None)
    ties = relationships_for(person=jacques, viewer=None)
    events = list(life_events_for(person=jacques, viewer=None))

    def of(model: str) -> Q:
        return Q(content_type__app_label="people", content_type__model=model)

    biographies = Citation.objects.filter(of("person"), object_id=jacques.pk).values("biography")
    expected = list(
        Citation.objects.filter(
            (of("person") & Q(object_id=jacques.pk))
            | (of("relationship") & Q(object_id__in=[tie.pk for tie in ties]))
            | (of("lifeevent") & Q(object_id__in=[event.pk for event in events]))
            | (of("place") & Q(biography__in=biographies))
            | (
                of("organization")
                & Q(object_id__in=Organization.objects.filter(is_public=True).values("pk"))
                & Q(biography__in=biographies)
            )
        )
        .order_by(F("biography__created_at").asc(nulls_last=True), "biography", "start", "pk")
        .values_list("pk", flat=True)
    )
    found = sources_for(person=jacques, ties=ties, events=events, viewer=None)
    assert [citation.pk for citation in found] == expected
    places = {citation.value for citation in found if citation.content_type.model == "place"}
    assert "Moscow" in places
    assert "Berlin" not in places  # cited by a biography that does not cite Jacques
    assert Citation.objects.filter(biography=other, content_type__model="place").exists()
