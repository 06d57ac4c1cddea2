"""Public exhibition pages, and their checklist and price list as PDF.

What each viewer sees is the selectors' to decide (``exhibitions.selectors``); the price list
is for viewers who may see prices, and anyone else gets the 404 of an unknown exhibition.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from vernissage.biographies.selectors import sources_of
from vernissage.core.access import can_see_prices, can_see_private
from vernissage.core.pagination import keyset_page
from vernissage.exhibitions.documents import checklist_pdf, price_list_pdf
from vernissage.exhibitions.models import Exhibition
from vernissage.exhibitions.selectors import (
    ChecklistEntry,
    checklist_for,
    checklist_sections,
    exhibition_artists,
    exhibition_calendar,
    exhibition_get,
    opening_time_label,
    openings_for,
)
from vernissage.interop.iiif_presentation import image_fitted_path
from vernissage.interop.schema_org import exhibition_document, structured_data_script
from vernissage.site.page_cache import public_page_cache
from vernissage.site.views.press import press_section

PAST_PAGE_SIZE = 48
THUMBNAIL_BOX = 320


@dataclass(frozen=True)
class Card:
    entry: ChecklistEntry
    thumbnail_url: str


@login_not_required
@public_page_cache
@require_safe
def exhibition_list_view(request: HttpRequest) -> HttpResponse:
    calendar = exhibition_calendar(viewer=request.user)
    past = keyset_page(calendar.past, params=request.GET, per_page=PAST_PAGE_SIZE)
    return render(
        request, "site/exhibitions/exhibition_list.html", {"calendar": calendar, "past": past}
    )


@login_not_required
@public_page_cache
@require_safe
def exhibition_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    exhibition = exhibition_get(slug=slug, viewer=request.user)
    checklist = checklist_for(exhibition=exhibition, viewer=request.user)
    openings = openings_for(exhibition=exhibition, viewer=request.user)
    sections = [
        (
            section.title,
            [
                Card(
                    entry=entry,
                    thumbnail_url=(
                        image_fitted_path(entry.image, THUMBNAIL_BOX) if entry.image else ""
                    ),
                )
                for entry in section.entries
            ],
        )
        for section in checklist_sections(checklist)
    ]
    press = press_section(viewer=request.user, exhibition=exhibition)
    return render(
        request,
        "site/exhibitions/exhibition_detail.html",
        {
            "exhibition": exhibition,
            "stops": exhibition.visible_stops,  # type: ignore[attr-defined]
            "openings": [(opening, opening_time_label(opening)) for opening in openings],
            "artists": exhibition_artists(exhibition=exhibition, viewer=request.user),
            "sections": sections,
            "structured_data": structured_data_script(
                exhibition_document(
                    exhibition=exhibition,
                    checklist=checklist,
                    openings=openings,
                    reviews=press.reviews,
                    viewer=request.user,
                    absolute=request.build_absolute_uri,
                )
            ),
            "press": press,
            "sources": sources_of(record=exhibition, reviews=press.reviews, viewer=request.user),
        },
    )


def _pdf(request: HttpRequest, pdf: bytes, exhibition: Exhibition, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{exhibition.slug}-{name}.pdf"'
    if can_see_private(request.user) or can_see_prices(request.user):
        response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@public_page_cache
@require_safe
def exhibition_checklist_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    exhibition = exhibition_get(slug=slug, viewer=request.user)
    pdf = checklist_pdf(exhibition=exhibition, viewer=request.user)
    return _pdf(request, pdf, exhibition, "checklist")


@login_not_required
@require_safe
def exhibition_price_list_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    if not can_see_prices(request.user):
        raise Http404  # the same answer as an unknown exhibition: nothing to learn here
    exhibition = exhibition_get(slug=slug, viewer=request.user)
    pdf = price_list_pdf(exhibition=exhibition, viewer=request.user)
    return _pdf(request, pdf, exhibition, "price-list")
