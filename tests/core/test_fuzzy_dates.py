from __future__ import annotations

from datetime import date

import pytest

from vernissage.core.fuzzy_dates import (
    CIRCA_YEARS,
    OPEN_RANGE_YEARS,
    FuzzyDate,
    parse_fuzzy_date,
)


def _case(text: str, earliest: date, latest: date, label: str) -> object:
    return pytest.param(text, earliest, latest, id=label)


def _years(first: int, last: int) -> tuple[date, date]:
    return date(first, 1, 1), date(last, 12, 31)


READABLE = [
    # years and circa
    _case("1998", *_years(1998, 1998), "year"),
    _case("c. 1998", *_years(1993, 2003), "circa_c_dot"),
    _case("c 1998", *_years(1993, 2003), "circa_c"),
    _case("c.1998", *_years(1993, 2003), "circa_c_dot_no_space"),
    _case("ca. 1998", *_years(1993, 2003), "circa_ca_dot"),
    _case("ca 1998", *_years(1993, 2003), "circa_ca"),
    _case("circa 1998", *_years(1993, 2003), "circa_word"),
    _case("Circa 1998", *_years(1993, 2003), "circa_capitalised"),
    _case("around 1998", *_years(1993, 2003), "circa_around"),
    _case("about 1998", *_years(1993, 2003), "circa_about"),
    _case("approx. 1998", *_years(1993, 2003), "circa_approx"),
    _case("1998?", *_years(1993, 2003), "circa_question_mark"),
    _case("1998 ?", *_years(1993, 2003), "circa_question_mark_spaced"),
    _case("c. 1998?", *_years(1993, 2003), "circa_twice_widens_once"),
    _case("[1998]", *_years(1998, 1998), "bracketed_year"),
    _case("1998.", *_years(1998, 1998), "year_full_stop"),
    _case("AD 800", *_years(800, 800), "ad_before"),
    _case("800 CE", *_years(800, 800), "ce_after"),
    _case("A.D. 1066", *_years(1066, 1066), "ad_dotted"),
    # days and months
    _case("1998-05-17", date(1998, 5, 17), date(1998, 5, 17), "iso_day"),
    _case("17 May 1998", date(1998, 5, 17), date(1998, 5, 17), "day_month_year"),
    _case("17th May 1998", date(1998, 5, 17), date(1998, 5, 17), "day_ordinal_month_year"),
    _case("May 17, 1998", date(1998, 5, 17), date(1998, 5, 17), "month_day_comma_year"),
    _case("may 17 1998", date(1998, 5, 17), date(1998, 5, 17), "month_day_year_lower"),
    _case("17.05.1998", date(1998, 5, 17), date(1998, 5, 17), "dotted_day_month_year"),
    _case("17.5.1998", date(1998, 5, 17), date(1998, 5, 17), "dotted_short_month"),
    _case("29.02.2000", date(2000, 2, 29), date(2000, 2, 29), "dotted_leap_day"),
    _case("May 1998", date(1998, 5, 1), date(1998, 5, 31), "month_year"),
    _case("Sept. 1998", date(1998, 9, 1), date(1998, 9, 30), "month_abbreviation"),
    _case("February 2000", date(2000, 2, 1), date(2000, 2, 29), "month_leap_february"),
    _case("1998-05", date(1998, 5, 1), date(1998, 5, 31), "iso_month"),
    _case("c. May 1998", *_years(1993, 2003), "circa_month"),
    # decades and centuries by number
    _case("1990s", *_years(1990, 1999), "decade"),
    _case("the 1990s", *_years(1990, 1999), "the_decade"),
    _case("1990's", *_years(1990, 1999), "decade_apostrophe"),
    _case("1900s", *_years(1900, 1999), "hundreds_as_century"),
    _case("the 1800s", *_years(1800, 1899), "the_hundreds"),
    _case("2000s", *_years(2000, 2009), "two_thousands_as_decade"),
    _case("'90s", *_years(1990, 1999), "short_decade_apostrophe"),
    _case("\u201990s", *_years(1990, 1999), "short_decade_curly_apostrophe"),
    _case("90s", *_years(1990, 1999), "short_decade"),
    _case("199x", *_years(1990, 1999), "decade_x"),
    _case("c. 1990s", *_years(1985, 2004), "circa_decade"),
    # early / mid / late
    _case("early 2000s", *_years(2000, 2003), "early_decade"),
    _case("mid 2000s", *_years(2003, 2006), "mid_decade"),
    _case("mid-2000s", *_years(2003, 2006), "mid_hyphen_decade"),
    _case("late 2000s", *_years(2006, 2009), "late_decade"),
    _case("the late 1990s", *_years(1996, 1999), "the_late_decade"),
    _case("Early  1990S", *_years(1990, 1993), "modifier_case_and_spaces"),
    _case("mid-to-late 1990s", *_years(1993, 1999), "mid_to_late_decade"),
    _case("early 20th century", *_years(1901, 1933), "early_century"),
    _case("mid-20th century", *_years(1934, 1966), "mid_century"),
    _case("late 20th century", *_years(1967, 2000), "late_century"),
    _case("the early 20th century", *_years(1901, 1933), "the_early_century"),
    _case("early 1900s", *_years(1900, 1932), "early_hundreds"),
    _case("early 1998", date(1998, 1, 1), date(1998, 4, 30), "early_year"),
    # ranges
    _case("2001\u20132003", *_years(2001, 2003), "range_en_dash"),
    _case("2001\u20142003", *_years(2001, 2003), "range_em_dash"),
    _case("2001-2003", *_years(2001, 2003), "range_hyphen"),
    _case("2001 - 2003", *_years(2001, 2003), "range_hyphen_spaced"),
    _case("2001 to 2003", *_years(2001, 2003), "range_to"),
    _case("between 2001 and 2003", *_years(2001, 2003), "range_between"),
    _case("from 2001 to 2003", *_years(2001, 2003), "range_from_to"),
    _case("2001-03", *_years(2001, 2003), "range_short_end"),
    _case("1998-99", *_years(1998, 1999), "range_short_end_late"),
    _case("1998/99", *_years(1998, 1999), "range_slash_short_end"),
    _case("2001 to 03", *_years(2001, 2003), "range_to_short_end"),
    _case("c. 1990-1995", *_years(1985, 2000), "circa_whole_range"),
    _case("c. 1990 - c. 1995", *_years(1985, 2000), "circa_each_end"),
    _case("1990 - c. 1995", *_years(1990, 2000), "circa_end_only"),
    _case("1990s-2000s", *_years(1990, 2009), "range_of_decades"),
    _case("1998-05-17 \u2013 1998-06-01", date(1998, 5, 17), date(1998, 6, 1), "range_iso_days"),
    _case("17-19 May 1998", date(1998, 5, 17), date(1998, 5, 19), "range_days_in_month"),
    _case("May-June 1998", date(1998, 5, 1), date(1998, 6, 30), "range_months"),
    _case("May 17 \u2013 June 2, 1998", date(1998, 5, 17), date(1998, 6, 2), "range_month_days"),
    _case("1998 or 1999", *_years(1998, 1999), "either_year"),
    _case("1999 or 1998", *_years(1998, 1999), "either_year_reversed"),
    # seasons
    _case("spring 2011", date(2011, 3, 1), date(2011, 5, 31), "spring"),
    _case("summer 2011", date(2011, 6, 1), date(2011, 8, 31), "summer"),
    _case("autumn 2011", date(2011, 9, 1), date(2011, 11, 30), "autumn"),
    _case("fall 2011", date(2011, 9, 1), date(2011, 11, 30), "fall"),
    _case("winter 2011", date(2011, 12, 1), date(2012, 2, 29), "winter_into_leap_year"),
    _case("winter 2010", date(2010, 12, 1), date(2011, 2, 28), "winter"),
    _case("winter 2011/12", date(2011, 12, 1), date(2012, 2, 29), "winter_both_years"),
    _case("spring-summer 2011", date(2011, 3, 1), date(2011, 8, 31), "range_seasons"),
    # open ranges
    _case("before 1900", *_years(1800, 1899), "before"),
    _case("pre-1900", *_years(1800, 1899), "pre"),
    _case("after 1950", *_years(1951, 2050), "after"),
    _case("post-1950", *_years(1951, 2050), "post"),
    _case("by 1900", *_years(1800, 1900), "by"),
    _case("not before 1950", *_years(1950, 2050), "not_before"),
    _case("1950 or later", *_years(1950, 2050), "or_later"),
    _case("2015-", *_years(2015, 2115), "ongoing"),
    _case("before May 1998", date(1898, 5, 1), date(1998, 4, 30), "before_month"),
    _case("after 9990", date(9991, 1, 1), date.max, "after_clamped"),
    # centuries
    _case("19th century", *_years(1801, 1900), "century"),
    _case("the 19th century", *_years(1801, 1900), "the_century"),
    _case("19th c.", *_years(1801, 1900), "century_c_dot"),
    _case("19th cent.", *_years(1801, 1900), "century_cent"),
    _case("19th-century", *_years(1801, 1900), "century_hyphen"),
    _case("nineteenth century", *_years(1801, 1900), "century_word"),
    _case("XIX century", *_years(1801, 1900), "century_roman"),
    _case("1st century AD", *_years(1, 100), "first_century"),
    _case("21st century", *_years(2001, 2100), "twenty_first_century"),
    _case("first half of the 19th century", *_years(1801, 1850), "first_half_century"),
    _case("second half of the 19th century", *_years(1851, 1900), "second_half_century"),
    _case("first quarter of the 20th century", *_years(1901, 1925), "first_quarter"),
    _case("last quarter of the 20th century", *_years(1976, 2000), "last_quarter"),
    _case("first half of the 1990s", *_years(1990, 1994), "first_half_decade"),
    _case("c. 19th century", *_years(1796, 1905), "circa_century"),
]


@pytest.mark.parametrize(("text", "earliest", "latest"), READABLE)
def test_reads_bounds(text: str, earliest: date, latest: date) -> None:
    fuzzy = parse_fuzzy_date(text)

    assert (fuzzy.earliest, fuzzy.latest) == (earliest, latest)
    assert fuzzy.text == text
    assert fuzzy.label == text
    assert fuzzy.sort_key == earliest
    assert fuzzy.is_readable
    assert not fuzzy.is_flagged
    assert not fuzzy.is_undated
    assert not fuzzy.is_empty


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("sometime", id="word"),
        pytest.param("the year of the snow", id="phrase"),
        pytest.param("1998 maybe after", id="year_with_words"),
        pytest.param("2003-2001", id="range_ends_before_start"),
        pytest.param("2003 to 1990s", id="range_ends_before_start_decade"),
        pytest.param("2003 - 01", id="short_range_ends_before_start"),
        pytest.param("31.02.1998", id="impossible_day"),
        pytest.param("1998-00", id="impossible_iso_month"),
        pytest.param("1998-05-32", id="impossible_iso_day"),
        pytest.param("17/05/1998", id="slashed_day_is_ambiguous"),
        pytest.param("199?", id="three_digits"),
        pytest.param("800", id="bare_short_year"),
        pytest.param("800 BC", id="bc"),
        pytest.param("44 BCE", id="bce"),
        pytest.param("0000", id="year_zero"),
        pytest.param("'00s", id="short_decade_either_century"),
        pytest.param("'10s", id="short_decade_either_century_10s"),
        pytest.param("first quarter of the 1990s", id="quarter_of_decade"),
        pytest.param("100th century", id="century_out_of_range"),
        pytest.param("winter 2011/13", id="winter_wrong_second_year"),
        pytest.param("midsummer 1998", id="midsummer"),
        pytest.param("before 0001", id="before_the_calendar"),
        pytest.param("c.", id="circa_alone"),
        pytest.param("?", id="question_mark_alone"),
    ],
)
def test_flags_what_it_cannot_read(text: str) -> None:
    fuzzy = parse_fuzzy_date(f"  {text} ")

    assert fuzzy.text == text
    assert fuzzy.label == text
    assert fuzzy.earliest is None
    assert fuzzy.latest is None
    assert fuzzy.is_flagged
    assert not fuzzy.is_readable
    assert not fuzzy.is_undated
    assert fuzzy.sort_key == date.max


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("undated", id="undated"),
        pytest.param("Undated", id="undated_capitalised"),
        pytest.param("n.d.", id="nd"),
        pytest.param("N. D.", id="nd_spaced"),
        pytest.param("[n.d.]", id="nd_bracketed"),
        pytest.param("unknown", id="unknown"),
        pytest.param("no date", id="no_date"),
    ],
)
def test_undated_words_are_read_as_no_date(text: str) -> None:
    fuzzy = parse_fuzzy_date(text)

    assert fuzzy.is_undated
    assert fuzzy.is_readable
    assert not fuzzy.is_flagged
    assert not fuzzy.is_empty
    assert (fuzzy.earliest, fuzzy.latest) == (None, None)
    assert fuzzy.label == text
    assert fuzzy.sort_key == date.max


@pytest.mark.parametrize(
    "text",
    [pytest.param(None, id="none"), pytest.param("", id="blank"), pytest.param(" \t", id="space")],
)
def test_empty_is_readable_and_not_flagged(text: str | None) -> None:
    fuzzy = parse_fuzzy_date(text)

    assert fuzzy == FuzzyDate("", None, None)
    assert fuzzy.is_empty
    assert fuzzy.is_readable
    assert not fuzzy.is_flagged
    assert not fuzzy.is_undated
    assert fuzzy.label == ""
    assert fuzzy.sort_key == date.max


def test_text_is_kept_as_written_but_stripped() -> None:
    fuzzy = parse_fuzzy_date("  C.   1998 ")

    assert fuzzy.text == "C.   1998"
    assert fuzzy.label == "C.   1998"
    assert (fuzzy.earliest, fuzzy.latest) == _years(1993, 2003)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("c. 1998", id="circa"),
        pytest.param("17 May 1998", id="day"),
        pytest.param("winter 2011", id="winter"),
        pytest.param("n.d.", id="undated"),
        pytest.param("the year of the snow", id="flagged"),
    ],
)
def test_label_round_trips(text: str) -> None:
    fuzzy = parse_fuzzy_date(text)

    assert parse_fuzzy_date(fuzzy.label) == fuzzy


def test_circa_and_open_range_widths_are_constants() -> None:
    assert CIRCA_YEARS == 5
    assert OPEN_RANGE_YEARS == 100


def test_sort_key_orders_by_earliest_and_puts_unknowns_last() -> None:
    texts = ["sometime", "1990s", "c. 1998", "undated", "17 May 1998", "before 1900"]

    ordered = sorted((parse_fuzzy_date(text) for text in texts), key=lambda d: d.sort_key)

    assert [d.text for d in ordered[:4]] == ["before 1900", "1990s", "c. 1998", "17 May 1998"]
    assert {d.text for d in ordered[4:]} == {"sometime", "undated"}


@pytest.mark.parametrize(
    ("text", "overlaps"),
    [
        pytest.param("1995", True, id="inside"),
        pytest.param("1985-1990", True, id="touches_start"),
        pytest.param("1999-2005", True, id="touches_end"),
        pytest.param("c. 1986", True, id="circa_reaches_in"),
        pytest.param("c. 1984", False, id="circa_falls_short"),
        pytest.param("20th century", True, id="contains"),
        pytest.param("1989", False, id="before"),
        pytest.param("2000", False, id="after"),
        pytest.param("undated", False, id="undated"),
        pytest.param("sometime", False, id="flagged"),
        pytest.param("", False, id="empty"),
    ],
)
def test_overlaps_the_1990s(text: str, overlaps: bool) -> None:
    assert parse_fuzzy_date(text).overlaps(date(1990, 1, 1), date(1999, 12, 31)) is overlaps


def test_overlaps_rejects_a_backwards_window() -> None:
    with pytest.raises(ValueError, match="after"):
        parse_fuzzy_date("1998").overlaps(date(1999, 1, 1), date(1990, 1, 1))


@pytest.mark.parametrize(
    ("earliest", "latest"),
    [
        pytest.param(date(1998, 1, 1), None, id="latest_missing"),
        pytest.param(None, date(1998, 1, 1), id="earliest_missing"),
        pytest.param(date(1999, 1, 1), date(1998, 1, 1), id="backwards"),
    ],
)
def test_fuzzy_date_rejects_inconsistent_bounds(earliest: date | None, latest: date | None) -> None:
    with pytest.raises(ValueError, match="earliest"):
        FuzzyDate("1998", earliest, latest)
