"""IIIF Presentation documents, readable from any origin so that any viewer can open them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from vernissage.interop.iiif_presentation import (
    CONTENT_TYPE,
    artwork_manifest,
    person_collection,
)


def _iiif_response(resource: Any) -> HttpResponse:
    response = HttpResponse(resource.json(), content_type=CONTENT_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_safe
def artwork_manifest_view(request: HttpRequest, slug: str) -> HttpResponse:
    return _iiif_response(
        artwork_manifest(slug=slug, viewer=request.user, absolute=request.build_absolute_uri)
    )


@login_not_required
@require_safe
def person_collection_view(request: HttpRequest, slug: str) -> HttpResponse:
    return _iiif_response(
        person_collection(slug=slug, viewer=request.user, absolute=request.build_absolute_uri)
    )
