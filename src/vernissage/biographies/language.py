"""Which language a text is in, told by its script and, for Latin script, its commonest
words: enough to refuse a biography that is not in English, offline and in microseconds."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str
    name: str | Promise


_NAMES: dict[str, Promise] = {
    "en": _("English"),
    "fr": _("French"),
    "de": _("German"),
    "es": _("Spanish"),
    "it": _("Italian"),
    "pt": _("Portuguese"),
    "nl": _("Dutch"),
    "ru": _("Russian"),
    "uk": _("Ukrainian"),
    "el": _("Greek"),
    "ar": _("Arabic"),
    "he": _("Hebrew"),
    "zh": _("Chinese"),
    "ja": _("Japanese"),
    "ko": _("Korean"),
    "hi": _("Hindi"),
    "th": _("Thai"),
    "hy": _("Armenian"),
    "ka": _("Georgian"),
}

#: Words frequent in one language's prose and rare in the others'.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and of to was his her is with that for as by on he she at from which were had "
        "their who this an it been has would into".split(),
    ),
    "fr": frozenset(
        "le les des et est une du dans au qui sur pour avec il elle son sa ses aux pas ne "
        "été était sont cette ces mais où par".split(),
    ),
    "de": frozenset(
        "der die das und ist ein eine mit von im den dem nicht sich auf für zu wurde "
        "sie er war auch bei nach aus".split(),
    ),
    "es": frozenset(
        "el los las y es una del con por para que se su como al fue sus pero más este "
        "esta donde".split(),
    ),
    "it": frozenset(
        "il lo gli è una della del di che con per nel sono alla dei delle anche suo sua "
        "nella era".split(),
    ),
    "pt": frozenset(
        "o os é uma do da dos das com para que em não no na seu sua foi ao pelo pela "
        "também".split(),
    ),
    "nl": frozenset(
        "het een en van is met op niet voor zijn werd dat bij ook naar hij zij wordt door".split(),
    ),
}

_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("CYRILLIC", "ru"),
    ("GREEK", "el"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
    ("HANGUL", "ko"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
    ("ARMENIAN", "hy"),
    ("GEORGIAN", "ka"),
)
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for prefix, code in _SCRIPTS:
        if name.startswith(prefix):
            return code
    return "latin" if name.startswith("LATIN") else ""


def language_of(text: str) -> Language | None:
    """The language of ``text``, or None when it is too short to tell."""
    sample = text[:5000]
    scripts = Counter(_script(char) for char in sample if char.isalpha())
    letters = sum(scripts.values())
    if not letters:
        return None
    script, count = max(((s, c) for s, c in scripts.items() if s), key=lambda item: item[1])
    if script != "latin" and count > letters * 0.3:
        if script == "ru" and any(char in sample for char in "іїєґІЇЄҐ"):
            script = "uk"
        if script == "zh" and (scripts.get("ja", 0) > 0):
            script = "ja"
        return Language(script, _NAMES[script])
    words = Counter(word.casefold() for word in _WORD.findall(sample))
    scores = {
        code: sum(words[word] for word in stopwords) for code, stopwords in _STOPWORDS.items()
    }
    best = max(scores, key=lambda code: scores[code])
    if best != "en" and scores[best] >= 3 and scores[best] > 1.5 * scores["en"]:
        return Language(best, _NAMES[best])
    if scores["en"] == 0:
        return None
    return Language("en", _NAMES["en"])
