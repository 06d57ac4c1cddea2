"""Checks of JSON-LD against schema.org release 30.0 (``tests/data/schemaorg``), offline.

Two checks, each loaded once per test process:

- :func:`vocabulary_errors` reads the vocabulary (``schemaorg-current-http.ttl``) and checks a
  compact document the way the pages write it: every ``@type`` is a schema.org class, every
  property exists, is not superseded and has the node's type (or a supertype) in its domain,
  and every value is of a type its range expects (a node of a range class or a subclass; a
  string where Text is expected, a URL where URL is, an ISO 8601 date or date-time where Date
  or DateTime is; a number where Number is).
- :func:`shacl_errors` runs pyshacl with the published shapes (``schemaorg-shapes.shacl``)
  and the class hierarchy (``schemaorg-subclasses.shacl``, so that an ExhibitionEvent meets
  Event's shapes) on the documents expanded with the release's own context. The data-type
  shapes (Text, Date, URL, ...) are published with ``sh:nodeKind sh:BlankNodeOrIRI``, which
  no literal can meet; that one constraint is dropped from them when they are loaded.
"""

from __future__ import annotations

import json
import re
import warnings
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
from pyshacl.errors import ShapeRecursionWarning
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS, SH

DATA = Path(__file__).resolve().parents[1] / "data" / "schemaorg"
SCHEMA = Namespace("http://schema.org/")
SHAPES = Namespace("http://schema.org/validation#")
#: The data types the shapes file gives a shape of their own.
DATA_TYPE_SHAPES = (
    "Text",
    "URL",
    "Date",
    "DateTime",
    "Time",
    "Number",
    "Integer",
    "Float",
    "Boolean",
)
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_URL = re.compile(r"https?://[^\s]+")


class Vocabulary:
    """The classes and properties of schema.org, with domains, ranges and superclasses."""

    def __init__(self, graph: Graph) -> None:
        self.classes = {self._name(c) for c in graph.subjects(RDF.type, RDFS.Class)}
        self.classes.discard("")
        self.properties = {self._name(p) for p in graph.subjects(RDF.type, RDF.Property)}
        self.properties.discard("")
        self.superseded = {self._name(s) for s in graph.subjects(SCHEMA.supersededBy, None)}
        self.parents: dict[str, set[str]] = {}
        for child, parent in graph.subject_objects(RDFS.subClassOf):
            if self._name(child) and self._name(parent):
                self.parents.setdefault(self._name(child), set()).add(self._name(parent))
        self.domains: dict[str, set[str]] = {}
        self.ranges: dict[str, set[str]] = {}
        for prop, cls in graph.subject_objects(SCHEMA.domainIncludes):
            self.domains.setdefault(self._name(prop), set()).add(self._name(cls))
        for prop, cls in graph.subject_objects(SCHEMA.rangeIncludes):
            self.ranges.setdefault(self._name(prop), set()).add(self._name(cls))
        self.data_types = {self._name(t) for t in graph.subjects(RDF.type, SCHEMA.DataType)}
        self.data_types |= {c for c in self.classes if self.ancestors(c) & self.data_types}

    @staticmethod
    def _name(term: Any) -> str:
        text = str(term)
        return text.removeprefix(str(SCHEMA)) if text.startswith(str(SCHEMA)) else ""

    @cache  # noqa: B019 - one vocabulary per process, kept for the session
    def ancestors(self, cls: str) -> frozenset[str]:
        """The class and all its superclasses."""
        found = {cls}
        for parent in self.parents.get(cls, ()):
            found |= self.ancestors(parent)
        return frozenset(found)


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(Graph().parse(DATA / "schemaorg-current-http.ttl", format="turtle"))


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", [])
    return [value] if isinstance(value, str) else list(value)


def _literal_fits(value: Any, ranges: set[str]) -> bool:
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, int):
        return bool({"Integer", "Number"} & ranges)
    if isinstance(value, float):
        return bool({"Float", "Number"} & ranges)
    if not isinstance(value, str) or not value.strip():
        return False
    if "Text" in ranges:
        return True
    if "URL" in ranges and _URL.fullmatch(value):
        return True
    if "Date" in ranges and _is_date(value):
        return True
    return "DateTime" in ranges and _is_datetime(value)


def _is_date(value: str) -> bool:
    """ISO 8601 to the year, the month or the day (schema.org's Date), of a day that exists."""
    if not _DATE.fullmatch(value):
        return False
    if len(value) == 7:
        return 1 <= int(value[5:]) <= 12
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
    return True


def _is_datetime(value: str) -> bool:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value and moment.tzinfo is not None


def vocabulary_errors(document: dict[str, Any]) -> list[str]:
    """What in ``document`` schema.org does not define or does not expect, one line each."""
    vocab = vocabulary()
    errors: list[str] = []
    if document.get("@context") != "https://schema.org":
        errors.append(f"@context is {document.get('@context')!r}, not 'https://schema.org'")
    _check_node(document, "$", vocab, errors)
    return errors


def _check_node(node: dict[str, Any], where: str, vocab: Vocabulary, errors: list[str]) -> None:
    types = _types(node)
    if not types:
        errors.append(f"{where}: a node without @type")
    for cls in types:
        if cls not in vocab.classes or cls in vocab.data_types:
            errors.append(f"{where}: @type {cls} is not a schema.org class")
        elif cls in vocab.superseded:
            errors.append(f"{where}: @type {cls} is superseded")
    ancestors: set[str] = set()
    for cls in types:
        if cls in vocab.classes:
            ancestors |= vocab.ancestors(cls)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        at = f"{where}.{key}"
        if key not in vocab.properties:
            errors.append(f"{at}: {key} is not a schema.org property")
            continue
        if key in vocab.superseded:
            errors.append(f"{at}: {key} is superseded")
        if ancestors and not vocab.domains.get(key, set()) & ancestors:
            errors.append(f"{at}: {key} is not a property of {'/'.join(types)}")
        ranges = vocab.ranges.get(key, set())
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            _check_value(item, ranges, f"{at}[{index}]", vocab, errors)


def _check_value(
    value: Any, ranges: set[str], where: str, vocab: Vocabulary, errors: list[str]
) -> None:
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            if not ranges - vocab.data_types and "URL" not in ranges:
                errors.append(f"{where}: a reference where {sorted(ranges)} is expected")
            return
        if not any(vocab.ancestors(cls) & ranges for cls in _types(value)):
            errors.append(f"{where}: {_types(value)} where {sorted(ranges)} is expected")
        _check_node(value, where, vocab, errors)
        return
    if not _literal_fits(value, ranges):
        errors.append(f"{where}: {value!r} where {sorted(ranges)} is expected")


@cache
def _shapes() -> tuple[Graph, Graph]:
    shapes = Graph().parse(DATA / "schemaorg-shapes.shacl", format="turtle")
    for name in DATA_TYPE_SHAPES:
        shapes.remove((SHAPES[f"ValidSchema{name}"], SH.nodeKind, None))
    subclasses = Graph().parse(DATA / "schemaorg-subclasses.shacl", format="turtle")
    return shapes, subclasses


@cache
def _context() -> dict[str, Any]:
    context: dict[str, Any] = json.loads(
        (DATA / "schemaorgcontext.jsonld").read_text(encoding="utf-8")
    )["@context"]
    return context


def _without_ids(node: Any) -> Any:
    """The document with its nodes anonymous: one person's page says they know another, whose
    page says they know the first; merged by ``@id``, that is a cycle the shapes recurse into
    (pyshacl gives up twelve levels deep). Each page is checked as the tree it is."""
    if isinstance(node, dict):
        return {key: _without_ids(value) for key, value in node.items() if key != "@id"}
    if isinstance(node, list):
        return [_without_ids(item) for item in node]
    return node


def as_graph(documents: list[dict[str, Any]]) -> Graph:
    """The documents as one RDF graph, expanded with the release's context (no network).

    They are read as one ``@graph``: the context (200 kB) is worked out once, not once per
    document, which took longer than the shapes themselves."""
    nodes = []
    for document in documents:
        if document.get("@context") != "https://schema.org":
            raise ValueError(f"not a schema.org document: {document.get('@context')!r}")
        nodes.append(_without_ids({k: v for k, v in document.items() if k != "@context"}))
    data = json.dumps({"@context": _context(), "@graph": nodes})
    return Graph().parse(data=data, format="json-ld")


def shacl_errors(documents: list[dict[str, Any]]) -> list[str]:
    """The shapes' violations in the documents, checked together in one run."""
    shapes, subclasses = _shapes()
    with warnings.catch_warnings():
        # A shape met again inside itself (a person's page names a review, which names an
        # exhibition: Thing within Thing) is not followed further; nothing is left unchecked,
        # as every typed node is also a focus node of its own class's shape.
        warnings.simplefilter("ignore", ShapeRecursionWarning)
        conforms, _report, text = pyshacl.validate(
            as_graph(documents),
            shacl_graph=shapes,
            ont_graph=subclasses,
            inference="none",
            allow_warnings=True,
        )
    return [] if conforms else [str(text)]
