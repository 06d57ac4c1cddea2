from __future__ import annotations

from decimal import Decimal

import pytest

from vernissage.works.dimensions import Dimensions, Unit, parse_dimensions

D = Decimal


def _case(
    text: str,
    sizes: tuple[str | None, str | None, str | None],
    unit: Unit,
    label: str,
) -> object:
    return pytest.param(text, sizes, unit, id=label)


READABLE = [
    _case("60 x 80 cm", ("60", "80", None), Unit.CM, "x_spaced"),
    _case("60x80cm", ("60", "80", None), Unit.CM, "x_unspaced"),
    _case("60 \u00d7 80 cm", ("60", "80", None), Unit.CM, "times_sign"),
    _case("60 by 80 cm", ("60", "80", None), Unit.CM, "by"),
    _case("60 X 80 X 4 cm", ("60", "80", "4"), Unit.CM, "capital_x_with_depth"),
    _case("60 x 80 x 4cm", ("60", "80", "4"), Unit.CM, "depth_unit_glued"),
    _case("  60 x 80 cm. ", ("60", "80", None), Unit.CM, "full_stop_and_spaces"),
    _case("60 x 80 centimetres", ("60", "80", None), Unit.CM, "unit_word"),
    _case("24 \u00d7 36 in", ("24", "36", None), Unit.IN, "inches"),
    _case("24 x 36 inches", ("24", "36", None), Unit.IN, "inches_word"),
    _case('24" x 36"', ("24", "36", None), Unit.IN, "inch_marks"),
    _case("24\u2033 \u00d7 36\u2033", ("24", "36", None), Unit.IN, "double_prime_marks"),
    _case("24 x 36 in.", ("24", "36", None), Unit.IN, "inches_abbreviation_dot"),
    _case("60,5 x 80 cm", ("60.5", "80", None), Unit.CM, "decimal_comma"),
    _case("60.5 x 80 cm", ("60.5", "80", None), Unit.CM, "decimal_point"),
    _case("600 x 800 mm", ("600", "800", None), Unit.MM, "millimetres"),
    _case("1.2 x 2 m", ("1.2", "2", None), Unit.M, "metres"),
    _case("h. 60 x w. 80 cm", ("60", "80", None), Unit.CM, "labelled"),
    _case("H 60 cm x W 80 cm", ("60", "80", None), Unit.CM, "labelled_unit_each"),
    _case("w. 80 x h. 60 x d. 4 cm", ("60", "80", "4"), Unit.CM, "labelled_out_of_order"),
    _case("height 60 x width 80 cm", ("60", "80", None), Unit.CM, "labelled_words"),
    _case("24 1/2 x 36 in", ("24.5", "36", None), Unit.IN, "fraction"),
    _case("24\u00bd x 36 in", ("24.5", "36", None), Unit.IN, "fraction_character"),
    _case("24-1/2 x 36 3/8 in", ("24.5", "36.375", None), Unit.IN, "fraction_hyphen"),
    _case("h. 45 cm", ("45", None, None), Unit.CM, "height_only"),
    _case("45 cm", ("45", None, None), Unit.CM, "single_size_is_height"),
    _case("d. 30 cm", (None, None, "30"), Unit.CM, "depth_only"),
    _case("60 cm x 80", ("60", "80", None), Unit.CM, "unit_stated_once"),
    _case("24 \u00d7 36 in (61 \u00d7 91.4 cm)", ("24", "36", None), Unit.IN, "with_metric"),
]


@pytest.mark.parametrize(("text", "sizes", "unit"), READABLE)
def test_reads_dimensions(
    text: str, sizes: tuple[str | None, str | None, str | None], unit: Unit
) -> None:
    dimensions = parse_dimensions(text)

    expected = tuple(None if size is None else D(size) for size in sizes)
    assert (dimensions.height, dimensions.width, dimensions.depth) == expected
    assert dimensions.unit is unit
    assert dimensions.text == text.strip()
    assert not dimensions.is_flagged
    assert not dimensions.is_empty


@pytest.mark.parametrize(
    ("text", "in_cm"),
    [
        pytest.param("60 x 80 cm", (D("60.0"), D("80.0"), None), id="cm"),
        pytest.param("60,55 x 80 cm", (D("60.6"), D("80.0"), None), id="cm_rounded_half_up"),
        pytest.param("605 x 800 x 42 mm", (D("60.5"), D("80.0"), D("4.2")), id="mm"),
        pytest.param("1.2 x 2 m", (D("120.0"), D("200.0"), None), id="m"),
        pytest.param("24 x 36 in", (D("61.0"), D("91.4"), None), id="in"),
        pytest.param("1 x 10 in", (D("2.5"), D("25.4"), None), id="in_exact"),
        pytest.param("h. 18 in", (D("45.7"), None, None), id="in_height_only"),
        pytest.param("60 x 80", (None, None, None), id="flagged"),
        pytest.param("", (None, None, None), id="empty"),
    ],
)
def test_in_cm(text: str, in_cm: tuple[Decimal | None, ...]) -> None:
    assert parse_dimensions(text).in_cm() == in_cm


def test_in_cm_is_quantized_to_a_tenth() -> None:
    height, width, depth = parse_dimensions("24 x 36 in").in_cm()

    assert height is not None
    assert width is not None
    assert depth is None
    assert height.as_tuple().exponent == -1
    assert width.as_tuple().exponent == -1


@pytest.mark.parametrize(
    ("text", "label"),
    [
        pytest.param("60x80cm", "60 \u00d7 80 cm", id="cm"),
        pytest.param("60 X 80 X 4 cm", "60 \u00d7 80 \u00d7 4 cm", id="with_depth"),
        pytest.param("60.00 x 80.50 cm", "60 \u00d7 80.5 cm", id="no_trailing_zeros"),
        pytest.param("60,5 x 80 cm", "60.5 \u00d7 80 cm", id="decimal_comma"),
        pytest.param("24 x 36 inches", "24 \u00d7 36 in (61 \u00d7 91.4 cm)", id="inches"),
        pytest.param('24 1/2" x 36"', "24.5 \u00d7 36 in (62.2 \u00d7 91.4 cm)", id="fraction"),
        pytest.param("600 x 800 mm", "600 \u00d7 800 mm", id="mm"),
        pytest.param("1.2 x 2 m", "1.2 \u00d7 2 m", id="m"),
        pytest.param("H 45 cm", "h. 45 cm", id="height_only"),
        pytest.param("d. 30 cm", "d. 30 cm", id="depth_only"),
        pytest.param("w. 80 x d. 4 cm", "w. 80 \u00d7 d. 4 cm", id="no_height"),
        pytest.param("h. 18 in", "h. 18 in (h. 45.7 cm)", id="height_only_inches"),
        pytest.param(" 60 x 80 ", "60 x 80", id="flagged_as_typed"),
        pytest.param("", "", id="empty"),
    ],
)
def test_label(text: str, label: str) -> None:
    assert parse_dimensions(text).label == label


@pytest.mark.parametrize(
    "text",
    [
        "60 x 80 cm",
        "60 x 80 x 4 cm",
        "60,5 x 80 cm",
        "24 x 36 in",
        "24 1/2 x 36 3/8 in",
        "600 x 800 mm",
        "1.2 x 2 m",
        "h. 45 cm",
        "w. 80 x d. 4 cm",
        "h. 18 in",
    ],
    ids=lambda text: f"{text}_case",
)
def test_label_round_trips(text: str) -> None:
    dimensions = parse_dimensions(text)

    again = parse_dimensions(dimensions.label)

    assert (again.height, again.width, again.depth, again.unit) == (
        dimensions.height,
        dimensions.width,
        dimensions.depth,
        dimensions.unit,
    )
    assert again.label == dimensions.label


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("60 x 80", id="no_unit"),
        pytest.param("45", id="single_number_no_unit"),
        pytest.param("0 x 80 cm", id="zero"),
        pytest.param("-60 x 80 cm", id="negative"),
        pytest.param("60 cm x 80 mm", id="mixed_units"),
        pytest.param("60 x 80 x 4 x 2 cm", id="four_sizes"),
        pytest.param("1,200 x 800 mm", id="comma_thousands_or_decimal"),
        pytest.param("60 x 80 ft", id="unknown_unit"),
        pytest.param("diam. 30 cm", id="diameter"),
        pytest.param("h. 60 x 80 cm", id="partly_labelled"),
        pytest.param("h. 60 x h. 80 cm", id="label_twice"),
        pytest.param("10 1/3 x 5 in", id="fraction_without_exact_decimal"),
        pytest.param("24 3/2 x 5 in", id="improper_fraction"),
        pytest.param("1/0 x 5 in", id="zero_denominator"),
        pytest.param("60 x 80 cm (framed)", id="unreadable_aside"),
        pytest.param("60 x x 80 cm", id="empty_size"),
        pytest.param("about the size of a door", id="words"),
    ],
)
def test_flags_what_it_cannot_read(text: str) -> None:
    dimensions = parse_dimensions(f" {text}  ")

    assert dimensions == Dimensions(text, None, None, None, None)
    assert dimensions.is_flagged
    assert not dimensions.is_empty
    assert dimensions.label == text
    assert dimensions.in_cm() == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [pytest.param(None, id="none"), pytest.param("", id="blank"), pytest.param("  ", id="space")],
)
def test_empty(text: str | None) -> None:
    dimensions = parse_dimensions(text)

    assert dimensions == Dimensions("", None, None, None, None)
    assert dimensions.is_empty
    assert not dimensions.is_flagged
    assert dimensions.label == ""


def test_sizes_need_a_unit() -> None:
    with pytest.raises(ValueError, match="unit"):
        Dimensions("60 x 80", D(60), D(80), None, None)


def test_unit_values() -> None:
    assert [str(unit) for unit in Unit] == ["cm", "mm", "m", "in"]
