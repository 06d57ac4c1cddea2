"""Everything a person reads is written for translation."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import Engine, Template
from django.template.base import Node, NodeList, TextNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

import vernissage

TEMPLATES = sorted(Path(vernissage.__file__).parent.glob("*/templates/**/*.html"))
#: Names that read the same in every language.
PROPER_NAMES = frozenset({"Vernissage", "ULAN", "Wikidata", "Getty", "AAT"})
#: Attributes a person reads (or hears, from a screen reader).
SHOWN_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label", "label"})
#: Stands for whatever a tag or a variable writes: no letters, so no words.
OUTPUT = "\u2063"


def _written(nodes: NodeList | list[Node]) -> str:
    """The template's text as written, each tag and variable replaced by ``OUTPUT``; the
    branches of ``if`` and ``for`` one after the other; translated text left out."""
    parts = []
    for node in nodes:
        if isinstance(node, TextNode):
            parts.append(node.s)
        elif isinstance(node, TranslateNode | BlockTranslateNode) or not node.child_nodelists:
            parts.append(OUTPUT)
        else:
            for name in node.child_nodelists:
                parts.append(_written(getattr(node, name, None) or []))
    return "".join(parts)


class _Words(HTMLParser):
    """The words of a page a person reads: text outside scripts and styles, and the values
    of the attributes they are shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self._collect(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._collect(data)

    def _collect(self, text: str) -> None:
        self.words += [word for word in re.findall(r"[^\W\d_]+", text) if word not in PROPER_NAMES]


def untranslated_words(source: str) -> list[str]:
    """Words a person would read on the page that no translate tag carries."""
    parser = _Words()
    parser.feed(_written(Template(source, engine=Engine.get_default()).nodelist))
    parser.close()
    return parser.words


@pytest.mark.parametrize(
    ("source", "words", "_case"),
    [
        ('{% load i18n %}<p>{% translate "Works" %} — Vernissage</p>', [], "translated"),
        ("<h1>Works</h1>", ["Works"], "text"),
        (
            "{% if x %}<p>{{ x }}</p>{% else %}<p>None yet.</p>{% endif %}",
            ["None", "yet"],
            "branch",
        ),
        ('<input placeholder="Name" value="{{ q }}">', ["Name"], "shown attribute"),
        ('<a href="{% url "site:home" %}" class="brand">{{ name }}</a>', [], "tags only"),
        ("<script>var label = 'hidden';</script>", [], "script"),
        ("{% comment %}Notes for developers.{% endcomment %}", [], "comment"),
    ],
)
def test_the_guard_finds_words_outside_translate_tags(
    source: str, words: list[str], _case: str
) -> None:
    assert untranslated_words(source) == words


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path).split("/templates/")[1])
def test_every_template_writes_its_words_for_translation(path: Path) -> None:
    # Parsing also fails on a translate tag in a template that does not load i18n.
    assert untranslated_words(path.read_text(encoding="utf-8")) == []


def test_the_templates_are_found() -> None:
    names = {str(path).split("/templates/")[1] for path in TEMPLATES}
    assert {"site/base.html", "site/history.html", "account/login.html"} <= names
