"""The search page across kinds, and the facets of the works list (links built here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from vernissage.core.pagination import CURSOR_PARAMETER
from vernissage.search.selectors import KIND_LABELS, KINDS, Facet, Ranked, search
from vernissage.site.page_cache import public_page_cache

#: Records of each kind shown on the search page before "all N".
PREVIEW = 6
PAGE_SIZE = 24


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class FacetLinks:
    name: str
    label: Any
    links: list[FacetLink]


def facet_links(params: QueryDict, facets: list[Facet]) -> list[FacetLinks]:
    """Each facet value as a link: the current URL with the value chosen (or, when chosen,
    without it), back on the list's first page (no page number, no keyset cursor: the
    narrowed list is another list)."""
    kept = [
        (name, value)
        for name, values in params.lists()
        if name not in ("page", CURSOR_PARAMETER)
        for value in values
    ]
    result = []
    for facet in facets:
        links = []
        for value in facet.values:
            # The value takes the facet's place in the URL (or its end), once; a chosen
            # value's link leaves the facet out.
            wanted: list[tuple[str, str]] = []
            placed = value.selected
            for name, given in kept:
                if name != facet.name:
                    wanted.append((name, given))
                elif not placed:
                    wanted.append((name, value.value))
                    placed = True
            if not placed:
                wanted.append((facet.name, value.value))
            links.append(
                FacetLink(
                    label=value.label,
                    count=value.count,
                    selected=value.selected,
                    url=f"?{urlencode(wanted)}",
                )
            )
        result.append(FacetLinks(name=facet.name, label=facet.label, links=links))
    return result


@dataclass(frozen=True)
class KindSection:
    kind: str
    label: Any
    total: int
    records: list[Any]
    more_url: str
    #: More were found than counted (``total`` is then COUNT_MAX).
    capped: bool = False


@login_not_required
@public_page_cache
def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    kinds = [kind] if kind in KINDS else list(KINDS)
    results = search(viewer=request.user, query=query, kinds=kinds)
    sections: list[KindSection] = []
    page = None
    page_query = QueryDict(mutable=True)
    page_query.update({"q": query, "kind": kind})
    found_kind: Any = None
    if results.has_query:
        if kind in KINDS:
            found_kind = results.kinds[kind]
            page = Paginator(found_kind, PAGE_SIZE).get_page(request.GET.get("page"))
        else:
            for each in kinds:
                found = results.kinds[each]
                records = list(found[:PREVIEW])
                if records:
                    params = QueryDict(mutable=True)
                    params.update({"q": query, "kind": each})
                    sections.append(
                        KindSection(
                            kind=each,
                            label=KIND_LABELS[each],
                            total=found.counted,
                            records=records,
                            more_url=f"?{params.urlencode()}",
                            capped=found.capped,
                        )
                    )
    return render(
        request,
        "site/search/search.html",
        {
            "query": query,
            "has_query": results.has_query,
            "kind": kind if kind in KINDS else "",
            "kind_label": KIND_LABELS.get(kind, ""),
            "sections": sections,
            "page": page,
            "page_query": page_query.urlencode(),
            "capped": isinstance(found_kind, Ranked) and found_kind.capped,
            "counted": found_kind.counted if isinstance(found_kind, Ranked) else 0,
        },
    )
