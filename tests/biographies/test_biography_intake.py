"""What the reader refuses, and how it reads HTML and Markdown."""

from __future__ import annotations

import pytest

from vernissage.biographies.intake import MAX_BYTES, ReadingRefused
from vernissage.biographies.language import language_of
from vernissage.biographies.reader import read_bytes, read_text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "The text is empty.", id="empty_case"),
        pytest.param(b"  \n\n ", "The text is empty.", id="blank_case"),
        pytest.param(
            b"<html><script>x()</script></html>", "The text is empty.", id="only_script_case"
        ),
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            "This is not a text file (it holds binary data).",
            id="binary_case",
        ),
        pytest.param(
            b"Ana Lutz is a painter. " * (5_000_000 // 23),
            "The text is 5.0 MB; the reader takes one biography of at most 1 MB.",
            id="five_megabytes_case",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(data: bytes, message: str) -> None:
    with pytest.raises(ReadingRefused) as refused:
        read_bytes(data)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param(
            "Роми Калмурзаев родился в Москве. Он фотограф, его работы показывали в Париже.",
            "Russian",
            id="russian_case",
        ),
        pytest.param(
            "Romy Kalmurzaev est né à Moscou. Il est photographe et ses œuvres ont été montrées "
            "dans une galerie à Paris, où il a rencontré une jeune femme.",
            "French",
            id="french_case",
        ),
        pytest.param(
            "Romy Kalmurzaev wurde in Moskau geboren. Er ist Fotograf und stellte in einer "
            "Galerie in Paris aus, die auch seine Bilder zeigt.",
            "German",
            id="german_case",
        ),
    ],
)
def test_other_languages_are_refused_naming_the_language(text: str, language: str) -> None:
    with pytest.raises(ReadingRefused) as refused:
        read_text(text)
    assert str(refused.value) == (
        f"This text is in {language}; the reader reads biographies in English only."
    )


def test_english_with_french_names_is_english() -> None:
    found = language_of(
        "Camille Moreau showed at the Galerie de la Seine and the Musée des Beaux-Arts de Lyon; "
        "she was born in Marseille and studied with Jean de la Tour."
    )
    assert found is not None
    assert found.code == "en"


def test_html_scripts_and_styles_are_stripped_never_read() -> None:
    reading = read_text(
        "<html><head><style>p{}</style><script>document.write('Boris Lenz')</script></head>"
        "<body><h1>Ana Lutz</h1><p>Ana Lutz is a painter born in Graz.</p>"
        "<script>var critic = 'Eva Winkler';</script></body></html>"
    )
    assert "script" not in reading.text
    assert "Boris Lenz" not in reading.text
    assert "Eva Winkler" not in reading.text
    assert reading.text == "Ana Lutz\n\nAna Lutz is a painter born in Graz."
    assert (reading.subject, reading.birthplace) == ("Ana Lutz", "Graz")


def test_markdown_markup_is_read_as_its_words() -> None:
    reading = read_text(
        "# Ana Lutz\n\n**Ana Lutz** is a *painter* shown at the [Kunsthalle Wien](https://x.y)."
    )
    assert reading.text == "Ana Lutz\n\nAna Lutz is a painter shown at the Kunsthalle Wien."
    assert reading.venues == ["Kunsthalle Wien"]


def test_long_text_under_the_limit_is_read() -> None:
    sentence = b"Ana Lutz is a painter who was born in Graz. "
    data = sentence * (100_000 // len(sentence))
    assert len(data) < MAX_BYTES
    reading = read_bytes(data)
    assert (reading.subject, reading.birthplace) == ("Ana Lutz", "Graz")


def test_two_people_with_one_name_in_one_text_stay_two_facts() -> None:
    reading = read_text(
        "Ana Lutz is a painter. Her father, the architect Karl Lutz, built her studio. "
        "Her son, the photographer Karl Lutz, photographs her work."
    )
    people = [f for f in reading.facts if f.field == "people"]
    assert [f.value for f in people] == ["Karl Lutz: architect", "Karl Lutz: photographer"]
