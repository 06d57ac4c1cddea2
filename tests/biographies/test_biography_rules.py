"""Each rule of the biography reader on the sentences it is written for."""

from __future__ import annotations

import pytest

from vernissage.biographies import places, rules
from vernissage.biographies.reader import read_text


def _mentions(text: str) -> tuple[list[rules.Sentence], list[rules.Mention]]:
    sentences = rules.split_sentences(text)
    return sentences, rules.find_mentions(text, sentences)


def test_split_sentences_keeps_offsets_and_stops_at_paragraphs() -> None:
    text = 'He said "Yes." Then he left\n\nA new paragraph.'
    sentences = rules.split_sentences(text)
    assert [s.text for s in sentences] == ['He said "Yes."', "Then he left", "A new paragraph."]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        pytest.param("Moscow School of Arts", "school", id="school_case"),
        pytest.param("Galería Hilario Galguera", "venue", id="venue_with_accent_case"),
        pytest.param("Louvre", "venue", id="museum_without_venue_word_case"),
        pytest.param("Red Square", "landmark", id="landmark_case"),
        pytest.param("Russia", "country", id="country_case"),
        pytest.param("Siberia", "region", id="region_case"),
        pytest.param("Europe", "area", id="continent_case"),
        pytest.param("Berlin", "city", id="city_case"),
        pytest.param("Sophia Petrova", "name", id="person_name_case"),
    ],
)
def test_classify_name(name: str, kind: str) -> None:
    assert rules.classify_name(name, in_context=False) == kind


def test_city_words_are_cities_only_after_a_preposition() -> None:
    assert places.city_of("Sofia", in_context=False) is None
    assert places.city_of("Sofia", in_context=True) is not None
    assert places.city_of("Of", in_context=True) is None


def test_catalogue_places_count_as_places() -> None:
    assert places.city_of("Smallvillage", in_context=False) is None
    assert places.city_of("Smallvillage", in_context=False, catalogue={"smallvillage"})


def test_name_runs_join_particles_and_split_lists() -> None:
    text = "She admired Vincent van Gogh, Rembrandt and Monet at the Museum of Modern Art."
    _, mentions = _mentions(text)
    assert [(m.text, m.kind) for m in mentions] == [
        ("Vincent van Gogh", "name"),
        ("Rembrandt", "name"),
        ("Monet", "name"),
        ("Museum of Modern Art", "venue"),
    ]


def test_possessive_ends_a_name() -> None:
    _, mentions = _mentions("He photographed street performers in Moscow's Red Square.")
    assert [(m.text, m.kind, m.possessive) for m in mentions] == [
        ("Moscow", "city", True),
        ("Red Square", "landmark", False),
    ]


def test_sentence_initial_common_words_and_demonyms_are_not_names() -> None:
    _, mentions = _mentions(
        "Critics praised the Russian painter Ivan Petrov. Despite this he left."
    )
    assert [m.text for m in mentions] == ["Ivan Petrov"]


def test_quoted_titles_are_not_names() -> None:
    _, mentions = _mentions('She painted "Anna Karenina Sleeping" for Boris Lenz.')
    assert [m.text for m in mentions] == ["Boris Lenz"]


@pytest.mark.parametrize(
    ("text", "name", "role", "tie"),
    [
        pytest.param(
            "He met a young art critic named Sophia Petrova.",
            "Sophia Petrova",
            "critic",
            "",
            id="role_named_case",
        ),
        pytest.param(
            "He met the elusive artist, Viktor Petrov, there.",
            "Viktor Petrov",
            "artist",
            "",
            id="role_comma_case",
        ),
        pytest.param(
            "Her mother, the weaver Rosa Méndez, taught her.",
            "Rosa Méndez",
            "weaver",
            "parent",
            id="kin_role_case",
        ),
        pytest.param(
            "She married Jonas Weber, a filmmaker, in 2001.",
            "Jonas Weber",
            "filmmaker",
            "",
            id="role_after_case",
        ),
        pytest.param(
            "He met a young woman named Sophia.", "Sophia", "", "", id="named_without_role_case"
        ),
        pytest.param(
            "Her professor was the installation artist Peter Kogler.",
            "Peter Kogler",
            "installation artist",
            "teacher",
            id="kin_was_role_case",
        ),
    ],
)
def test_role_introduction(text: str, name: str, role: str, tie: str) -> None:
    _, mentions = _mentions(text)
    people = rules.find_people(mentions)
    assert [(p.name, p.role) for p in people] == [(name, role)]
    assert people[0].first.tie == tie


def test_list_of_masters_takes_the_plural_role() -> None:
    _, mentions = _mentions("He saw works of masters like Rembrandt and Monet.")
    people = rules.find_people(mentions)
    assert [(p.name, p.role) for p in people] == [("Rembrandt", "artist"), ("Monet", "artist")]


def test_single_unintroduced_word_is_no_person_and_a_title_after_the_is_no_person() -> None:
    _, mentions = _mentions("He admired the Mona Lisa and Tolstoy.")
    assert rules.find_people(mentions) == []


def test_surname_alone_names_the_person_already_named() -> None:
    text = "Adaeze Okonkwo is a sculptor. Okonkwo was born in Enugu."
    _, mentions = _mentions(text)
    people = rules.find_people(mentions)
    assert [(p.name, len(p.mentions)) for p in people] == [("Adaeze Okonkwo", 2)]


def test_subject_is_the_person_named_most() -> None:
    reading = read_text(
        "The critic Maria Horvath wrote about Oksana Marchenko. Marchenko was born in Kharkiv. "
        "Marchenko lives in Vienna."
    )
    assert reading.subject == "Oksana Marchenko"
    assert reading.people == {"Maria Horvath": "critic"}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        pytest.param(
            "As a renowned photographer, Romy Kalmurzaev travelled.",
            ["photographer"],
            id="as_a_case",
        ),
        pytest.param(
            "Ana Lutz is a painter, sculptor and printmaker.",
            ["painter", "sculptor", "printmaker"],
            id="list_case",
        ),
        pytest.param(
            "Jan Brod loved Prague. His paintings are bright.", ["painter"], id="his_works_case"
        ),
        pytest.param(
            "Kenji Harada lived in Kyoto. Harada's ceramics are fired in wood.",
            ["ceramicist"],
            id="possessive_works_case",
        ),
        pytest.param(
            "Lea Stern is a painter; her students include the filmmaker Daria Koval.",
            ["painter"],
            id="other_persons_role_case",
        ),
    ],
)
def test_subject_roles(text: str, roles: list[str]) -> None:
    assert read_text(text).roles == roles


@pytest.mark.parametrize(
    ("text", "place", "year"),
    [
        pytest.param(
            "Ingrid Lind was born in 1939 in Umeå, the daughter of a forester.",
            "Umeå",
            "1939",
            id="born_case",
        ),
        pytest.param(
            "Oksana Marchenko (born 1986 in Kharkiv) is an artist.",
            "Kharkiv",
            "1986",
            id="parenthesis_case",
        ),
        pytest.param(
            "Camille Moreau (b. 1984, Marseille) is a photographer.",
            "Marseille",
            "1984",
            id="b_dot_case",
        ),
        pytest.param("Lucía Castillo grew up in Puebla.", "Puebla", "", id="grew_up_case"),
        pytest.param(
            "Ana Kalmurzaev was born to a family of modest means in 1990.",
            "",
            "1990",
            id="no_place_case",
        ),
        pytest.param(
            "Ana Lutz lives in Graz. Her mother was born in Kyiv.", "", "", id="someone_else_case"
        ),
    ],
)
def test_birth(text: str, place: str, year: str) -> None:
    reading = read_text(text)
    assert (reading.birthplace, reading.birth_year) == (place, year)


def test_schools_attended_not_taught_at() -> None:
    reading = read_text(
        "Oksana Marchenko studied at the Academy of Fine Arts Vienna. Marchenko has taught at "
        "the University of Applied Arts Vienna since 2020."
    )
    assert reading.schools == ["Academy of Fine Arts Vienna"]


def test_places_exclude_countries_venues_and_continents() -> None:
    reading = read_text(
        "Romy Kalmurzaev was born in Moscow, Russia. Romy Kalmurzaev toured Europe and showed "
        "at the Galerie Lumière in Paris and in rural Siberia."
    )
    assert reading.places == ["Moscow", "Paris", "Siberia"]
    assert reading.venues == ["Galerie Lumière"]


def test_unknown_place_is_kept_and_flagged() -> None:
    reading = read_text("Ana Lutz grew up in Xylophonia and later moved to Berlin.")
    assert reading.places == ["Xylophonia", "Berlin"]
    fact = next(f for f in reading.facts if f.field == "places" and f.value == "Xylophonia")
    assert fact.note == "not in the gazetteer"
    assert fact.confidence < 0.6


def test_unnamed_venue_is_no_venue() -> None:
    reading = read_text(
        "Romy Kalmurzaev received an invitation to showcase his work at a prestigious gallery "
        "in Paris."
    )
    assert reading.venues == []
    assert reading.invitations == [{"from": "", "place": "Paris"}]


@pytest.mark.parametrize(
    ("text", "invitations"),
    [
        pytest.param(
            "Jacques Kalmurzaev received an invitation from a prominent art collector, Petrov, "
            "to showcase his work at an exhibition in Paris.",
            [{"from": "Petrov", "place": "Paris"}],
            id="from_person_case",
        ),
        pytest.param(
            "In 2015 the Museo de Arte Moderno invited Lucía Castillo to exhibit in Mexico City, "
            "and in 2021 she was invited by the Galería Hilario Galguera to show in Madrid.",
            [
                {"from": "Museo de Arte Moderno", "place": "Mexico City"},
                {"from": "Galería Hilario Galguera", "place": "Madrid"},
            ],
            id="two_in_one_sentence_case",
        ),
        pytest.param("Ana Lutz invited friends to dinner.", [], id="no_show_case"),
    ],
)
def test_invitations(text: str, invitations: list[dict[str, str]]) -> None:
    assert read_text(text).invitations == invitations


@pytest.mark.parametrize(
    ("text", "relationships"),
    [
        pytest.param(
            "Jacques Kalmurzaev met a critic named Sophia Petrova. Their encounter blossomed into "
            "a romance, with Sophia becoming his biggest supporter.",
            {"Sophia Petrova": "partner"},
            id="strongest_of_two_case",
        ),
        pytest.param(
            "Ana Lutz met the artist Viktor Petrov. As they delved deeper, their collaboration "
            "grew.",
            {"Viktor Petrov": "collaborator"},
            id="they_sentence_case",
        ),
        pytest.param(
            "Ana Lutz works in Graz. The collector Hans Baumann commissioned her first "
            "installation, and the critic Maria Horvath wrote about it.",
            {"Hans Baumann": "patron"},
            id="clause_case",
        ),
        pytest.param(
            "Ana Lutz studied sculpture in Lagos under the painter Obiora Udechukwu.",
            {"Obiora Udechukwu": "teacher"},
            id="studied_under_case",
        ),
        pytest.param(
            "In 1999 Ana Lutz married the photographer Tunde Adeyemi.",
            {"Tunde Adeyemi": "spouse"},
            id="married_case",
        ),
    ],
)
def test_ties(text: str, relationships: dict[str, str]) -> None:
    assert read_text(text).relationships == relationships


def test_unnamed_people_are_facts_without_a_name() -> None:
    reading = read_text(
        "Ana Kalmurzaev was a painter, much to the chagrin of her strict but lovable mother, "
        "who dreamed of her daughter becoming a businesswoman."
    )
    unnamed = [f.value for f in reading.facts if f.field == "unnamed_people"]
    assert unnamed == ["mother"]
    assert reading.people == {}


def test_media_facts_carry_aat_labels() -> None:
    reading = read_text("Ana Lutz is a painter whose tapestries hang in Graz.")
    media = sorted(f.value for f in reading.facts if f.field == "media")
    assert media == ["paintings (visual works)", "tapestries"]


def test_every_fact_cites_its_sentence_and_span() -> None:
    reading = read_text(
        "Ana Lutz (born 1970) is a painter. She was born in Graz, where she met the critic "
        "Eva Winkler."
    )
    assert reading.facts
    for fact in reading.facts:
        assert fact.sentence in reading.text
        assert reading.text[fact.start : fact.end] in fact.sentence
        assert 0 < fact.confidence <= 1
