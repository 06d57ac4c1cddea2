"""Everything a person reads is written for translation, and a catalogue does translate it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.template import Engine, Template
from django.template.base import Node, NodeList, TextNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.test import Client
from django.utils import translation
from tests.factories.people import PersonFactory

import vernissage
from vernissage.core.services import soft_delete, staff_roles_set
from vernissage.people import services as people

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


# --- a catalogue translates the pages end to end -----------------------------------------------


def test_public_pages_come_out_in_the_language_of_the_catalogue(
    client: Client, french: None, db: Any
) -> None:
    moscow = people.place_resolve(name="Moscow", acting_user=None)
    PersonFactory(display_name="Ana Kalmurzaev", birth_place=moscow)

    page = client.get("/artists/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert '<html lang="fr">' in page
    assert "<h1>Artistes</h1>" in page  # {% translate %}
    assert "artiste · née à Moscow</span>" in page  # a model's choices, {% blocktranslate %}


def test_english_stays_the_default(client: Client, french: None, db: Any) -> None:
    PersonFactory(display_name="Ana Kalmurzaev")

    page = client.get("/artists/", HTTP_ACCEPT_LANGUAGE="de").content.decode()

    assert '<html lang="en">' in page
    assert "<h1>Artists</h1>" in page


def test_history_comes_out_in_the_language_of_the_catalogue(
    client: Client, french: None, db: Any
) -> None:
    registrar = User.objects.create_user(username="mila", password="x")
    staff_roles_set(user=registrar, roles=["Registrar"], acting_user=None)
    person = PersonFactory(display_name="Ana Kalmurzaev")
    person.biography = "Born in Moscow."
    people.person_save(person=person, acting_user=registrar)
    client.force_login(registrar)

    page = client.get(person.get_history_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "<h1>Historique de Ana Kalmurzaev</h1>" in page
    assert "<caption>2 modifications, les plus récentes d’abord</caption>" in page  # plural
    assert "<td>Créé</td>" in page  # the audit log's action, a lazy choice label
    assert "<dt>Biographie</dt>" in page  # a field's name, given for translation


def test_a_service_refuses_in_the_language_of_the_catalogue(french: None, db: Any) -> None:
    person = PersonFactory(display_name="Ana Kalmurzaev")
    soft_delete(instance=person, acting_user=None)

    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        soft_delete(instance=person, acting_user=None)

    assert refused.value.messages == ["Ana Kalmurzaev est déjà supprimée."]
