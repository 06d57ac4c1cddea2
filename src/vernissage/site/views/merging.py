"""Staff pages for people who may be one: the candidates with their evidence, the merge screen
with both records side by side and what will move, the merge's page with its undo, and
keeping two people apart.

Only viewers who may merge people (``can_merge_people``: Owner, Registrar) see them; anyone
else signed in gets the 404 of an unknown page. A refusal of a service comes back on the page
as a message, never as an error page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from vernissage.core.access import Viewer, can_merge_people
from vernissage.people.models import Person
from vernissage.people.selectors import (
    merge_candidates,
    person_for_merging,
    person_get,
    person_merge_counts,
    person_merge_get,
    person_merges_recent,
)
from vernissage.people.services import (
    person_merge,
    person_merge_plan,
    person_pair_keep_apart,
    person_unmerge,
    person_unmerge_problems,
)


def _allowed(viewer: Viewer) -> None:
    if not can_merge_people(viewer):
        raise Http404


@never_cache
@require_http_methods(["GET", "HEAD"])
def merge_candidates_view(request: HttpRequest) -> HttpResponse:
    _allowed(request.user)
    return render(
        request,
        "site/merges/candidates.html",
        {
            "candidates": merge_candidates(viewer=request.user, limit=50),
            "recent": person_merges_recent(limit=20),
        },
    )


def _side(person: Person) -> dict[str, object]:
    return {"person": person, "record": person_for_merging(person=person)}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def person_merge_view(request: HttpRequest, keep: str, merged: str) -> HttpResponse:
    _allowed(request.user)
    kept = person_get(slug=keep, viewer=request.user)
    gone = person_get(slug=merged, viewer=request.user)
    if request.method == "POST":
        try:
            merge = person_merge(keep=kept, merged=gone, acting_user=request.user)
        except ValidationError as refused:
            for message in refused.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(merged)s was merged into %(keep)s.") % {"merged": gone, "keep": kept},
            )
            return HttpResponseRedirect(
                reverse("site:person-merge-detail", kwargs={"pk": merge.pk})
            )
    plan = person_merge_plan(keep=kept, merged=gone)
    return render(
        request,
        "site/merges/merge.html",
        {
            "keep": _side(kept),
            "merged": _side(gone),
            "plan": plan,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def person_merge_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request.user)
    merge = person_merge_get(pk=pk)
    return render(
        request,
        "site/merges/detail.html",
        {
            "merge": merge,
            "counts": person_merge_counts(merge=merge),
            "problems": [] if merge.is_undone else person_unmerge_problems(merge=merge),
        },
    )


@require_POST
def person_unmerge_view(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request.user)
    merge = person_merge_get(pk=pk)
    try:
        person_unmerge(merge=merge, acting_user=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("The merge was undone: %(merged)s and %(keep)s are two records again.")
            % {"merged": merge.merged, "keep": merge.keep},
        )
    return HttpResponseRedirect(reverse("site:person-merge-detail", kwargs={"pk": merge.pk}))


@require_POST
def person_keep_apart_view(request: HttpRequest) -> HttpResponse:
    _allowed(request.user)
    first = person_get(slug=request.POST.get("first", ""), viewer=request.user)
    second = person_get(slug=request.POST.get("second", ""), viewer=request.user)
    try:
        person_pair_keep_apart(first=first, second=second, acting_user=request.user)
    except ValidationError as refused:
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(first)s and %(second)s are kept apart: they will not be proposed again.")
            % {"first": first, "second": second},
        )
    return HttpResponseRedirect(reverse("site:merge-candidates"))
