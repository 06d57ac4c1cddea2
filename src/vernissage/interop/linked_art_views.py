"""Linked Art documents: a work's provenance, as the viewer may see it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from vernissage.core.access import can_see_contacts, can_see_prices
from vernissage.interop.linked_art import CONTENT_TYPE, linked_art_json, provenance_activities
from vernissage.works.selectors import artwork_get


@login_not_required
@require_safe
def artwork_provenance_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The public export for everyone; staff who may see prices or private owners get theirs
    at the same address, never cached by anyone on the way."""
    artwork = artwork_get(slug=slug, viewer=request.user)
    activities = provenance_activities(
        artwork=artwork, viewer=request.user, absolute=request.build_absolute_uri
    )
    response = HttpResponse(linked_art_json(activities), content_type=CONTENT_TYPE)
    if can_see_prices(request.user) or can_see_contacts(request.user):
        response["Cache-Control"] = "private, no-store"
    else:
        response["Access-Control-Allow-Origin"] = "*"
    return response
