"""Reads whose SQL Django writes once per process.

Building a queryset and writing its SQL costs Django far more than the database takes to
answer it: for the exhibitions of an artist, 1.2 ms to build the queryset and 1.9 ms to write
its SQL, against 0.6 ms to run it and make its rows into records (issue 9, measured on the
bench's catalogue). A page of twenty reads spends most of its time there.

A :class:`PreparedRead` builds its queryset once per database and per viewer's access, with
stand-in values (*slots*) where each request's values go (a person's id, a list of reviews'
ids), has Django write its SQL once, and then runs that SQL with the request's values, making
records as Django would (``select_related``, ``only``, annotations and ``values`` included).

Who sees what stays decided by the access rules (:mod:`vernissage.core.access`). The builder
is given the viewer as an :class:`~vernissage.core.access.AskedViewer`: it answers the access
predicates for the real viewer and remembers each question and its answer, and a later viewer
gets the same SQL only if every question gets the same answer from them. Anything else read
of the viewer raises. A builder reads nothing else that changes from one request to the next
(no clock, no language, no setting changed at run time, no database row): with
``VERNISSAGE_PREPARED_CHECK`` on, as in the tests, every run builds the read again with the
real viewer and values and raises :class:`PreparedReadMismatch` if its SQL or parameters
differ from what the prepared read ran.

A slot stands for an integer (:meth:`Slots.id`), a string compared as it is (:meth:`Slots.text`)
or a list of integers (:meth:`Slots.ids`, one parameter whatever the list's length: a JSON
array on SQLite, an array on PostgreSQL).
``prefetch_related`` is refused (its queries would be built on every run): read the related
rows with a second prepared read over ``Slots.ids`` and attach them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from threading import Lock
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.sql.compiler import SQLCompiler

from vernissage.core.access import AskedViewer, Viewer

T = TypeVar("T")

#: Stand-in values count down from here: within the range of every integer field but the
#: small ones (Django drops a condition on a value out of its field's range from the SQL,
#: and the slot with it; a slot that never reaches the SQL is refused).
_FIRST_SLOT = 2_147_000_001


def id_list_sql(ids: Sequence[int], *, vendor: str) -> tuple[str, list[Any]]:
    """A list of ids as SQL of one parameter (a JSON array on SQLite, an array on
    PostgreSQL), for ``IN (…)``: thousands of ids as thousands of parameters cost Django more
    to write than the database to read, SQLite caps their number, and a list of any length
    is the same SQL."""
    if vendor == "postgresql":
        # Written as the array's text, one string the server reads: psycopg writes a list
        # element by element, testing each against a pattern (1.5 ms for 2,000 ids, against
        # 0.2; a search page with facets hands over four such lists).
        return "SELECT unnest(%s::bigint[])", ["{" + ",".join(map(str, map(int, ids))) + "}"]
    return "SELECT value FROM json_each(%s)", [json.dumps(list(ids))]


def id_list(ids: Sequence[int], *, using: str = "default") -> RawSQL:
    """:func:`id_list_sql` as an expression, for ``field__in``."""
    return RawSQL(*id_list_sql(ids, vendor=connections[using].vendor))  # noqa: S611 (a parameter)


class PreparedReadError(RuntimeError):
    """A builder that cannot be prepared: a slot it never used, a prefetch."""


class PreparedReadMismatch(AssertionError):
    """The check (``VERNISSAGE_PREPARED_CHECK``) built the read again and got other SQL: the
    builder read something its key does not hold."""


@dataclass(frozen=True)
class _Slot:
    name: str
    kind: str  # "id", "text" or "ids"
    stand_in: Any  # the parameter as Django writes it


class Slots:
    """The stand-in values a builder puts where a request's values go."""

    def __init__(self, *, vendor: str, values: dict[str, Any] | None = None) -> None:
        self._vendor = vendor
        # Given values: the check's build with the real ones, through the same builder.
        self._values = values
        self.taken: list[_Slot] = []

    def _stand_in(self) -> int:
        return _FIRST_SLOT - len(self.taken)

    def id(self, name: str) -> int:
        """An integer: a record's id."""
        if self._values is not None:
            return int(self._values[name])
        stand_in = self._stand_in()
        self.taken.append(_Slot(name, "id", stand_in))
        return stand_in

    def text(self, name: str) -> str:
        """A string: a record's address word."""
        if self._values is not None:
            return str(self._values[name])
        stand_in = f"\x00slot {len(self.taken)}"
        self.taken.append(_Slot(name, "text", stand_in))
        return stand_in

    def ids(self, name: str) -> RawSQL:
        """A list of integers, for ``field__in=``."""
        if self._values is not None:
            sql, params = id_list_sql(self._values[name], vendor=self._vendor)
            return RawSQL(sql, params)  # noqa: S611 (a parameter)
        sql, params = id_list_sql([self._stand_in()], vendor=self._vendor)
        self.taken.append(_Slot(name, "ids", params[0]))
        return RawSQL(sql, params)  # noqa: S611 (a parameter)


Builder = Callable[[Viewer, Slots], "QuerySet[Any, T]"]


@dataclass(frozen=True)
class _Variant:
    answers: tuple[tuple[str, bool], ...]
    queryset: QuerySet[Any, Any]
    compiler: SQLCompiler
    sql: str
    params: tuple[Any, ...]
    #: Where each slot's value goes among the parameters.
    places: tuple[tuple[int, _Slot, type], ...]


class PreparedRead(Generic[T]):
    """A read built and written once per database and viewer's access; see the module."""

    def __init__(self, name: str, build: Builder[T]) -> None:
        self.name = name
        self._build = build
        self._variants: dict[str, tuple[_Variant, ...]] = {}
        self._lock = Lock()

    def run(self, *, viewer: Viewer, using: str = "default", **values: Any) -> list[T]:
        """The rows for this viewer and these values (``id`` slots an int, ``text`` slots a
        string, ``ids`` slots a list of ints)."""
        variant = self._variant(viewer, using)
        params = list(variant.params)
        vendor = connections[using].vendor
        for index, slot, kind in variant.places:
            value = values[slot.name]
            if slot.kind == "ids":
                params[index] = id_list_sql(value, vendor=vendor)[1][0]
            else:
                params[index] = kind(value)
        if settings.VERNISSAGE_PREPARED_CHECK:
            self._check(viewer, using, values, variant.sql, params)
        queryset = variant.queryset.all()  # a copy that runs
        compiler = copy.copy(variant.compiler)
        compiler.connection = connections[using]  # this thread's
        written = (variant.sql, tuple(params))
        compiler.as_sql = lambda *args, **kwargs: written  # type: ignore[method-assign]
        queryset.query.get_compiler = lambda *args, **kwargs: compiler  # type: ignore[method-assign]
        return list(queryset)

    def _variant(self, viewer: Viewer, using: str) -> _Variant:
        for variant in self._variants.get(using, ()):
            if all(
                AskedViewer.answer(viewer, question) is answer
                for question, answer in variant.answers
            ):
                return variant
        variant = self._prepare(viewer, using)
        with self._lock:
            known = self._variants.get(using, ())
            self._variants[using] = (*known, variant)
        return variant

    def _prepare(self, viewer: Viewer, using: str) -> _Variant:
        asked = AskedViewer(viewer)
        slots = Slots(vendor=connections[using].vendor)
        queryset = self._build(asked, slots).using(using)
        if getattr(queryset, "_prefetch_related_lookups", ()):
            raise PreparedReadError(
                f"{self.name}: a prepared read does not prefetch; read the related rows with "
                "another prepared read over Slots.ids"
            )
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        # A parameter as the backend was handed it: PostgreSQL's are sometimes wrapped in the
        # type of their column (psycopg's Int8, an int), and the values put in its place are.
        places = tuple(
            (index, slot, type(param))
            for index, param in enumerate(params)
            for slot in slots.taken
            if isinstance(param, type(slot.stand_in))
            and not isinstance(param, bool)
            and param == slot.stand_in
        )
        unused = {slot.name for slot in slots.taken} - {slot.name for _, slot, _ in places}
        if unused:
            raise PreparedReadError(f"{self.name}: slots never reached the SQL: {sorted(unused)}")
        return _Variant(
            answers=tuple(sorted(asked.answers.items())),
            queryset=queryset,
            compiler=compiler,
            sql=sql,
            params=tuple(params),
            places=places,
        )

    def _check(
        self, viewer: Viewer, using: str, values: dict[str, Any], sql: str, params: list[Any]
    ) -> None:
        slots = Slots(vendor=connections[using].vendor, values=values)
        queryset = self._build(viewer, slots).using(using)
        fresh_sql, fresh_params = queryset.query.get_compiler(using=using).as_sql()
        if (fresh_sql, list(fresh_params)) != (sql, params):
            raise PreparedReadMismatch(
                f"{self.name}: built again for this viewer and these values, the read is "
                f"{fresh_sql!r} with {fresh_params!r}; prepared, {sql!r} with {params!r}"
            )


def attach(
    parents: Sequence[Any],
    children: Sequence[Any],
    *,
    key: str,
    to_attr: str,
    back: str | None = None,
) -> None:
    """Hand each parent its children (those whose ``key`` is its id, in the children's
    order) as the list ``to_attr``, as ``Prefetch(…, to_attr=…)`` would; ``back``: the
    children's relation to their parent, filled so that reading it costs no query."""
    by_parent: dict[Any, list[Any]] = {}
    for child in children:
        by_parent.setdefault(getattr(child, key), []).append(child)
    for parent in parents:
        mine = by_parent.get(parent.pk, [])
        setattr(parent, to_attr, mine)
        if back is not None:
            for child in mine:
                setattr(child, back, parent)


def keep_prefetched(record: Model, name: str, rows: list[Any]) -> None:
    """Hand ``record`` the rows of its relation ``name`` (a many-to-many field or a reverse
    foreign key) as ``prefetch_related`` would: ``record.<name>.all()`` reads them without a
    query."""
    related = record._meta.get_field(name).related_model
    if not isinstance(related, type):
        raise PreparedReadError(f"{name} is not a relation of {type(record).__name__}")
    kept: QuerySet[Any] = QuerySet(model=related)
    kept._result_cache = rows
    kept._prefetch_done = True  # type: ignore[attr-defined]
    record.__dict__.setdefault("_prefetched_objects_cache", {})[name] = kept
