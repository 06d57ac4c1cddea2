"""Certificates of authenticity: the public verification page a QR code opens, and the PDF
for staff who keep the collectors' records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from vernissage.core.access import can_see_contacts
from vernissage.interop.iiif_presentation import image_fitted_path
from vernissage.market.certificates import (
    certificate_from_token,
    certificate_pdf,
    certificate_view,
)
from vernissage.market.provenance_models import Certificate

THUMBNAIL_BOX = 480


@login_not_required
@require_safe
def certificate_verify_view(request: HttpRequest, token: str) -> HttpResponse:
    certificate = certificate_from_token(token)
    if certificate is None:
        raise Http404  # a forged token is an unknown page
    shown = certificate_view(certificate=certificate)
    response = render(
        request,
        "site/certificates/verify.html",
        {
            "shown": shown,
            "thumbnail_url": image_fitted_path(shown.image, THUMBNAIL_BOX) if shown.image else "",
        },
    )
    # A revocation shows at once, and the token never leaves in a Referer.
    response["Cache-Control"] = "no-cache"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@require_safe
def certificate_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_see_contacts(request.user):
        raise Http404  # the same answer as an unknown certificate
    certificate = get_object_or_404(
        Certificate.objects.select_related("artwork").filter(artwork__deleted_at__isnull=True),
        pk=pk,
    )
    response = HttpResponse(
        certificate_pdf(certificate=certificate, viewer=request.user),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{certificate.number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
