"""From what a person hands in (bytes of plain text, Markdown or HTML) to the plain text the
reader reads, or a refusal that says why.

HTML is never rendered: its text is taken out with the standard library's parser, scripts,
styles and everything else that is not prose dropped.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from vernissage.biographies.language import language_of

MAX_BYTES = 1_000_000
"""The longest text read as one biography (a long obituary is 20 kB; a book is not a biography
to read in one go)."""


class ReadingRefused(Exception):
    """The text cannot be read; the message says why, for the person who handed it in."""


_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol section article header footer blockquote tr td th "
    "table dd dt dl figcaption pre hr".split()
)
_DROPPED_TAGS = frozenset(
    "script style noscript template head title iframe object embed svg math".split()
)
_HTML = re.compile(r"<\s*(?:!doctype|html|body|p|div|br|h[1-6]|script|span|article|section|em)\b",
                   re.IGNORECASE)  # fmt: skip


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropped = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._dropped = max(0, self._dropped - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._dropped:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The prose of an HTML document: tags, scripts and styles removed, paragraphs kept."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_MD_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d+\.)\s+", re.MULTILINE)


def markdown_text(text: str) -> str:
    """Markdown's prose: headings, emphasis, links and quote marks reduced to their words."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_BULLET.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def decode(data: bytes) -> str:
    """The text of ``data``, or a refusal for what is not text."""
    if not data.strip():
        raise ReadingRefused(_("The text is empty."))
    if len(data) > MAX_BYTES:
        raise ReadingRefused(
            _("The text is %(size).1f MB; the reader takes one biography of at most %(most)d MB.")
            % {"size": len(data) / 1_000_000, "most": MAX_BYTES // 1_000_000}
        )
    if b"\x00" in data[:8192]:
        raise ReadingRefused(_("This is not a text file (it holds binary data)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(
        1 for char in text[:20000] if unicodedata.category(char) == "Cc" and char not in "\n\r\t"
    )
    if controls > max(2, len(text[:20000]) // 200) or text.count("\ufffd") > len(text) // 50:
        raise ReadingRefused(_("This is not a text file (it holds binary data)."))
    return text


def prose(text: str) -> str:
    """The plain prose of a text handed in as plain text, Markdown or HTML, checked to be
    English; raises ``ReadingRefused`` otherwise."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise ReadingRefused(
            _("The text is %(size).1f MB; the reader takes one biography of at most %(most)d MB.")
            % {"size": len(text.encode("utf-8", errors="replace")) / 1_000_000, "most": 1}
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = html_text(text) if _HTML.search(text) else markdown_text(text)
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise ReadingRefused(_("The text is empty."))
    language = language_of(text)
    if language is not None and language.code != "en":
        raise ReadingRefused(
            _("This text is in %(language)s; the reader reads biographies in English only.")
            % {"language": language.name}
        )
    return text
