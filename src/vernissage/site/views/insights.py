"""The artist's CV, as a page and as a PDF, for whoever may see the artist (the public reads
the public CV)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from vernissage.core.access import can_see_private
from vernissage.insights.cv import cv_pdf, person_cv
from vernissage.insights.selectors import career_summary
from vernissage.people.selectors import person_get
from vernissage.site.page_cache import public_page_cache


@login_not_required
@public_page_cache
@require_safe
def person_cv_view(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_get(slug=slug, viewer=request.user)
    cv = person_cv(viewer=request.user, person=person)
    response = render(request, "site/insights/cv.html", {"cv": cv})
    if can_see_private(request.user):
        response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@public_page_cache
@require_safe
def person_cv_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    person = person_get(slug=slug, viewer=request.user)
    pdf = cv_pdf(cv=person_cv(viewer=request.user, person=person))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{person.slug}-cv.pdf"'
    if can_see_private(request.user):
        response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@public_page_cache
@require_safe
def person_career_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The career in full: the artist page's timeline, figures and chart, and the lists of
    what each figure counts, which the figures on the artist's page link to."""
    person = person_get(slug=slug, viewer=request.user)
    career = career_summary(viewer=request.user, person=person)
    response = render(
        request,
        "site/insights/career.html",
        {"person": person, "career": career, "career_page": True, "counts": ""},
    )
    if can_see_private(request.user):
        response["Cache-Control"] = "private, no-store"
    return response
