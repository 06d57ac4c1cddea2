"""Keyset pagination: pages of a list found by where the last one ended, never by OFFSET.

A deep page costs what the first page costs: the database seeks to the position the
cursor names in the index of the list's order and reads one page of rows from there, and
nothing counts the whole list. The cursor is the sort values of the row at the edge of a
page, signed, so a cursor that was changed, made up or copied from another list gives the
first page instead of an error. The order always ends on the primary key, so that rows
sharing their sort values (two works of the same day and title) are neither skipped nor
shown twice.

    page = keyset_page(artwork_list(viewer=user), params=request.GET, per_page=48)
    {% include "site/_keyset_pagination.html" %}   # "Previous" / "Next" links
"""

from __future__ import annotations

import datetime
import decimal
import json
import operator
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, Generic, TypeVar

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections, models
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import QueryDict
from django.utils.functional import cached_property

CURSOR_PARAMETER = "cursor"
_SALT = "vernissage.core.pagination"

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class SortKey:
    """One column of a list's order: a model field or annotation name (``date_earliest``,
    ``series__title``, ``closes``), its direction, and where NULL goes when the order says
    so (``F("closes").desc(nulls_last=True)``; None: where the database puts it)."""

    name: str
    descending: bool = False
    nulls_last: bool | None = None

    @property
    def label(self) -> str:
        nulls = {None: "", True: "~last", False: "~first"}[self.nulls_last]
        return f"-{self.name}{nulls}" if self.descending else f"{self.name}{nulls}"

    def reversed(self) -> SortKey:
        nulls = None if self.nulls_last is None else not self.nulls_last
        return SortKey(self.name, not self.descending, nulls)

    def order_by(self) -> str | OrderBy:
        if self.nulls_last is None:
            return f"-{self.name}" if self.descending else self.name
        nulls = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        column = F(self.name)
        return column.desc(**nulls) if self.descending else column.asc(**nulls)


@dataclass
class KeysetPage(Generic[M]):
    """One page of a list, with the query strings that lead to its neighbours.

    Iterating gives the rows. ``next_query``/``previous_query`` are whole query strings (the
    list's other parameters kept, the cursor replaced), empty where there is no such page.
    """

    object_list: list[M]
    has_next: bool
    has_previous: bool
    next_query: str = ""
    previous_query: str = ""
    first_query: str = ""
    per_page: int = 0
    ordering: tuple[SortKey, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[M]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def sort_keys(
    queryset: QuerySet[Any], ordering: Sequence[str] | None = None
) -> tuple[SortKey, ...]:
    """The order of a list as sort keys, ending on the primary key.

    ``ordering`` as in ``order_by`` (``"-date_earliest", "title"``); without it, the
    queryset's own order, else its model's default order.
    """
    names: Sequence[Any] = ordering or queryset.query.order_by or queryset.model._meta.ordering
    keys: list[SortKey] = []
    for name in names:
        if isinstance(name, OrderBy) and isinstance(name.expression, F):
            field_name: str = name.expression.name  # type: ignore[attr-defined]
            nulls = True if name.nulls_last else False if name.nulls_first else None
            keys.append(SortKey(field_name, bool(name.descending), nulls))
            continue
        if not isinstance(name, str) or name == "?":
            raise ValueError(f"cannot page by {name!r}: name fields, not expressions")
        key = SortKey(name.lstrip("-"), name.startswith("-"))
        keys.append(SortKey("pk", key.descending) if key.name in ("pk", "id") else key)
        if keys[-1].name == "pk":
            break
    if not keys or keys[-1].name != "pk":
        keys.append(SortKey("pk", keys[-1].descending if keys else False))
    return tuple(keys)


def _nulls_sort_high(queryset: QuerySet[Any]) -> bool:
    """Whether the database puts NULL after every value in ascending order.

    PostgreSQL and Oracle do (NULLS LAST ascending, FIRST descending); SQLite and MySQL put
    NULL before every value. Paging follows the database's own order, so that the list's
    index serves it as it is.
    """
    return connections[queryset.db].vendor in ("postgresql", "oracle")


def _encode(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _row_values(row: models.Model, keys: Sequence[SortKey]) -> list[Any]:
    values = []
    for key in keys:
        value: Any = row
        for part in key.name.split("__"):
            value = None if value is None else getattr(value, part)
        values.append(_encode(value))
    return values


def _cursor_for(row: models.Model, keys: Sequence[SortKey], *, backwards: bool) -> str:
    signer = signing.Signer(salt=f"{_SALT}:{','.join(k.label for k in keys)}")
    return signer.sign_object({"b": backwards, "v": _row_values(row, keys)}, compress=True)


def _read_cursor(cursor: str, keys: Sequence[SortKey]) -> tuple[bool, list[Any]] | None:
    """The direction and values a cursor holds, or None for one that is not ours."""
    signer = signing.Signer(salt=f"{_SALT}:{','.join(k.label for k in keys)}")
    try:
        data = signer.unsign_object(cursor)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    if not isinstance(data, dict):
        return None
    values = data.get("v")
    if not isinstance(values, list) or len(values) != len(keys):
        return None
    return bool(data.get("b")), values


def _field_of(queryset: QuerySet[Any], name: str) -> Any:
    """The field a sort key names: an annotation's output field, or a model field, following
    relations (``series__title``)."""
    if name in queryset.query.annotations:
        return queryset.query.annotations[name].output_field
    model: Any = queryset.model
    parts = name.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    last = parts[-1]
    return model._meta.pk if last == "pk" else model._meta.get_field(last)


def _beyond(
    keys: Sequence[SortKey], values: Sequence[Any], *, nulls_high: bool, queryset: QuerySet[Any]
) -> list[Q]:
    """Rows that come after ``values`` in the order of ``keys``, as parts to read one after
    the other, each a range of the list's index; none when nothing comes after."""
    typed = [
        _field_of(queryset, key.name).to_python(value)
        for key, value in zip(keys, values, strict=True)
    ]
    branches: list[Q] = []
    equal = Q()
    for key, value in zip(keys, typed, strict=True):
        # NULL sits past every value in the direction it sorts high (PostgreSQL ascending).
        nulls_after = key.nulls_last if key.nulls_last is not None else nulls_high != key.descending
        if value is None:
            after = Q(**{f"{key.name}__isnull": False}) if not nulls_after else None
            same = Q(**{f"{key.name}__isnull": True})
        else:
            lookup = "lt" if key.descending else "gt"
            after = Q(**{f"{key.name}__{lookup}": value})
            if nulls_after:
                after |= Q(**{f"{key.name}__isnull": True})
            same = Q(**{key.name: value})
        if after is not None:
            branches.append(equal & after)
        equal &= same
    if not branches:
        return []
    condition = reduce(operator.or_, branches)
    first, first_value = keys[0], typed[0]
    if first_value is None or len(keys) == 1:
        return [condition]
    # The same rows, said again as a bound on the leading column, so that the database
    # seeks in the index instead of reading it from the start. Where NULL comes after every
    # value (SQLite's newest-first lists), "up to the value or NULL" is no range the planner
    # sees: at a million works it read its way down the index (130 ms for page 9,191). The
    # rows with a value are then read first, and, if they do not fill the page, the NULLs.
    lookup = "lte" if first.descending else "gte"
    bound = Q(**{f"{first.name}__{lookup}": first_value})
    first_nulls_after = (
        first.nulls_last if first.nulls_last is not None else nulls_high != first.descending
    )
    if first_nulls_after:
        return [bound & condition, Q(**{f"{first.name}__isnull": True})]
    return [bound & condition]


def _order_by(keys: Sequence[SortKey], *, reverse: bool) -> list[str | OrderBy]:
    return [(key.reversed() if reverse else key).order_by() for key in keys]


def _query(params: Mapping[str, Any], cursor: str | None) -> str:
    query = QueryDict(mutable=True)
    if isinstance(params, QueryDict):
        for name, values in params.lists():
            if name != CURSOR_PARAMETER:
                query.setlist(name, values)
    else:
        for name, value in params.items():
            if name != CURSOR_PARAMETER:
                query[name] = value
    if cursor:
        query[CURSOR_PARAMETER] = cursor
    return query.urlencode()


def keyset_cursor_after(
    queryset: QuerySet[Any], row: models.Model, *, ordering: Sequence[str] | None = None
) -> str:
    """The cursor of the page that starts after ``row`` in the list's order (for links made
    elsewhere than on a page, and for the benchmarks' deep pages)."""
    return _cursor_for(row, sort_keys(queryset, ordering), backwards=False)


def keyset_page(
    queryset: QuerySet[M],
    *,
    params: Mapping[str, Any],
    per_page: int,
    ordering: Sequence[str] | None = None,
) -> KeysetPage[M]:
    """The page of ``queryset`` that ``params["cursor"]`` names; the first page without one,
    or with one that is not a valid cursor of this list's order. One query (two for the page
    where the values of a newest-first list give way to its undated rows), no count."""
    keys = sort_keys(queryset, ordering)
    raw = params.get(CURSOR_PARAMETER) or ""
    read = _read_cursor(raw, keys) if isinstance(raw, str) and raw else None
    backwards, values = read if read is not None else (False, None)
    parts = [Q()]
    if values is not None:
        direction = tuple(key.reversed() for key in keys) if backwards else keys
        try:
            parts = _beyond(
                direction, values, nulls_high=_nulls_sort_high(queryset), queryset=queryset
            )
        except (ValueError, TypeError, ValidationError):
            # Signed by us but unreadable now (a field changed type): the first page.
            parts, values, backwards = [Q()], None, False
    order = _order_by(keys, reverse=backwards)
    rows: list[M] = []
    for part in parts:
        rows += queryset.filter(part).order_by(*order)[: per_page + 1 - len(rows)]
        if len(rows) > per_page:
            break
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
        has_previous, has_next = more, True
    else:
        has_previous, has_next = values is not None, more
    page = KeysetPage(
        object_list=rows,
        has_next=has_next and bool(rows),
        has_previous=has_previous,
        per_page=per_page,
        ordering=keys,
        first_query=_query(params, None),
    )
    if page.has_next:
        page.next_query = _query(params, _cursor_for(rows[-1], keys, backwards=False))
    if page.has_previous and rows:
        page.previous_query = _query(params, _cursor_for(rows[0], keys, backwards=True))
    elif page.has_previous:
        page.previous_query = page.first_query
    return page


@dataclass(frozen=True)
class ListPage:
    """A page of a public list as its template reads it: ``page`` (a :class:`KeysetPage`, or
    Django's numbered page), whether it is ``numbered``, and ``query``, the list's URL query
    without the page number, for the numbered links."""

    page: Any
    numbered: bool
    query: str


def list_page(
    rows: QuerySet[Any] | Sequence[Any], *, params: QueryDict, per_page: int, numbered: bool
) -> ListPage:
    """A list paged the way it is read: by keyset in the list's own order (a deep page costs
    what the first does), or by number when ``numbered`` (the ranked results of a search,
    whose pages are few and short)."""
    page: Any
    if numbered:
        page = Paginator(rows, per_page).get_page(params.get("page"))
    else:
        assert isinstance(rows, QuerySet), "keyset pages read a queryset"  # noqa: S101
        page = keyset_page(rows, params=params, per_page=per_page)
    query = params.copy()
    query.pop("page", None)
    return ListPage(page=page, numbered=numbered, query=query.urlencode())


_INTEGER_KEYS = ("AutoField", "BigAutoField", "SmallAutoField")

#: Rows an admin change list counts exactly; past it, the count is an estimate.
COUNT_CAP = 10_000


def _planner_rows(queryset: QuerySet[Any]) -> int | None:
    """PostgreSQL's estimate of the rows of a query, from its plan (no row is read); the
    table's ``reltuples`` for a whole table. On other databases, the largest integer
    primary key for a whole table (one index read), else None."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        pk = queryset.model._meta.pk
        if queryset.query.where or pk is None or pk.get_internal_type() not in _INTEGER_KEYS:
            return None
        largest = queryset.order_by().aggregate(largest=models.Max("pk"))["largest"]
        return int(largest) if largest is not None else None
    if not queryset.query.where:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cursor.fetchone()
        if row is not None and row[0] is not None and row[0] >= 0:
            return int(row[0])
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def capped_count(queryset: QuerySet[Any], cap: int | None = None) -> tuple[int, bool]:
    """How many rows a list holds: exact up to ``cap`` (reading at most cap + 1 rows), then
    the planner's estimate on PostgreSQL, the largest id of a whole table on SQLite, or
    ``cap + 1`` for a filtered list on SQLite; and whether it is exact."""
    cap = COUNT_CAP if cap is None else cap
    counted = queryset.order_by().values("pk")[: cap + 1].count()
    if counted <= cap:
        return counted, True
    estimate = _planner_rows(queryset)
    return max(cap + 1, estimate or 0), False


class EstimatedCountPaginator(Paginator[Any]):
    """The admin's paginator for long change lists: no ``COUNT(*)`` of the whole table.

    A change list of a million works counted them all for every page (about a second on
    either database). This one counts at most ``COUNT_CAP`` rows and, past that, takes the
    planner's estimate (PostgreSQL) or the cap (SQLite); with ``show_full_result_count =
    False`` on the admin, no query counts the whole table.
    """

    count_is_exact = True

    @cached_property
    def count(self) -> int:
        object_list = self.object_list
        if isinstance(object_list, QuerySet):
            total, self.count_is_exact = capped_count(object_list)
            return total
        self.count_is_exact = True
        return len(object_list)
