"""Staff pages of the biography reader: hand in a text (pasted or uploaded), review what the
reader proposes with each fact highlighted where it was read, accept, edit or reject each,
and choose for every person, place and organization an existing record or a new one.

Only viewers who may read biographies (``can_read_biographies``: Owner, Registrar, Press) see
them; anyone else signed in gets the 404 of an unknown page. A refusal of the reader or of the
service comes back on the page as a message, never as an error page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from vernissage.biographies.intake import ReadingRefused, decode
from vernissage.biographies.models import Biography
from vernissage.biographies.selectors import (
    Candidate,
    organization_candidates,
    person_candidates,
    place_candidates,
)
from vernissage.biographies.services import Decision, biography_accept, biography_read
from vernissage.core.access import Viewer, can_read_biographies

#: Fields the catalogue takes; the others (invitations, unnamed people, media) stay in the
#: reading, shown but not written.
WRITABLE = frozenset(
    {"subject", "birthplace", "birth_year", "roles", "schools", "people", "relationships"}
    | {"places", "venues"}
)


def _allowed(viewer: Viewer) -> None:
    if not can_read_biographies(viewer):
        raise Http404


class BiographyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300, required=False)
    text = forms.CharField(
        label=gettext_lazy("Biography (plain text, Markdown or HTML)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
    )
    upload = forms.FileField(label=gettext_lazy("…or a file"), required=False)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def biography_list_view(request: HttpRequest) -> HttpResponse:
    _allowed(request.user)
    form = BiographyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        raw = form.cleaned_data["text"] or ""
        upload = form.cleaned_data["upload"]
        try:
            if upload is not None:
                raw = decode(upload.read())
            biography = biography_read(
                title=form.cleaned_data["title"] or (upload.name if upload else ""),
                raw=raw,
                acting_user=request.user,
            )
        except ReadingRefused as refused:
            form.add_error(None, str(refused))
        except ValidationError as refused:
            for message in refused.messages:
                form.add_error(None, message)
        else:
            return HttpResponseRedirect(
                reverse("site:biography-review", kwargs={"pk": biography.pk})
            )
    recent = Biography.objects.order_by("-created_at")[:20]
    return render(request, "site/biographies/list.html", {"form": form, "recent": recent})


@dataclass
class Row:
    index: int
    kind: str
    value: str
    sentence: str
    confidence: float
    writable: bool
    candidates: list[Candidate] = field(default_factory=list)
    matchable: bool = False


@dataclass
class Segment:
    text: str
    index: int | None = None
    kind: str = ""


def _rows(biography: Biography) -> list[Row]:
    rows = []
    for index, fact in enumerate(biography.reading.get("facts", [])):
        name = fact["value"].rpartition(": ")[0] or fact["value"]
        candidates: list[Candidate] = []
        matchable = fact["field"] in {"subject", "people", "birthplace", "places", "schools"}
        matchable = matchable or fact["field"] == "venues"
        if fact["field"] in {"subject", "people"}:
            role = fact["value"].rpartition(": ")[2] if fact["field"] == "people" else ""
            candidates = person_candidates(name=name, role=role)
        elif fact["field"] in {"birthplace", "places"}:
            candidates = place_candidates(name=fact["value"])
        elif fact["field"] in {"schools", "venues"}:
            candidates = organization_candidates(name=fact["value"])
        rows.append(
            Row(
                index=index,
                kind=fact["field"],
                value=fact["value"],
                sentence=fact["sentence"],
                confidence=fact["confidence"],
                writable=fact["field"] in WRITABLE,
                candidates=candidates,
                matchable=matchable,
            )
        )
    return rows


#: Which fact a span shared by several marks: the record before what is said of it.
MARK_ORDER = {"subject": 0, "people": 1, "places": 2, "birthplace": 3, "venues": 4, "schools": 5}


def _segments(biography: Biography) -> list[Segment]:
    """The text cut at each fact's span, the spans marked; overlapping spans mark once."""
    text = biography.text
    spans = sorted(
        (fact["start"], MARK_ORDER.get(fact["field"], len(MARK_ORDER)), fact["end"], index)
        for index, fact in enumerate(biography.reading.get("facts", []))
        if 0 <= fact["start"] < fact["end"] <= len(text)
    )
    facts = biography.reading.get("facts", [])
    segments: list[Segment] = []
    position = 0
    for start, _order, end, index in spans:
        if start < position:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], index, facts[index]["field"]))
        position = end
    segments.append(Segment(text[position:]))
    return segments


def _biography(request: HttpRequest, pk: int) -> Biography:
    _allowed(request.user)
    biography = Biography.objects.filter(pk=pk).first()
    if biography is None:
        raise Http404
    return biography


def _review_context(biography: Biography, **extra: Any) -> dict[str, Any]:
    return {
        "biography": biography,
        "segments": _segments(biography),
        "rows": _rows(biography),
        **extra,
    }


@never_cache
@require_http_methods(["GET", "HEAD"])
def biography_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    biography = _biography(request, pk)
    return render(request, "site/biographies/review.html", _review_context(biography))


def _decisions(data: Any, biography: Biography) -> list[Decision]:
    decisions = []
    for index, fact in enumerate(biography.reading.get("facts", [])):
        match = data.get(f"match-{index}", "")
        match_id = int(match) if match.isdigit() else None
        decisions.append(
            Decision(
                index=index,
                accept=data.get(f"accept-{index}") == "on",
                value=" ".join(data.get(f"value-{index}", fact["value"]).split()) or fact["value"],
                match_id=match_id,
                match_version=data.get(f"version-{index}-{match}", "") if match_id else "",
            )
        )
    return decisions


@never_cache
@require_POST
def biography_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    biography = _biography(request, pk)
    try:
        accepted = biography_accept(
            biography=biography,
            decisions=_decisions(request.POST, biography),
            acting_user=request.user,
        )
    except ValidationError as refused:
        context: dict[str, Any] = {"errors": refused.messages}
        if request.htmx:  # type: ignore[attr-defined]
            return render(request, "site/biographies/_result.html", context)
        return render(
            request, "site/biographies/review.html", _review_context(biography, **context)
        )
    context = {"accepted": accepted}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "site/biographies/_result.html", context)
    return HttpResponseRedirect(accepted.subject.get_absolute_url())
