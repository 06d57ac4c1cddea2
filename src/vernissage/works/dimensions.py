"""Dimensions as people type them ("60 x 80 cm", '24" x 36"'), read and shown back.

Height × width × depth, the art-world order. Text that cannot be read is kept and flagged; a
missing unit is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction


class Unit(StrEnum):
    CM = "cm"
    MM = "mm"
    M = "m"
    IN = "in"


CM_PER_UNIT = {
    Unit.CM: Decimal(1),
    Unit.MM: Decimal("0.1"),
    Unit.M: Decimal(100),
    Unit.IN: Decimal("2.54"),
}

_Values = tuple[Decimal | None, Decimal | None, Decimal | None]

_UNITS = {
    "cm": Unit.CM,
    "cms": Unit.CM,
    "centimeter": Unit.CM,
    "centimeters": Unit.CM,
    "centimetre": Unit.CM,
    "centimetres": Unit.CM,
    "mm": Unit.MM,
    "millimeter": Unit.MM,
    "millimeters": Unit.MM,
    "millimetre": Unit.MM,
    "millimetres": Unit.MM,
    "m": Unit.M,
    "meter": Unit.M,
    "meters": Unit.M,
    "metre": Unit.M,
    "metres": Unit.M,
    "in": Unit.IN,
    "ins": Unit.IN,
    "inch": Unit.IN,
    "inches": Unit.IN,
}
_LABELS = {
    "h": 0,
    "ht": 0,
    "height": 0,
    "w": 1,
    "wd": 1,
    "width": 1,
    "d": 2,
    "dp": 2,
    "depth": 2,
}
_LETTERS = ("h", "w", "d")
_FRACTIONS = {
    "½": "1/2",
    "¼": "1/4",
    "¾": "3/4",
    "⅛": "1/8",
    "⅜": "3/8",
    "⅝": "5/8",
    "⅞": "7/8",
    "⅓": "1/3",
    "⅔": "2/3",
}

_ASIDE_RE = re.compile(r"(.+?)\s*\(([^()]*)\)")
_SPLIT_RE = re.compile(r"\s*(?:x|\*|\bby\b)\s*")
_PART_RE = re.compile(
    r"(?:(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\.?\s*:?\s*)?"
    r"(\d+(?:[.,]\d+)?(?:(?:\s+|-)\d+/\d+)?|\d+/\d+)"
    r"\s*(?:(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\.?)?"
)
_NUMBER_RE = re.compile(r"(?:(\d+(?:[.,]\d+)?)(?:(?:\s+|-)(\d+)/(\d+))?|(\d+)/(\d+))")
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Dimensions:
    text: str
    height: Decimal | None
    width: Decimal | None
    depth: Decimal | None
    unit: Unit | None

    def __post_init__(self) -> None:
        if self.unit is None and self._values() != (None, None, None):
            raise ValueError("sizes need a unit")

    @property
    def is_empty(self) -> bool:
        return self.text == ""

    @property
    def is_flagged(self) -> bool:
        return not self.is_empty and self.unit is None

    def in_cm(self) -> _Values:
        if self.unit is None:
            return None, None, None
        factor = CM_PER_UNIT[self.unit]
        height, width, depth = (
            None if value is None else (value * factor).quantize(_TENTH, ROUND_HALF_UP)
            for value in self._values()
        )
        return height, width, depth

    @property
    def label(self) -> str:
        if self.unit is None:
            return self.text
        written = _format(self._values(), self.unit)
        if self.unit is Unit.IN:
            return f"{written} ({_format(self.in_cm(), Unit.CM)})"
        return written

    def _values(self) -> _Values:
        return self.height, self.width, self.depth


def parse_dimensions(text: str | None) -> Dimensions:
    written = (text or "").strip()
    values = _read(_normalize(written)) if written else None
    if values is None:
        return Dimensions(written, None, None, None, None)
    (height, width, depth), unit = values
    return Dimensions(written, height, width, depth, unit)


def _normalize(text: str) -> str:
    s = text.lower()
    for fraction, spelled in _FRACTIONS.items():
        s = s.replace(fraction, f" {spelled}")
    s = s.replace("\u2044", "/")  # fraction slash
    s = re.sub(r"''|[\"\u201c\u201d\u2033]", " in ", s)  # inch marks
    s = re.sub(r"[\u00d7\u2715\u2a2f]", " x ", s)  # multiplication signs
    return " ".join(s.split())


def _read(s: str) -> tuple[_Values, Unit] | None:
    # A second reading in brackets ("24 × 36 in (61 × 91.4 cm)", as `label` writes it) must
    # itself be readable; the first reading is the one kept.
    if (aside := _ASIDE_RE.fullmatch(s)) is not None:
        if _read(aside[2]) is None:
            return None
        s = aside[1]
    parts = [_PART_RE.fullmatch(part) for part in _SPLIT_RE.split(s)]
    if not 1 <= len(parts) <= 3:
        return None
    values: list[Decimal | None] = [None, None, None]
    units: set[Unit] = set()
    labelled = [match is not None and match[1] is not None for match in parts]
    if any(labelled) and not all(labelled):
        return None
    for position, match in enumerate(parts):
        if match is None:
            return None
        value = _number(match[2])
        if value is None or value <= 0:
            return None
        index = _LABELS[match[1]] if match[1] is not None else position
        if values[index] is not None:  # "h. 60 x h. 80"
            return None
        values[index] = value
        if match[3] is not None:
            units.add(_UNITS[match[3]])
    if len(units) != 1:  # none given (never guessed), or mixed
        return None
    return (values[0], values[1], values[2]), units.pop()


def _number(s: str) -> Decimal | None:
    match = _NUMBER_RE.fullmatch(s)
    if match is None:
        return None
    if match[4] is not None:  # "1/2"
        return _fraction(match[4], match[5])
    whole = match[1]
    if re.fullmatch(r"\d+,\d{3}", whole):  # "1,200": a thousand and more, or one and a bit?
        return None
    value = Decimal(whole.replace(",", "."))
    if match[2] is None:
        return value
    part = _fraction(match[2], match[3])
    if part is None or part >= 1 or not whole.isdigit():  # "24 3/2", "24.5 1/2"
        return None
    return value + part


def _fraction(numerator: str, denominator: str) -> Decimal | None:
    if int(denominator) == 0:
        return None
    fraction = Fraction(int(numerator), int(denominator))
    if not _terminates(fraction.denominator):  # ⅓ has no exact decimal
        return None
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


def _terminates(denominator: int) -> bool:
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def _format(values: _Values, unit: Unit) -> str:
    present = [
        (letter, value) for letter, value in zip(_LETTERS, values, strict=True) if value is not None
    ]
    letters = "".join(letter for letter, _ in present)
    if len(present) >= 2 and "hwd".startswith(letters):
        numbers = " × ".join(_number_text(value) for _, value in present)
    else:  # "h. 45 cm" for a sculpture, "w. 80 × d. 4 cm" when the height is not known
        numbers = " × ".join(f"{letter}. {_number_text(value)}" for letter, value in present)
    return f"{numbers} {unit}"


def _number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")
