"""Fuzzy art dates: the text as written, plus the earliest and latest day it can mean.

Text that cannot be read is kept and flagged, never rejected and never guessed at.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

CIRCA_YEARS = 5
"""How far "c. 1998" reaches on each side, in years."""

OPEN_RANGE_YEARS = 100
"""The window given to open ranges ("before 1900", "after 1950") so that they still sort."""

_Bounds = tuple[date, date]

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}

_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
}
_ROMAN_UNITS = {
    "": 0,
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
}

_UNDATED = frozenset(
    {"undated", "nd", "sd", "unknown", "nodate", "notdated", "dateunknown", "unknowndate"}
)

# Offsets (in years) of the early / mid / late thirds of a century and of a decade. The thirds
# of a decade overlap by a year on purpose: "mid 2000s" is 2003-2006.
_THIRDS = {
    100: {"early": (0, 32), "mid": (33, 65), "late": (66, 99)},
    10: {"early": (0, 3), "mid": (3, 6), "late": (6, 9)},
}
_YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # months
_HALVES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "latter": 1}
_QUARTERS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "last": 3,
}

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2011": "-", "\u2212": "-"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'"})

_CIRCA_RE = re.compile(r"(?:circa|approximately|approx|around|about|ca|c)(?:\.|\b|(?=\d))\s*|~\s*")
_AD = r"(?:ad|a\.\s?d\.?|ce|c\.\s?e\.?)"
_ORD = r"(?:st|nd|rd|th)"
_SEP = r"(?:\s+|\s*-\s*)"  # between words: spaces or a hyphen ("mid-1990s", "19th-century")

_YEAR_RE = re.compile(r"\d{4}")
_AD_BEFORE_RE = re.compile(rf"{_AD}\s*(\d{{1,4}})")
_AD_AFTER_RE = re.compile(rf"(\d{{1,4}})\s*{_AD}")
_DECADE_RE = re.compile(r"(\d{3}0)'?s")
_SHORT_DECADE_RE = re.compile(r"'?(\d0)'?s")
_X_DECADE_RE = re.compile(r"(\d{3})x")
_X_CENTURY_RE = re.compile(r"(\d{2})xx")
_CENTURY_RE = re.compile(
    rf"(?:(\d{{1,2}}){_ORD}|({'|'.join(_ORDINAL_WORDS)})|([xiv]+))"
    rf"{_SEP}(?:century|cent\.?|c\.?)(?:\s+{_AD})?"
)
_THIRD_RE = re.compile(rf"(early|mid|late){_SEP}(.+)")
_HALF_RE = re.compile(rf"({'|'.join(_HALVES)})\s+half\s+of\s+(?:the\s+)?(.+)")
_QUARTER_RE = re.compile(rf"({'|'.join(_QUARTERS)})\s+quarter\s+of\s+(?:the\s+)?(.+)")

_ISO_DAY_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_DAY_MONTH_YEAR_RE = re.compile(rf"(\d{{1,2}}){_ORD}?\s+{_MONTH},?\s+(\d{{4}})")
_MONTH_DAY_YEAR_RE = re.compile(rf"{_MONTH}\s+(\d{{1,2}}){_ORD}?,?\s+(\d{{4}})")
_DOTTED_RE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})")
_MONTH_YEAR_RE = re.compile(rf"{_MONTH},?\s+(\d{{4}})")
_SEASON_RE = re.compile(rf"({'|'.join(_SEASONS)})\s+(\d{{4}})")
_WINTER_RE = re.compile(r"winter\s+(\d{4})(?:\s*[-/]\s*(\d{4}|\d{2}))?")

_SHORT_RANGE_RE = re.compile(r"(\d{4})\s*[-/]\s*(\d{2})")
_RANGE_TO_RE = re.compile(r"(?:\s+|\s*-\s*)(?:to|until|till)(?:\s+|\s*-\s*)")
_RANGE_DASH_RE = re.compile(r"\s*-\s*")
_RANGE_OR_RE = re.compile(r"\s+or\s+|\s*/\s*")
_RANGE_AND_RE = re.compile(r"\s+and\s+")
_MODIFIER_RE = re.compile(r"early|mid|late")
_MODIFIED_RE = re.compile(rf"(?:early|mid|late){_SEP}(.+)")
_DAY_RE = re.compile(rf"\d{{1,2}}{_ORD}?")
_DAY_REST_RE = re.compile(rf"\d{{1,2}}{_ORD}?\s+(.+)")
_ENDS_WITH_YEAR_RE = re.compile(r"\d{4}$")
_YEAR_IN_RE = re.compile(r"\d{3}")  # "May 17" has no year of its own; "1998-05" has
_CIRCA_INSIDE_RE = re.compile(
    r"(?<![a-z])(?:circa|approximately|approx|around|about|ca|c)(?:\.|\b|(?=\d))|[?~]"
)

_OPEN_PREFIX_RE = re.compile(
    r"(before|prior to|pre|by|no later than|not later than|not after|after|post"
    r"|no earlier than|not earlier than|not before)(?:\s+|\s*-\s*)(.+)"
)
_OPEN_SUFFIX_RE = re.compile(
    r"(.+?)(?:\s+(or earlier|or before|and earlier|and before|or later|or after|and later"
    r"|and after|onwards?)|\s*(-))"
)


@dataclass(frozen=True)
class FuzzyDate:
    text: str
    earliest: date | None
    latest: date | None

    def __post_init__(self) -> None:
        if (self.earliest is None) != (self.latest is None):
            raise ValueError("earliest and latest must both be set or both be None")
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")

    @property
    def is_empty(self) -> bool:
        return self.text == ""

    @property
    def is_undated(self) -> bool:
        """Words that mean "no date" ("undated", "n.d.", "unknown"): read, with no bounds."""
        return self.earliest is None and _is_undated(_normalize(self.text))

    @property
    def is_readable(self) -> bool:
        return self.is_empty or self.earliest is not None or self.is_undated

    @property
    def is_flagged(self) -> bool:
        return not self.is_readable

    @property
    def label(self) -> str:
        return self.text

    @property
    def sort_key(self) -> date:
        return self.earliest if self.earliest is not None else date.max

    def overlaps(self, start: date, end: date) -> bool:
        """Whether this date may fall in ``start``..``end`` (both inclusive)."""
        if start > end:
            raise ValueError(f"start {start} is after end {end}")
        if self.earliest is None or self.latest is None:
            return False
        return self.earliest <= end and self.latest >= start


def parse_fuzzy_date(text: str | None) -> FuzzyDate:
    written = (text or "").strip()
    if not written:
        return FuzzyDate("", None, None)
    normalized = _normalize(written)
    if _is_undated(normalized):
        return FuzzyDate(written, None, None)
    bounds = _read_expression(normalized)
    if bounds is None:
        return FuzzyDate(written, None, None)
    return FuzzyDate(written, bounds[0], bounds[1])


def _normalize(text: str) -> str:
    s = " ".join(text.translate(_DASHES).translate(_QUOTES).lower().split())
    while len(s) > 2 and (s[0], s[-1]) in {("[", "]"), ("(", ")")}:  # cataloguers' [1998]
        s = s[1:-1].strip()
    s = re.sub(r"\s*[\[(]\?[\])]$", "?", s)  # "1998 [?]" is "1998?"
    return re.sub(r"(?<=\d)\.$", "", s)  # "1998."


def _is_undated(normalized: str) -> bool:
    return re.sub(r"[\s.]", "", normalized) in _UNDATED


def _strip_circa(s: str) -> tuple[str, bool]:
    circa = False
    while s.endswith("?"):  # "1998?"
        s = s[:-1].rstrip()
        circa = True
    if match := _CIRCA_RE.match(s):
        s = s[match.end() :]
        circa = True
    return s, circa


def _read_expression(s: str) -> _Bounds | None:
    rest, circa = _strip_circa(s)
    if circa and _CIRCA_INSIDE_RE.search(rest):  # "c. 1990 - c. 1995": circa belongs to each end
        rest, circa = s, False
    bounds = _read_open(rest) or _read_short_range(rest) or _read_term(rest) or _read_range(rest)
    if bounds is not None and circa:
        return _widen(bounds)
    return bounds


# Terms: one date, month, season, year, decade or century, maybe circa.


def _read_term(s: str) -> _Bounds | None:
    try:
        s, circa = _strip_circa(s.strip())
        bounds = _read_plain(s.removeprefix("the "))
        if bounds is not None and circa:
            return _widen(bounds)
    except (ValueError, OverflowError):  # impossible days, years out of 1..9999
        return None
    return bounds


def _read_plain(s: str) -> _Bounds | None:
    if match := _THIRD_RE.fullmatch(s):
        span = _read_span(match[2])
        return None if span is None else _third(span, match[1])
    if match := _HALF_RE.fullmatch(s):
        span = _read_span(match[2])
        return None if span is None else _fraction(span, _HALVES[match[1]], 2)
    if match := _QUARTER_RE.fullmatch(s):
        span = _read_span(match[2])
        return None if span is None else _fraction(span, _QUARTERS[match[1]], 4)
    if span := _read_span(s):
        first, years = span
        return _years(first, first + years - 1)
    return _read_day_or_month(s)


def _read_span(s: str) -> tuple[int, int] | None:
    """A year, decade or century as (first year, number of years)."""
    s = s.removeprefix("the ")
    if _YEAR_RE.fullmatch(s):
        return int(s), 1
    if (match := _AD_BEFORE_RE.fullmatch(s)) or (match := _AD_AFTER_RE.fullmatch(s)):
        return int(match[1]), 1
    if match := _DECADE_RE.fullmatch(s):
        year = int(match[1])
        # "1900s" reads as the century 1900-1999 (as in "the 1800s"), but "2000s" as the decade.
        if year % 100 == 0 and year != 2000:
            return year, 100
        return year, 10
    if match := _SHORT_DECADE_RE.fullmatch(s):
        # "'90s" is the 1990s; "'00s" and "'10s" could be either century, so they stay unread.
        tens = int(match[1])
        return (1900 + tens, 10) if tens >= 20 else None
    if match := _X_DECADE_RE.fullmatch(s):
        return int(match[1]) * 10, 10
    if match := _X_CENTURY_RE.fullmatch(s):
        return int(match[1]) * 100, 100
    if match := _CENTURY_RE.fullmatch(s):
        century = _century_number(match[1], match[2], match[3])
        if century is None or not 1 <= century <= 99:
            return None
        return (century - 1) * 100 + 1, 100
    return None


def _century_number(digits: str | None, word: str | None, roman: str | None) -> int | None:
    if digits is not None:
        return int(digits)
    if word is not None:
        return _ORDINAL_WORDS[word]
    if roman is None:
        return None
    match = re.fullmatch(r"(x{0,3})(i{0,3}|iv|vi{0,3}|ix)", roman)
    if match is None:
        return None
    return len(match[1]) * 10 + _ROMAN_UNITS[match[2]]


def _third(span: tuple[int, int], which: str) -> _Bounds | None:
    first, years = span
    if years == 1:
        start_month, end_month = _YEAR_THIRDS[which]
        return _months(first, start_month, first, end_month)
    if years not in _THIRDS:
        return None
    start, end = _THIRDS[years][which]
    return _years(first + start, first + end)


def _fraction(span: tuple[int, int], index: int, parts: int) -> _Bounds | None:
    first, years = span
    if years == 1:
        size = 12 // parts
        return _months(first, index * size + 1, first, (index + 1) * size)
    if years % parts:
        return None
    size = years // parts
    return _years(first + index * size, first + (index + 1) * size - 1)


def _read_day_or_month(s: str) -> _Bounds | None:
    if match := _ISO_DAY_RE.fullmatch(s):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _ISO_MONTH_RE.fullmatch(s):
        return _months(int(match[1]), int(match[2]), int(match[1]), int(match[2]))
    if match := _DAY_MONTH_YEAR_RE.fullmatch(s):
        return _day(int(match[3]), _MONTHS[match[2]], int(match[1]))
    if match := _MONTH_DAY_YEAR_RE.fullmatch(s):
        return _day(int(match[3]), _MONTHS[match[1]], int(match[2]))
    if match := _DOTTED_RE.fullmatch(s):
        return _day(int(match[3]), int(match[2]), int(match[1]))
    if match := _MONTH_YEAR_RE.fullmatch(s):
        year, month = int(match[2]), _MONTHS[match[1]]
        return _months(year, month, year, month)
    if match := _SEASON_RE.fullmatch(s):
        year = int(match[2])
        start_month, end_month = _SEASONS[match[1]]
        return _months(year, start_month, year, end_month)
    if match := _WINTER_RE.fullmatch(s):
        # The winter that begins in December of that year; "winter 2011/12" says so twice.
        year = int(match[1])
        if match[2] is not None and not str(year + 1).endswith(match[2]):
            return None
        return _months(year, 12, year + 1, 2)
    return None


# Ranges and open ranges.


def _read_short_range(s: str) -> _Bounds | None:
    """ "2001-03" and "1998/99": a year range when the short year is later, else not a range.

    That leaves "1998-05" to be read as the ISO month May 1998.
    """
    match = _SHORT_RANGE_RE.fullmatch(s)
    if match is None:
        return None
    start = int(match[1])
    end = start - start % 100 + int(match[2])
    if end <= start:
        return None
    return _years(start, end)


def _read_range(s: str) -> _Bounds | None:
    if s.startswith("between "):
        return _split(s.removeprefix("between "), (_RANGE_AND_RE,), union=False)
    if s.startswith("from "):
        return _split(s.removeprefix("from "), (_RANGE_TO_RE, _RANGE_DASH_RE), union=False)
    return _split(s, (_RANGE_TO_RE, _RANGE_DASH_RE), union=False) or _split(
        s, (_RANGE_OR_RE,), union=True
    )


def _split(s: str, separators: tuple[re.Pattern[str], ...], *, union: bool) -> _Bounds | None:
    for separator in separators:
        for match in separator.finditer(s):
            first, second = s[: match.start()].strip(), s[match.end() :].strip()
            if first and second and (bounds := _join(first, second, union=union)):
                return bounds
    return None


def _join(first: str, second: str, *, union: bool) -> _Bounds | None:
    if _YEAR_RE.fullmatch(first) and re.fullmatch(r"\d{2}", second):  # "2001 to 03"
        second = first[:2] + second
    end = _read_term(second)
    start = _read_term(first) or _borrow(first, second)
    if start is None or end is None:
        return None
    if not union and start[0] > end[0] and start[1] > end[1]:  # ends before it starts
        return None
    # "1998 or 1999" may come in any order; "c. 1998-2001" may reach past its end.
    return min(start[0], end[0]), max(start[1], end[1])


def _borrow(first: str, second: str) -> _Bounds | None:
    """The start of "mid-to-late 1990s", "17-19 May 1998", "May-June 1998" takes the rest
    from the end."""
    if _MODIFIER_RE.fullmatch(first) and (match := _MODIFIED_RE.fullmatch(second)):
        return _read_term(f"{first} {match[1]}")
    if _DAY_RE.fullmatch(first) and (match := _DAY_REST_RE.fullmatch(second)):
        return _read_term(f"{first} {match[1]}")
    if not _YEAR_IN_RE.search(first) and (match := _ENDS_WITH_YEAR_RE.search(second)):
        return _read_term(f"{first} {match[0]}")
    return None


def _read_open(s: str) -> _Bounds | None:
    if match := _OPEN_PREFIX_RE.fullmatch(s):
        kind, rest = _OPEN_PREFIXES[match[1]], match[2]
    elif match := _OPEN_SUFFIX_RE.fullmatch(s):
        rest = match[1]
        kind = _by if (match[2] or "").endswith(("earlier", "before")) else _from
    else:
        return None
    bounds = _read_term(rest)
    if bounds is None:
        return None
    try:
        return kind(bounds)
    except (ValueError, OverflowError):  # "before 0001"
        return None


def _before(bounds: _Bounds) -> _Bounds:
    return _shift_years(bounds[0], -OPEN_RANGE_YEARS), bounds[0] - timedelta(days=1)


def _by(bounds: _Bounds) -> _Bounds:
    return _shift_years(bounds[0], -OPEN_RANGE_YEARS), bounds[1]


def _after(bounds: _Bounds) -> _Bounds:
    return bounds[1] + timedelta(days=1), _shift_years(bounds[1], OPEN_RANGE_YEARS)


def _from(bounds: _Bounds) -> _Bounds:
    return bounds[0], _shift_years(bounds[1], OPEN_RANGE_YEARS)


_OPEN_PREFIXES: dict[str, Callable[[_Bounds], _Bounds]] = {
    "before": _before,
    "prior to": _before,
    "pre": _before,
    "by": _by,
    "no later than": _by,
    "not later than": _by,
    "not after": _by,
    "after": _after,
    "post": _after,
    "no earlier than": _from,
    "not earlier than": _from,
    "not before": _from,
}


# Building bounds.


def _widen(bounds: _Bounds) -> _Bounds:
    return (
        date(max(bounds[0].year - CIRCA_YEARS, date.min.year), 1, 1),
        date(min(bounds[1].year + CIRCA_YEARS, date.max.year), 12, 31),
    )


def _shift_years(day: date, years: int) -> date:
    year = day.year + years
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    if (day.month, day.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def _years(first: int, last: int) -> _Bounds:
    return date(first, 1, 1), date(last, 12, 31)


def _months(first_year: int, first_month: int, last_year: int, last_month: int) -> _Bounds:
    last_day = calendar.monthrange(last_year, last_month)[1]
    return date(first_year, first_month, 1), date(last_year, last_month, last_day)


def _day(year: int, month: int, day: int) -> _Bounds:
    return date(year, month, day), date(year, month, day)


def fuzzy(instance: Any, name: str) -> FuzzyDate:
    """The fuzzy date stored in ``name`` and its bounds, as one value."""
    return FuzzyDate(
        text=getattr(instance, name),
        earliest=getattr(instance, f"{name}_earliest"),
        latest=getattr(instance, f"{name}_latest"),
    )
