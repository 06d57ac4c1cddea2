"""The demo world's facts with their sources: each a sentence of a story, at its offsets, or an
addition of the demo that says so; shown as footnotes on the public pages."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from tests.factories.people import PersonFactory

from vernissage.biographies.models import Biography, Citation
from vernissage.biographies.sentences import split_sentences
from vernissage.biographies.services import Source, citations_add
from vernissage.demo.loader import WorldSummary, seed_texts, world_data
from vernissage.demo.sources import (
    NotInTheStories,
    cite_locate,
    cites_by_sentence,
    record_facts,
    story_sentences,
    story_sentences_split,
)
from vernissage.exhibitions.models import Exhibition
from vernissage.people.models import Organization, Person
from vernissage.works.models import Artwork


def _sections(data: dict[str, Any]) -> list[str]:
    return [name for name, value in data.items() if isinstance(value, list)]


def test_every_fact_of_the_world_file_cites_a_story_sentence_or_is_a_demo_addition() -> None:
    stories = seed_texts()
    sentences = {name: split_sentences(text) for name, text in stories.items()}
    data = world_data()
    facts = 0
    for section in _sections(data):
        for record in data[section]:
            # The user's brief is not a source: what only it says is a demo addition.
            assert "brief" not in record, (section, record)
            for fact in record_facts(section, record):
                facts += 1
                assert fact.cites or fact.demo.strip(), (section, fact, record)
                for cite in fact.cites:
                    found = cite_locate(cite, stories=stories, sentences=sentences)
                    assert stories[found.story][found.start : found.end] == cite
                    assert cite in found.sentence
            # A birthplace is a fact of its own, with its own source.
            if section == "people" and record.get("birth_place"):
                assert [f for f in record.get("facts", []) if f["field"] == "birthplace"], record
            if section == "events" and record.get("kind") == "born" and record.get("place"):
                assert [f for f in record.get("facts", []) if f["field"] == "place"], record
    assert facts > 100


def test_jacques_and_anas_birthplaces_are_demo_additions_and_romys_is_cited() -> None:
    people = {record["key"]: record for record in world_data()["people"]}

    def birthplace(key: str) -> dict[str, Any]:
        (fact,) = [f for f in people[key]["facts"] if f["field"] == "birthplace"]
        return fact

    for key in ("jacques", "ana"):
        assert birthplace(key)["value"] == "Moscow"
        assert not birthplace(key).get("cites")
        assert "for the demo" in birthplace(key)["demo"]
    assert birthplace("romy")["cites"] == ["Born in the bustling streets of Moscow, Russia"]


def test_the_kept_sentences_are_the_readers_sentences_of_the_stories() -> None:
    """The loader cuts the stories at kept offsets; they must be the splitter's. When this
    fails, rewrite them: ``uv run python -m vernissage.demo.sources``."""
    stories = seed_texts()
    assert {
        name: [[sentence.start, sentence.end] for sentence in sentences]
        for name, sentences in story_sentences(stories).items()
    } == story_sentences_split(stories)
    for name, sentences in story_sentences(stories).items():
        assert [s.text for s in sentences] == [s.text for s in split_sentences(stories[name])]


def test_a_cite_must_lie_in_one_sentence_of_one_story() -> None:
    stories = seed_texts()
    sentences = {name: split_sentences(text) for name, text in stories.items()}
    with pytest.raises(NotInTheStories, match="0 times"):
        cite_locate("born in Paris", stories=stories, sentences=sentences)
    with pytest.raises(NotInTheStories, match="more than one sentence"):
        cite_locate(
            "immersed himself in the city's vibrant art scene. He attended",
            stories=stories,
            sentences=sentences,
        )
    with pytest.raises(NotInTheStories, match="times, not once"):
        cite_locate("Kalmurzaev", stories=stories, sentences=sentences)


def test_the_stories_are_biographies_and_each_citation_is_at_its_offsets(
    world: WorldSummary,
) -> None:
    titles = world_data()["meta"]["titles"]
    stories = seed_texts()
    assert sorted(Biography.objects.values_list("title", flat=True)) == sorted(titles.values())
    for biography in Biography.objects.all():
        assert biography.text in stories.values()
        sentences = {sentence.text for sentence in split_sentences(biography.text)}
        citations = Citation.objects.filter(biography=biography)
        assert citations.exists()
        for citation in citations:
            assert citation.kind == Citation.Kind.READ
            assert citation.sentence in sentences  # the reader's sentence, whole
            words = biography.text[citation.start : citation.end]
            assert words
            assert words in citation.sentence
            # the sentence is in the story at the offsets: it covers the cited words
            at = citation.start - citation.sentence.index(words)
            assert biography.text[at : at + len(citation.sentence)] == citation.sentence

    # Every fact of every record of the file is stored: one citation per cited sentence and
    # one per demo note (a loader that forgot to note its records would fall short).
    data = world_data()
    kept = story_sentences(stories)
    expected = sum(
        len(cites_by_sentence(fact.cites, stories=stories, sentences=kept)) + bool(fact.demo)
        for section in _sections(data)
        for record in data[section]
        for fact in record_facts(section, record)
    )
    assert expected < sum(
        len(fact.cites) + bool(fact.demo)
        for section in _sections(data)
        for record in data[section]
        for fact in record_facts(section, record)
    )  # some facts cite two parts of one sentence: one footnote
    assert Citation.objects.count() == expected
    additions = Citation.objects.filter(kind=Citation.Kind.DEMO_ADDITION)
    assert not additions.filter(biography__isnull=False).exists()
    assert not additions.filter(note="").exists()


def test_jacques_and_anas_birthplaces_are_stored_as_demo_additions(world: WorldSummary) -> None:
    for name in ("Jacques Kalmurzaev", "Ana Kalmurzaev"):
        person = Person.objects.get(display_name=name)
        (birthplace,) = Citation.objects.filter(object_id=person.pk, field="birthplace")
        assert birthplace.content_type.model == "person"
        assert (birthplace.kind, birthplace.value) == (Citation.Kind.DEMO_ADDITION, "Moscow")
        assert birthplace.biography is None
    romy = Person.objects.get(display_name="Romy Kalmurzaev")
    (birthplace,) = Citation.objects.filter(object_id=romy.pk, field="birthplace")
    assert birthplace.kind == Citation.Kind.READ
    assert birthplace.sentence.startswith("Born in the bustling streets of Moscow, Russia")


def _sources(page: str) -> str:
    match = re.search(r'<section aria-labelledby="sources".*?</section>', page, re.S)
    return html.unescape(match.group()) if match else ""


def test_jacques_page_shows_a_story_sentence_and_a_demo_addition(
    world: WorldSummary, client: Client
) -> None:
    jacques = Person.objects.get(display_name="Jacques Kalmurzaev")
    sources = _sources(client.get(jacques.get_absolute_url()).content.decode())
    assert '<h2 id="sources">Sources</h2>' in sources
    sentence = (
        "As he honed his craft at the Moscow School of Arts, Jacques' unique style began to emerge."
    )
    assert f"“{sentence}” <cite>The story of Jacques Kalmurzaev (demo)</cite>" in sources
    assert (
        '<span class="cited">Moscow</span>: <span class="demo-addition">Added for the demo'
        "</span> — No story says where Jacques Kalmurzaev was born"
    ) in sources
    # the press: Sophia Petrova's review, from her story's sentence
    assert (
        '<span class="cited">Bold Visions: Jacques Kalmurzaev in Paris</span>: '
        "“She was enchanted by his work"
    ) in sources
    # the sentence of the collector's invitation names Petrov, a private person
    assert "the sentence is not shown: it also names a record that is not public" in sources


def _private_sentences() -> set[str]:
    """The sentences cited for the people and organizations the public may not see."""
    private_people = Person.all_objects.exclude(pk__in=Person.objects.visible_to(None))
    private_organizations = Organization.objects.filter(is_public=False)
    cited = Citation.objects.filter(kind=Citation.Kind.READ)
    return set(
        cited.filter(
            content_type__model="person", object_id__in=private_people.values("pk")
        ).values_list("sentence", flat=True)
    ) | set(
        cited.filter(
            content_type__model="organization", object_id__in=private_organizations.values("pk")
        ).values_list("sentence", flat=True)
    )


def _private_names() -> list[str]:
    """The names of the private people and organizations, but for a name that is also a word
    of a public person's name ("Sophia", "Petrov"): the story may mean the public person by
    it, and the sentences cited for the private one are checked instead."""
    people = list(Person.all_objects.values_list("display_name", "is_public"))
    organizations = list(Organization.objects.values_list("name", "is_public"))
    public_words = {
        word
        for name in Person.objects.filter(is_public=True).values_list("display_name", flat=True)
        for word in name.split()
    }
    return [
        name for name, public in people + organizations if not public and name not in public_words
    ]


def _assert_names_no_private_record(sources: str, where: str) -> None:
    for sentence in _private_sentences():
        assert sentence not in sources, (where, sentence)
    for private in _private_names():
        assert private not in sources, (where, private)


def test_anonymous_never_reads_a_private_record_in_a_footnote(
    world: WorldSummary, client: Client
) -> None:
    pages = [person.get_absolute_url() for person in Person.objects.filter(is_public=True)]
    pages += [work.get_absolute_url() for work in Artwork.objects.filter(is_public=True)]
    pages += [show.get_absolute_url() for show in Exhibition.objects.filter(is_public=True)]
    assert _private_sentences()
    assert "Hélène Marchand" in _private_names()
    shown = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        sources = _sources(response.content.decode())
        shown += bool(sources)
        _assert_names_no_private_record(sources, url)
    assert shown == len(pages)  # every public page of the demo has its footnotes


def test_staff_who_see_private_records_read_the_withheld_sentence(
    world: WorldSummary, client: Client
) -> None:
    from django.contrib.auth import get_user_model

    from vernissage.core.services import staff_roles_set

    user = get_user_model().objects.create_user(username="registrar", is_staff=True)
    staff_roles_set(user=user, roles=["Registrar"], acting_user=None)
    client.force_login(user)
    jacques = Person.objects.get(display_name="Jacques Kalmurzaev")
    sources = _sources(client.get(jacques.get_absolute_url()).content.decode())
    assert "an invitation from a prominent art collector, Petrov" in sources
    assert "the sentence is not shown" not in sources


def test_work_and_exhibition_pages_show_their_footnotes(
    world: WorldSummary, client: Client
) -> None:
    work = Artwork.objects.get(title="Empty Chair, Winter")
    sources = _sources(client.get(work.get_absolute_url()).content.decode())
    assert "often infused with themes of love, loss, and social justice" in sources
    assert "Added for the demo</span> — Title, subject, date" in sources
    show = Exhibition.objects.get(title="Night Visitors")
    sources = _sources(client.get(show.get_absolute_url()).content.decode())
    assert (
        "Ana Kalmurzaev met the elusive artist, Viktor Petrov, at a gallery opening in Berlin.” "
        "<cite>The story of Ana Kalmurzaev (demo)</cite>"
    ) in sources


def test_a_source_with_neither_sentence_nor_reason_writes_nothing(db: Any) -> None:
    person = PersonFactory()
    with pytest.raises(ValidationError, match="has no source"):
        citations_add(
            sources=[Source(record=person, field="people", value="Nobody", note=" ")],
            acting_user=None,
        )
    biography = Biography.objects.create(title="A text", text="She was born in Lyon.")
    with pytest.raises(ValidationError, match="not in its sentence"):
        citations_add(
            sources=[
                Source(
                    record=person,
                    field="people",
                    value="Nobody",
                    biography=biography,
                    sentence="She was born in Lyon.",
                    start=0,
                    end=40,
                )
            ],
            acting_user=None,
        )
    assert not Citation.objects.exists()


def test_the_database_refuses_a_citation_with_neither_sentence_nor_reason(db: Any) -> None:
    from django.contrib.contenttypes.models import ContentType

    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(
            kind=Citation.Kind.DEMO_ADDITION,
            field="people",
            value="Nobody",
            start=0,
            end=0,
            confidence=1,
            content_type=ContentType.objects.get_for_model(Person),
            object_id=person.pk,
        )
