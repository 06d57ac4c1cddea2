"""The reader's rules: each a named function over sentences and the proper names in them.

The parts are kept libraries and lists: ``pysbd`` splits sentences with their offsets, the
GeoNames gazetteer (``places``) tells cities, ``lexicon`` holds the words of English
biographies. Every rule returns what it read with the span it read it from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cache

from vernissage.biographies import lexicon, places
from vernissage.biographies.sentences import Sentence as Sentence
from vernissage.biographies.sentences import split_sentences as split_sentences
from vernissage.core.text import fold

# ----------------------------------------------------------------------------- sentences
# (in ``sentences``, which the demo's loader uses without the rest of the reader)

# ----------------------------------------------------------------------------- proper names

_TOKEN = re.compile(
    r"[A-Z]\.(?=\s)"  # an initial
    r"|[^\W\d_](?:[\w’'\-.]*\w)?(?:[’']s\b|[’'](?=[\s,.;:]))?"  # a word, maybe possessive
    r"|\d+|[^\w\s]"
)
_POSSESSIVE = re.compile(r"[’'](?:s)?$")
_QUOTES = re.compile(r"“[^”]{1,120}”|\"[^\"\n]{1,120}\"|«[^»]{1,120}»")


@dataclass
class Mention:
    """A proper name in a sentence, and what kind of name the rules take it for."""

    text: str
    start: int
    end: int
    sentence: Sentence
    kind: str
    """person | city | region | landmark | country | school | venue | org | area | time |
    name (a name not known to be anything else yet) | place? (flagged: a place the gazetteer
    does not know)."""
    possessive: bool = False
    tokens: tuple[str, ...] = ()
    role: str = ""
    tie: str = ""
    introduced: bool = False
    list_head: bool = False
    person: str = ""
    """The person (their full name) this mention names, once people are known."""

    @property
    def before(self) -> str:
        return self.sentence.text[: self.start - self.sentence.start]

    @property
    def after(self) -> str:
        return self.sentence.text[self.end - self.sentence.start :]


@cache
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold(word) for word in words)


def _org_word(word: str) -> bool:
    key = fold(word)
    return any(
        key in _folded(words)
        for words in (lexicon.SCHOOL_WORDS, lexicon.VENUE_WORDS, lexicon.OTHER_ORG_WORDS)
    )


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def name_runs(sentence: Sentence, text: str) -> Iterator[tuple[list[str], int, int, bool]]:
    """Runs of capitalised words (joined by "of", "de", "van"...) in ``sentence``: the
    tokens, their span and whether the last one is possessive. Quoted titles are skipped."""
    body = sentence.text
    quoted = [(m.start(), m.end()) for m in _QUOTES.finditer(body)]
    tokens = [m for m in _TOKEN.finditer(body) if not any(a <= m.start() < b for a, b in quoted)]
    i = 0
    while i < len(tokens):
        token = tokens[i].group()
        if not _is_capitalised(token) or not token[0].isalpha():
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens) and not _POSSESSIVE.search(run[-1].group()):
            word = tokens[j].group()
            adjacent = tokens[j].start() - run[-1].end() <= 1
            if not adjacent:
                break
            if _is_capitalised(word) and word[0].isalpha():
                run.append(tokens[j])
                j += 1
                continue
            connector = word in lexicon.NAME_PARTICLES
            if word in (lexicon.ORG_CONNECTORS | lexicon.ORG_AND) - lexicon.NAME_PARTICLES:
                # "Museum of Modern Art", not "in Berlin of the French photographer"
                connector = any(_org_word(t.group()) for t in run) or (
                    word not in lexicon.ORG_AND
                    and j + 1 < len(tokens)
                    and _org_word(tokens[j + 1].group())
                )
            k = j + 1  # "of the University": connectors may follow one another
            while (
                connector
                and k < len(tokens)
                and tokens[k].group() in {"the", "la", "le", "de", "der"}
                and tokens[k].start() - tokens[k - 1].end() <= 1
            ):
                k += 1
            if (
                connector
                and k < len(tokens)
                and _is_capitalised(tokens[k].group())
                and tokens[k].group()[0].isalpha()
                and tokens[k].start() - tokens[k - 1].end() <= 1
            ):
                run.extend(tokens[j : k + 1])
                j = k + 1
                continue
            break
        words = [t.group() for t in run]
        possessive = bool(_POSSESSIVE.search(words[-1]))
        if possessive:
            words[-1] = _POSSESSIVE.sub("", words[-1])
        start = sentence.start + run[0].start()
        end = sentence.start + run[-1].start() + len(words[-1])
        yield words, start, end, possessive
        i = j


def _trim(words: list[str], start: int, *, sentence_start: bool, lower_words: set[str]) -> int:
    """How many leading words are not part of the name: common words, and a sentence's first
    word when the text also writes it in lower case ("Critics praised...")."""
    drop = 0
    while drop < len(words):
        word = words[drop]
        key = word.casefold().rstrip(".")
        first = sentence_start and drop == 0
        if drop + 1 < len(words) and _org_word(word):
            break  # "Museum of Modern Art", "Gallery Weekend"
        if key in lexicon.COMMON_WORDS or key in lexicon.MONTHS or (first and key in lower_words):
            drop += 1
            while (
                drop < len(words) and words[drop] in lexicon.ORG_CONNECTORS | lexicon.NAME_PARTICLES
            ):
                drop += 1
            continue
        break
    return drop


def classify_name(name: str, *, in_context: bool, catalogue: Collection[str] = ()) -> str:
    """The kind of a proper name read on its own: school, venue, org, landmark, country,
    region, area, time, city, or name."""
    words = [fold(word) for word in name.split()]
    key = " ".join(words)
    if any(word in _folded(lexicon.SCHOOL_WORDS) for word in words):
        return "school"
    if key in _folded(lexicon.VENUE_NAMES) or any(
        word in _folded(lexicon.VENUE_WORDS) for word in words
    ):
        return "venue"
    if any(word in _folded(lexicon.OTHER_ORG_WORDS) for word in words):
        return "org"
    if any(word in lexicon.LANDMARK_WORDS for word in words[1:]) or (
        len(words) > 1 and words[0] in {"mount", "lake", "cape"}
    ):
        return "landmark"
    if places.is_country(key):
        return "country"
    if key in lexicon.WIDE_AREAS:
        return "area"
    if places.is_region(key):
        return "region"
    if all(word in lexicon.MONTHS for word in words):
        return "time"
    if places.city_of(name, in_context=in_context, catalogue=catalogue) is not None:
        return "city"
    return "name"


_LOCATION_BEFORE = re.compile(
    r"(?:\b(?:in|near|outside|across|around|from|to|via|between|of|at|rural|northern|southern"
    r"|eastern|western|central|suburban|downtown|native)|,)\s*$",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(
    r"\b(?:in|near|outside|across|around|rural|northern|southern|eastern|western|central"
    r"|(?:island|city|town|village|region|province|county|port|isle) of(?: the)?)\s+$"
)


def clauses(sentence: Sentence) -> list[tuple[int, int]]:
    """The clauses of a sentence as absolute spans, cut at ";" and ", and"/", but"/", while"."""
    spans = []
    start = 0
    for cut in re.finditer(r";|,\s+(?:and|but|while|whereas)\s+", sentence.text):
        spans.append((sentence.start + start, sentence.start + cut.start()))
        start = cut.end()
    spans.append((sentence.start + start, sentence.end))
    return spans


def find_mentions(
    text: str, sentences: list[Sentence], *, catalogue: Collection[str] = ()
) -> list[Mention]:
    """Every proper name in the text with its first guess of kind."""
    lower_words = set(re.findall(r"\b[a-z][a-z'’-]*\b", text))
    folded_catalogue = {fold(name) for name in catalogue}
    mentions: list[Mention] = []
    for sentence in sentences:
        for words, start, end, possessive in name_runs(sentence, text):
            sentence_start = start == sentence.start or not text[sentence.start : start].strip(
                "\"'“‘([ "
            )
            drop = _trim(words, start, sentence_start=sentence_start, lower_words=lower_words)
            if drop == len(words):
                continue
            if drop:
                start = text.index(words[drop], start)
                words = words[drop:]
            while words and words[-1] in lexicon.ORG_CONNECTORS | lexicon.NAME_PARTICLES:
                words.pop()
            name = text[start:end]
            before = text[sentence.start : start]
            in_context = bool(_LOCATION_BEFORE.search(before))
            kind = classify_name(name, in_context=in_context, catalogue=folded_catalogue)
            if kind == "name":
                # A nation or a movement before a name ("the Russian painter Ivan Petrov") is
                # not part of it; nor is a name made only of such words.
                while words and fold(words[0]) in lexicon.DEMONYMS:
                    start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
                    words = words[1:]
                if not words:
                    continue
                name = text[start:end]
                kind = classify_name(name, in_context=in_context, catalogue=folded_catalogue)
            mentions.append(
                Mention(
                    text=name,
                    start=start,
                    end=end,
                    sentence=sentence,
                    kind=kind,
                    possessive=possessive,
                    tokens=tuple(name.split()),
                )
            )
    return mentions


# ----------------------------------------------------------------------------- people


def _alternation(words: Collection[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_ROLE = _alternation(lexicon.PERSON_ROLES)
_PLURAL = _alternation(lexicon.PLURAL_ROLES)
_KIN = _alternation(lexicon.TIE_NOUNS)
_NOUN = _alternation(lexicon.PERSON_NOUNS)

_ROLE_BEFORE = re.compile(rf"\b({_ROLE})(?:\s*,)?(?:\s+(?:named|called))?\s*,?\s*$", re.IGNORECASE)
_KIN_BEFORE = re.compile(
    rf"\b(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}}?({_KIN})\b(?:\s*,|\s+(?:was|is|were|are))?"
    rf"(?:\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}?({_ROLE}))?(?:\s*,)?(?:\s+(?:named|called))?\s*$",
    re.IGNORECASE,
)
_NAMED_BEFORE = re.compile(rf"\b(?:({_NOUN})\s+)?(?:named|called)\s*$", re.IGNORECASE)
_LIST_BEFORE = re.compile(
    rf"\b({_PLURAL})\s*,?\s+(?:like|such as|including|among them|notably)\s*$", re.IGNORECASE
)
_LIST_NEXT = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+or\s+)$")
_ROLE_AFTER = re.compile(
    rf"^\s*(?:,|\()\s*(?:a|an|the|his|her|their)?\s*(?:[\w-]+\s+){{0,3}}?({_ROLE})\b",
    re.IGNORECASE,
)
_IS_ROLE_AFTER = re.compile(
    rf"^\s+(?:was|is|became|had become)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?({_ROLE})\b",
    re.IGNORECASE,
)
_KIN_AFTER = re.compile(
    rf"^\s*,\s*(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}}?({_KIN})\b", re.IGNORECASE
)


def role_introduction(mention: Mention) -> tuple[str, str, bool]:
    """(role, tie, introduced) that the words around ``mention`` give: "the critic Sophia
    Petrova", "her mother, the pianist X", "a young woman named Sophia", "X, a collector"."""
    before, after = mention.before, mention.after
    role = tie = ""
    introduced = False
    if match := _KIN_BEFORE.search(before):
        tie = lexicon.TIE_NOUNS[match.group(1).casefold()]
        role = lexicon.PERSON_ROLES.get(match.group(1).casefold(), "")
        if match.group(2):
            role = lexicon.PERSON_ROLES[match.group(2).casefold()]
        introduced = True
    elif match := _ROLE_BEFORE.search(before):
        role = lexicon.PERSON_ROLES[match.group(1).casefold()]
        introduced = True
    elif _NAMED_BEFORE.search(before):
        introduced = True
    elif match := _LIST_BEFORE.search(before):
        role = lexicon.PLURAL_ROLES[match.group(1).casefold()]
        introduced = True
        mention.list_head = True
    if mention.kind == "city":
        return role, tie, introduced  # "in Moscow, a young artist named...": Moscow is no one
    if match := _KIN_AFTER.search(after):
        tie = tie or lexicon.TIE_NOUNS[match.group(1).casefold()]
        role = role or lexicon.PERSON_ROLES.get(match.group(1).casefold(), "")
        introduced = True
    elif not role and (match := _ROLE_AFTER.search(after) or _IS_ROLE_AFTER.search(after)):
        role = lexicon.PERSON_ROLES[match.group(1).casefold()]
        introduced = True
    return role, tie, introduced


@dataclass
class Person:
    name: str
    """As the text writes it."""
    key: str = ""
    """Unique in the reading: the name, and "Karl Lutz (2)" for a second Karl Lutz."""
    mentions: list[Mention] = field(default_factory=list)
    role: str = ""
    ties: list[tuple[str, Mention, float]] = field(default_factory=list)
    confidence: float = 0.7

    @property
    def first(self) -> Mention:
        return self.mentions[0]


_ROLE_RANK = {"": 0, "other": 0, "artist": 1}


def _better_role(current: str, new: str) -> str:
    """The most specific of two roles: any named role beats "artist", which beats none."""
    return new if _ROLE_RANK.get(new, 2) > _ROLE_RANK.get(current, 2) else current


def find_people(
    mentions: list[Mention], *, recognised: Collection[tuple[int, int]] = ()
) -> list[Person]:
    """The people the text names: names introduced by a role or "named", names of two words
    or more not read as a place or an organization, and the single words (a surname, a first
    name) that stand for one of them. ``recognised``: spans a statistical recogniser labels as
    people, which rules override for organizations and places."""
    recognised_spans = set(recognised)
    recurring = (
        Counter(
            m.text
            for m in mentions
            if any(a <= m.start and m.end <= b for a, b in recognised_spans)
        )
        if recognised_spans
        else Counter()
    )
    people: dict[str, Person] = {}
    previous: Mention | None = None
    for mention in mentions:
        if mention.kind not in {"name", "city"}:
            previous = mention
            continue
        role, tie, introduced = role_introduction(mention)
        if (
            not introduced
            and previous is not None
            and previous.kind == "person"
            and previous.list_head
            and previous.sentence is mention.sentence
            and _LIST_NEXT.match(
                mention.sentence.text[
                    previous.end - mention.sentence.start : mention.start - mention.sentence.start
                ]
            )
        ):
            role, introduced = previous.role, True
            mention.list_head = True
        words = [word for word in mention.tokens if word not in lexicon.NAME_PARTICLES]
        if mention.kind == "city" and not introduced:
            previous = mention
            continue
        joiner = any(
            word in {"of", "for", "the", "and", "on", "in", "&"} for word in mention.tokens
        )
        preceded_by_article = bool(re.search(r"\b(?:the|a|an)\s+$", mention.before, re.IGNORECASE))
        in_place_context = bool(_IN_BEFORE.search(mention.before))
        accepted = introduced or (
            len(words) >= 2
            and not joiner
            and not preceded_by_article
            and not in_place_context
            and all(len(word) > 1 or word.endswith(".") for word in words)
        )
        if recognised_spans and not accepted and not joiner and not preceded_by_article:
            # One word the model calls a person once may be an adjective ("Igbo shrines") or
            # a title: it is taken when the model says so twice, or of a possessive.
            accepted = (
                any(a <= mention.start and mention.end <= b for a, b in recognised_spans)
                and not in_place_context
                and (len(words) >= 2 or mention.possessive or recurring[mention.text] >= 2)
            )
        if not accepted:
            previous = mention
            continue
        mention.kind = "person"
        mention.role = role
        mention.tie = tie
        mention.introduced = introduced
        person = _person_for(people, mention, role, tie)
        person.mentions.append(mention)
        person.role = _better_role(person.role, role)
        if introduced:
            person.confidence = 0.9
        mention.person = person.key
        previous = mention
    _attach_single_names(mentions, people)
    return list(people.values())


def _person_for(people: dict[str, Person], mention: Mention, role: str, tie: str) -> Person:
    """The person a mention names: the last one of that name, unless this mention introduces
    someone else by that name (another role or another tie: "her father, the architect Karl
    Lutz" and "her son, the photographer Karl Lutz" are two people)."""
    same = [person for person in people.values() if person.name == mention.text]
    if same:
        last = same[-1]
        earlier = [m for m in last.mentions if m.introduced]
        if not (mention.introduced and earlier and (role or tie)):
            return last
        if all(_compatible(m.role, role) and _compatible(m.tie, tie) for m in earlier):
            return last
    key = mention.text if not same else f"{mention.text} ({len(same) + 1})"
    return people.setdefault(key, Person(mention.text, key))


def _compatible(first: str, second: str) -> bool:
    return not first or not second or first == second or "artist" in {first, second}


def _attach_single_names(mentions: list[Mention], people: dict[str, Person]) -> None:
    """A single word that is the first or last word of a person's full name names that person
    ("Sophia" for Sophia Petrova); the single-word person is folded into the full name."""
    by_word: dict[str, list[Person]] = {}
    for person in people.values():
        tokens = person.name.split()
        for size in range(1, len(tokens)):
            for part in (" ".join(tokens[:size]), " ".join(tokens[-size:])):
                if person not in by_word.get(part, []):
                    by_word.setdefault(part, []).append(person)
    for mention in mentions:
        if mention.kind not in {"name", "person"}:
            continue
        candidates = by_word.get(mention.text, [])
        if not candidates:
            continue
        if mention.kind == "person" and mention.introduced:
            continue  # "the collector, Petrov" is their own person, not Viktor Petrov
        target = candidates[0]
        if mention.kind == "person" and mention.person in people:
            alone = people[mention.person]
            alone.mentions.remove(mention)
            if not alone.mentions:
                del people[mention.person]
        mention.kind = "person"
        mention.person = target.key
        target.mentions.append(mention)
        target.mentions.sort(key=lambda m: m.start)


def choose_subject(people: list[Person], first_sentence: Sentence | None) -> Person | None:
    """The person the biography is about: the one named most often (full name, surname or
    first name alone), the earlier on a tie, with a head start for the first sentence."""
    if not people:
        return None
    first = min(people, key=lambda person: person.first.start)

    def weight(person: Person) -> tuple[float, int]:
        count = len(person.mentions) + (1.5 if person is first else 0)
        if len(person.name.split()) < 2 and not person.first.introduced:
            count -= 0.5
        return count, -person.first.start

    return max(people, key=weight)


# ----------------------------------------------------------------------------- the subject

_MAKER = _alternation(lexicon.MAKER_ROLES)
_AS_ROLE = re.compile(
    rf"\b(?:is|was|became|becoming|as|worked as|trained as|remains|remained)\s+"
    rf"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){{0,3}}?({_MAKER}|artist)\b"
    rf"((?:\s*(?:,|and|&)\s*(?:[\w-]+\s+)?(?:{_MAKER})\b)*)",
    re.IGNORECASE,
)
_MORE_MAKERS = re.compile(rf"\b({_MAKER})\b", re.IGNORECASE)
_WORK_NOUNS = _alternation(lexicon.WORK_NOUN_ROLES)
_POSSESSED_WORKS = re.compile(
    rf"\b(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}}?({_WORK_NOUNS})\b", re.IGNORECASE
)
_WORKS_AFTER = re.compile(rf"^\s*(?:[\w-]+\s+){{0,2}}?({_WORK_NOUNS})\b", re.IGNORECASE)


def text_after_possessive(mention: Mention) -> str:
    """The words after "Harada's" (the possessive ending is not part of the mention)."""
    return re.sub(r"^[’']s?", "", mention.after)


def _introduces_other(offset: int, subject: Person, mentions: list[Mention]) -> bool:
    """Whether a person other than the subject is named right after ``offset``."""
    return any(
        m.kind == "person" and m.person != subject.key and 0 <= m.start - offset <= 3
        for m in mentions
    )


_PRONOUN_START = re.compile(r"^(?:\W*)(?:he|she|born|raised|educated|trained)\b", re.I)


def by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    """The mentions of each sentence, by the sentence's index."""
    index: dict[int, list[Mention]] = {}
    for mention in mentions:
        index.setdefault(mention.sentence.index, []).append(mention)
    return index


def _about_subject(sentence: Sentence, subject: Person, here: list[Mention]) -> bool:
    """A sentence speaks of the subject when it names them, or names no other person and
    refers to someone by pronoun."""
    named = {m.person for m in here if m.kind == "person"}
    if subject.key in named or _PRONOUN_START.match(sentence.text):
        return True
    return not named and bool(re.search(r"\b(?:he|she|his|her|him)\b", sentence.text, re.I))


def subject_roles(
    sentences: list[Sentence], subject: Person, mentions: list[Mention]
) -> list[tuple[str, int, int, Sentence, float]]:
    """The subject's roles as the nouns the text gives them: "as a renowned photographer",
    "is a painter and printmaker", "the painter X", and "his paintings" (a painter)."""
    found: list[tuple[str, int, int, Sentence, float]] = []
    index = by_sentence(mentions)
    possessives = by_sentence([m for m in subject.mentions if m.possessive])
    for mention in subject.mentions:
        if mention.role:
            found.append((mention.role, mention.start, mention.end, mention.sentence, 0.85))
    for sentence in sentences:
        here = index.get(sentence.index, [])
        if not _about_subject(sentence, subject, here):
            continue
        for match in _AS_ROLE.finditer(sentence.text):
            # The role is the subject's unless another person is named between.
            nouns = [(match.group(1), match.start(1))]
            nouns += [
                (m.group(1), match.start(2) + m.start(1))
                for m in _MORE_MAKERS.finditer(match.group(2) or "")
            ]
            for noun, offset in nouns:
                role = lexicon.MAKER_ROLES.get(noun.casefold(), "artist")
                start = sentence.start + offset
                if _introduces_other(start + len(noun), subject, here):
                    continue  # "her students include the filmmaker X": X's role
                found.append((role, start, start + len(noun), sentence, 0.9))
        for mention in possessives.get(sentence.index, []):
            if mention.possessive:
                tail = text_after_possessive(mention)
                if works := _WORKS_AFTER.match(tail):
                    role = lexicon.WORK_NOUN_ROLES[works.group(1).casefold()]
                    start = mention.end + (len(mention.after) - len(tail)) + works.start(1)
                    found.append((role, start, start + len(works.group(1)), sentence, 0.7))
        for match in _POSSESSED_WORKS.finditer(sentence.text):
            role = lexicon.WORK_NOUN_ROLES[match.group(1).casefold()]
            start = sentence.start + match.start(1)
            found.append((role, start, start + len(match.group(1)), sentence, 0.7))
    return found


_BIRTH = re.compile(
    r"(?<!-)\b(?:born|grew up|raised|childhood|native of|hails from|hailed from)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-2][0-9])\b")
_LIFE_SPAN = re.compile(r"^\s*\(\s*(?:b\.|born)?\s*(?:c\.\s*)?(1[0-9]{3}|20[0-2][0-9])\b([^)]*)\)")


def birth(
    sentences: list[Sentence], subject: Person, mentions: list[Mention]
) -> tuple[Mention | None, tuple[str, int, int, Sentence] | None]:
    """Where and when the text says the subject was born (or grew up from childhood): the
    first place after "born"/"grew up" in a sentence about them, and the year there, or in
    "(born 1962)" / "(1962–2010)" after their name."""
    place: Mention | None = None
    year: tuple[str, int, int, Sentence] | None = None
    index = by_sentence(mentions)
    for mention in subject.mentions:
        if match := _LIFE_SPAN.match(mention.after):
            start = mention.end + match.start(1)
            year = (match.group(1), start, start + 4, mention.sentence)
            inside = (start + 4, mention.end + match.end(2))
            spots = [
                m
                for m in index.get(mention.sentence.index, [])
                if inside[0] <= m.start < inside[1] and m.kind in {"city", "region", "place?"}
            ]
            if spots:
                place = spots[0]
            break
    for sentence in sentences:
        cue = _BIRTH.search(sentence.text)
        here = index.get(sentence.index, [])
        if cue is None or not _about_subject(sentence, subject, here):
            continue
        before = sentence.text[: cue.start()]
        if _KIN_ANYWHERE.search(before):
            continue  # "her mother was born in Kyiv"
        others = [
            m
            for m in here
            if m.kind == "person"
            and m.person != subject.key
            and m.start - sentence.start < cue.start()
        ]
        if others and subject.key not in {m.person for m in here}:
            continue
        offset = sentence.start + cue.start()
        limit = sentence.end
        if before.rfind("(") > before.rfind(")"):  # "(born 1970)": the place is inside
            close = sentence.text.find(")", cue.start())
            limit = sentence.start + close if close >= 0 else limit
        after = [m for m in here if offset <= m.start < limit]
        if place is None:
            spots = [m for m in after if m.kind in {"city", "region", "landmark", "place?"}]
            countries = [m for m in after if m.kind == "country"]
            if spots or countries:
                place = (spots or countries)[0]
        if year is None:
            window = sentence.text[cue.start() : cue.start() + 80]
            if match := _YEAR.search(window):
                start = offset + match.start(1)
                year = (match.group(1), start, start + 4, sentence)
    return place, year


_KIN_ANYWHERE = re.compile(rf"\b(?:his|her|their)\s+(?:[\w-]+\s+){{0,2}}?(?:{_KIN})\b", re.I)
_STUDY = re.compile(
    r"\b(?:stud(?:ied|ying|ies|y)|trained|attended|enrolled|graduat\w*|educated|was a student|"
    r"honed|learn\w*|schooled|degree|diploma|courses?|classes)\b",
    re.IGNORECASE,
)
_TEACH = re.compile(r"\b(?:taught|teach\w*|professor|lectur\w*|founded|director|dean)\b", re.I)


def schools(mentions: list[Mention]) -> list[Mention]:
    """Schools the subject attended: named schools, unless the sentence says they taught
    there or founded it and not that they studied."""
    found = []
    for mention in mentions:
        if mention.kind != "school":
            continue
        text = mention.sentence.text
        if _TEACH.search(text) and not _STUDY.search(text):
            continue
        found.append(mention)
    return found


def life_places(mentions: list[Mention]) -> list[Mention]:
    """The places of the life: cities, regions, landmarks and flagged unknown places; not
    countries, continents, or venues."""
    return [m for m in mentions if m.kind in {"city", "region", "landmark", "place?"}]


def flag_unknown_places(mentions: list[Mention]) -> None:
    """A name that is no person, after "in", "near", "rural"..., is a place the gazetteer does
    not know: kept as written, flagged."""
    for mention in mentions:
        if mention.kind == "name" and (
            _IN_BEFORE.search(mention.before) or _AREA_AFTER.match(mention.after)
        ):
            mention.kind = "place?"


_AREA_AFTER = re.compile(
    r"^\s+(?:coast|desert|region|valley|mountains|river|islands|steppe|plateau|delta|basin)\b"
)


def venues(mentions: list[Mention]) -> list[Mention]:
    """Venues named with a proper name (museums, galleries, foundations)."""
    return [m for m in mentions if m.kind == "venue"]


_INVITATION = re.compile(r"\binvit\w*", re.IGNORECASE)
_SHOW = re.compile(
    r"\b(?:exhibit\w*|show\w*|display\w*|present\w*|retrospective|solo|group show|biennale|"
    r"biennial|install\w*|creat\w*|perform\w*|participat\w*|take part|residency)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Invitation:
    inviter: str
    place: str
    sentence: Sentence
    start: int
    end: int


def invitations(
    sentences: list[Sentence], subject: Person | None, mentions: list[Mention]
) -> list[Invitation]:
    """Invitations to exhibit: who invited (a person or organization named after "from"/"by",
    or before "invited"; empty when unnamed) and the city of the show."""
    found: list[Invitation] = []
    index = by_sentence(mentions)
    for sentence in sentences:
        for cue in _INVITATION.finditer(sentence.text):
            offset = sentence.start + cue.start()
            clause = next((a, b) for a, b in clauses(sentence) if a <= offset < b)
            if not _SHOW.search(
                sentence.text[clause[0] - sentence.start : clause[1] - sentence.start]
            ):
                continue
            here = index.get(sentence.index, [])
            found.append(_invitation(sentence, clause, offset, cue.group(), subject, here))
    return found


def _invitation(
    sentence: Sentence,
    clause: tuple[int, int],
    offset: int,
    cue: str,
    subject: Person | None,
    mentions: list[Mention],
) -> Invitation:
    here = [m for m in mentions if clause[0] <= m.start < clause[1]]
    inviter = ""
    agents = [
        m
        for m in here
        if m.kind in {"person", "venue", "org", "school"}
        and (subject is None or m.person != subject.key)
    ]
    for agent in agents:
        before = agent.before
        if agent.start > offset and re.search(
            r"\b(?:from|by)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s*,?\s+){0,4}$", before
        ):
            inviter = agent.person or agent.text
            break
        if agent.end <= offset and re.match(
            r"^\s*(?:\w+\s+){0,2}invit", sentence.text[agent.end - sentence.start :]
        ):
            inviter = agent.person or agent.text
            break
    place = ""
    spots = [m for m in here if m.kind in {"city", "region", "place?"} and m.start > offset]
    spots = spots or [m for m in reversed(here) if m.kind in {"city", "region", "place?"}]
    if spots:
        place = spots[0].text
    else:
        for venue in (m for m in here if m.kind == "venue"):
            for word in venue.tokens:
                if places.city_of(word, in_context=True) is not None:
                    place = word
                    break
            if place:
                break
    return Invitation(inviter, place, sentence, offset, offset + len(cue))


# ----------------------------------------------------------------------------- ties

_TIE_CUES = [(re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in lexicon.TIE_CUES]
_TOGETHER = re.compile(
    r"\b(?:they|their|together|each other|one another|the couple|the pair|the two)\b", re.I
)
_PATRON_ACTS = re.compile(
    r"\b(?:invit\w*|commission\w*|bought|buys|acquired|purchased|collected)\b", re.I
)


def ties(
    sentences: list[Sentence], subject: Person, people: list[Person], mentions: list[Mention]
) -> None:
    """The subject's tie to each person, from the kin word that introduces them ("his wife"),
    from what the sentences naming them (or speaking of "them" just after) say, and from a
    collector or patron who invites, commissions or buys; stored in ``person.ties``."""
    others = {person.key: person for person in people if person is not subject}
    last_other: tuple[str, int] | None = None
    index = by_sentence(mentions)
    for sentence in sentences:
        named = [
            m for m in index.get(sentence.index, []) if m.kind == "person" and m.person in others
        ]
        for mention in named:
            if mention.tie:
                others[mention.person].ties.append((mention.tie, mention, 0.9))
        names = {m.person for m in named}
        targets: list[tuple[str, tuple[int, int]]] = []
        if len(names) == 1:
            targets.append((next(iter(names)), (sentence.start, sentence.end)))
        elif not names and last_other and sentence.index - last_other[1] <= 3:
            if _TOGETHER.search(sentence.text):
                targets.append((last_other[0], (sentence.start, sentence.end)))
        elif len(names) > 1:
            for clause in clauses(sentence):
                inside = {m.person for m in named if clause[0] <= m.start < clause[1]}
                if len(inside) == 1:
                    targets.append((next(iter(inside)), clause))
                elif len(inside) > 1:
                    _ties_to_the_next_name(sentence, clause, named, others)
        for target, (a, b) in targets:
            person = others[target]
            anchor = next((m for m in named if m.person == target), None)
            words = sentence.text[a - sentence.start : b - sentence.start]
            for pattern, kind in _TIE_CUES:
                if match := pattern.search(words):
                    cue = Mention(
                        text=match.group(),
                        start=a + match.start(),
                        end=a + match.end(),
                        sentence=sentence,
                        kind="cue",
                    )
                    person.ties.append((kind, anchor or cue, 0.75))
            if person.role in {"collector", "patron"} and _PATRON_ACTS.search(words):
                person.ties.append(("patron", anchor or person.first, 0.7))
        if names:
            last_other = (named[-1].person, sentence.index)


def _ties_to_the_next_name(
    sentence: Sentence, clause: tuple[int, int], named: list[Mention], others: dict[str, Person]
) -> None:
    """In a clause naming several people, a cue belongs to the person named right after it
    ("studied under the engraver X", "a close friend of the poet Y")."""
    words = sentence.text[clause[0] - sentence.start : clause[1] - sentence.start]
    for pattern, kind in _TIE_CUES:
        for match in pattern.finditer(words):
            end = clause[0] + match.end()
            following = [m for m in named if 0 <= m.start - end <= 40]
            if following:
                others[following[0].person].ties.append((kind, following[0], 0.7))


def strongest_tie(person: Person) -> tuple[str, Mention, float] | None:
    if not person.ties:
        return None
    return min(person.ties, key=lambda tie: lexicon.TIE_ORDER.index(tie[0]))


_UNNAMED = re.compile(
    rf"\b(?:his|her|their)\s+(?:(?!and\b|or\b)[\w-]+\s+){{0,3}}?"
    rf"({_alternation(lexicon.UNNAMED_KIN)})\b(?!\s*,?\s*(?:the\s+\w+\s+)?(?-i:[A-Z]))",
    re.IGNORECASE,
)


def unnamed_people(sentences: list[Sentence]) -> list[tuple[str, int, int, Sentence]]:
    """People who matter but are not named ("her strict but lovable mother"), once each;
    never given an invented name."""
    found: dict[str, tuple[str, int, int, Sentence]] = {}
    for sentence in sentences:
        parent_seen = False
        for match in _UNNAMED.finditer(sentence.text):
            kin = match.group(1).casefold()
            if kin in {"son", "daughter"} and parent_seen:
                continue  # "her mother, who dreamed of her daughter...": the subject herself
            parent_seen = parent_seen or kin in {"mother", "father", "parents"}
            start = sentence.start + match.start(1)
            found.setdefault(kin, (kin, start, start + len(kin), sentence))
    return list(found.values())


_MEDIUM = re.compile(rf"\b({_alternation(lexicon.MEDIA)})\b", re.IGNORECASE)


def media(sentences: list[Sentence]) -> list[tuple[str, int, int, Sentence]]:
    """The media the text names, as work classifications (whose AAT labels name them)."""
    found: dict[str, tuple[str, int, int, Sentence]] = {}
    for sentence in sentences:
        for match in _MEDIUM.finditer(sentence.text):
            kind = lexicon.MEDIA[match.group(1).casefold()]
            start = sentence.start + match.start(1)
            found.setdefault(kind, (kind, start, start + len(match.group(1)), sentence))
    return list(found.values())
