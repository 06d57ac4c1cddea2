"""The people graph: a page that draws it (and lists it, for readers without the drawing) and
its data as JSON, both public and both answering for their viewer (``people.graph``).

The filters are a form in the URL (``?kind=partner&kind=parent&year=2013&around=<slug>``), so
a filtered graph can be linked to; the page and the JSON read the same form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_safe

from vernissage.core.access import Viewer
from vernissage.people.graph import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    graph_person_find,
    kind_choices,
    people_graph,
)
from vernissage.site.page_cache import public_page_cache


class GraphFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label=gettext_lazy("Kinds of ties"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None chosen: every kind."),
    )
    year = forms.IntegerField(
        label=gettext_lazy("In the year"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=gettext_lazy("Ties that may be current that year; ties without dates too."),
    )
    around = forms.CharField(
        label=gettext_lazy("Around"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("A person’s name, or the address of their page."),
    )
    depth = forms.TypedChoiceField(
        label=gettext_lazy("Reaching"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            (1, gettext_lazy("their own ties")),
            (2, gettext_lazy("and their ties’ ties")),
        ],
    )
    limit = forms.IntegerField(
        label=gettext_lazy("At most"),
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        widget=forms.NumberInput(attrs={"placeholder": str(DEFAULT_LIMIT)}),
        help_text=gettext_lazy("People and organizations drawn."),
    )

    def __init__(self, data: Any, *, viewer: Viewer) -> None:
        super().__init__(data)
        self.viewer = viewer
        self.fields["kind"].choices = kind_choices(viewer)  # type: ignore[attr-defined]

    def clean_around(self) -> Any:
        text = self.cleaned_data["around"].strip().strip("/").rsplit("/", 1)[-1]
        if not text:
            return None
        found = graph_person_find(text=text, viewer=self.viewer)
        if not found:
            raise forms.ValidationError(gettext("Nobody by that name or address."))
        if len(found) > 1:
            raise forms.ValidationError(
                gettext("Several people match “%(text)s”: write more of the name.") % {"text": text}
            )
        return found[0]

    def graph_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "kinds": data["kind"] or None,
            "year": data["year"],
            "around": data["around"],
            "depth": data["depth"] or 1,
            "limit": data["limit"] or DEFAULT_LIMIT,
        }


@login_not_required
@public_page_cache
@require_safe
def people_graph_view(request: HttpRequest) -> HttpResponse:
    form = GraphFilterForm(request.GET, viewer=request.user)
    graph = people_graph(viewer=request.user, **form.graph_arguments()) if form.is_valid() else None
    return render(
        request,
        "site/people/graph.html",
        {
            "form": form,
            "graph": graph,
            "data": graph.as_json() if graph is not None else None,
            "ties": graph.ties_of() if graph is not None else [],
            "center": (form.cleaned_data.get("around") if graph is not None else None),
        },
    )


@login_not_required
@public_page_cache
@require_safe
def people_graph_data_view(request: HttpRequest) -> JsonResponse:
    form = GraphFilterForm(request.GET, viewer=request.user)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    graph = people_graph(viewer=request.user, **form.graph_arguments())
    return JsonResponse(graph.as_json(), json_dumps_params={"ensure_ascii": False})
