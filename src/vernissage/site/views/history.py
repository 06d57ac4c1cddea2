"""A record's history for staff who may read it: who changed what, when, before and after.

Anyone else, anonymous visitors included, gets the 404 of an unknown record: a history page
must not tell a stranger that a private record exists.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from vernissage.core.access import can_see_history
from vernissage.core.selectors import history_entries, record_history
from vernissage.people.selectors import person_get_for_history
from vernissage.works.selectors import artwork_get_for_history

PAGE_SIZE = 100


def _history(request: HttpRequest, record: models.Model, title: str) -> HttpResponse:
    page = Paginator(record_history(instance=record), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "site/history.html",
        {
            "record": record,
            "title": title,
            "page": page,
            "entries": history_entries(rows=list(page.object_list), viewer=request.user),
            "admin_url": _admin_url(record),
        },
    )


def _admin_url(record: models.Model) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


@login_not_required
@require_safe
def person_history_view(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_see_history(request.user):
        raise Http404
    person = person_get_for_history(slug=slug, viewer=request.user)
    return _history(request, person, person.display_name)


@login_not_required
@require_safe
def artwork_history_view(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_see_history(request.user):
        raise Http404
    artwork = artwork_get_for_history(slug=slug, viewer=request.user)
    return _history(request, artwork, artwork.title)
