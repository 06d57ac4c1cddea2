"""Certificates of authenticity: issued and revoked by services, printed as a PDF whose QR
code opens a public verification page.

The page's address carries a token signed with the site's secret key
(:mod:`django.core.signing`): it names the certificate and cannot be made up, so a forged or
altered token is the 404 of an unknown page. The page shows only what the owner chose to
show when the certificate was issued, and says plainly when it was revoked (not why: the
reason is a private record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML

from vernissage.core.access import Viewer, can_see_contacts
from vernissage.core.services import Actor, audited_save
from vernissage.exhibitions.documents import BASE_URL, THUMBNAIL_BOX, PyramidFetcher
from vernissage.exhibitions.links import absolute_url
from vernissage.exhibitions.mail import qr_svg
from vernissage.images.gallery import images_for_artwork
from vernissage.images.models import Image
from vernissage.interop.iiif_presentation import image_fitted_path
from vernissage.market.provenance import provenance_current_owner
from vernissage.market.provenance_models import Certificate
from vernissage.market.provenance_text import party_label
from vernissage.works.models import Artwork, Creation

#: Separates certificate tokens from every other signed value of the site.
TOKEN_SALT = "vernissage.market.certificate"  # noqa: S105 (a namespace, not a secret)


# --- reads for staff ------------------------------------------------------------------------


def certificates_of(*, artwork: Artwork, viewer: Viewer) -> list[Certificate]:
    """A work's certificates, newest first, for viewers who may see contacts (they hold who
    owns the work); anyone else gets the 404 of an unknown page."""
    if not can_see_contacts(viewer):
        raise Http404
    return list(Certificate.objects.filter(artwork=artwork).order_by("-issued_on", "-id"))


def certificate_for_staff(*, pk: int, viewer: Viewer) -> Certificate:
    if not can_see_contacts(viewer):
        raise Http404
    certificate = (
        Certificate.objects.select_related("artwork")
        .filter(pk=pk, artwork__deleted_at__isnull=True)
        .first()
    )
    if certificate is None:
        raise Http404
    return certificate


# --- writes ---------------------------------------------------------------------------------


def certificate_issue(
    *,
    artwork: Artwork,
    issued_by: str,
    acting_user: Actor,
    issued_on: dt.date | None = None,
    show_title: bool = True,
    show_artist: bool = True,
    show_details: bool = True,
    show_image: bool = True,
    show_owner: bool = False,
) -> Certificate:
    """Issue a certificate for a work; its number is the work's inventory number and a
    sequence (“COA-JK-2012-001-1”), the second certificate of a work being “-2”."""
    issued_by = " ".join(issued_by.split())
    if not issued_by:
        raise ValidationError({"issued_by": _("Say who signs the certificate.")})
    with transaction.atomic():
        locked = Artwork.all_objects.select_for_update().get(pk=artwork.pk)
        if locked.deleted_at is not None:
            raise ValidationError(
                _("“%(work)s” is deleted: no certificate can be issued for it.")
                % {"work": artwork.title}
            )
        if locked.status in {Artwork.Status.DESTROYED, Artwork.Status.LOST}:
            raise ValidationError(
                _("“%(work)s” is %(status)s: no certificate can be issued for it.")
                % {"work": artwork.title, "status": locked.get_status_display()}
            )
        sequence = Certificate.objects.filter(artwork=locked).count() + 1
        return audited_save(
            instance=Certificate(
                artwork=locked,
                number=f"COA-{locked.inventory_number or locked.pk}-{sequence}",
                issued_on=issued_on or timezone.localdate(),
                issued_by=issued_by,
                show_title=show_title,
                show_artist=show_artist,
                show_details=show_details,
                show_image=show_image,
                show_owner=show_owner,
            ),
            acting_user=acting_user,
        )


def certificate_revoke(*, certificate: Certificate, reason: str, acting_user: Actor) -> Certificate:
    """Revoke a certificate: its page says so from now on; the reason stays private."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"revoked_reason": _("Say why the certificate is revoked.")})
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise ValidationError(
                _("Certificate %(number)s was already revoked.") % {"number": locked.number}
            )
        locked.revoked_at = timezone.now()
        locked.revoked_reason = reason
        audited_save(instance=locked, acting_user=acting_user)
    certificate.revoked_at, certificate.revoked_reason = locked.revoked_at, locked.revoked_reason
    return certificate


def certificate_choices_save(*, certificate: Certificate, acting_user: Actor) -> Certificate:
    """Save what the owner chose to show (and who signed); the number and the work stay."""
    with transaction.atomic():
        stored = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if (stored.number, stored.artwork_id) != (certificate.number, certificate.artwork_id):
            raise ValidationError(_("A certificate's number and work never change."))
        if stored.revoked_at is not None:
            raise ValidationError(_("A revoked certificate is kept as it was."))
        certificate.issued_by = " ".join(certificate.issued_by.split())
        return audited_save(instance=certificate, acting_user=acting_user)


# --- links ----------------------------------------------------------------------------------


def certificate_token(certificate: Certificate) -> str:
    """The same token every time for one certificate (no timestamp: a printed QR code stays
    good for as long as the certificate exists)."""
    return signing.Signer(salt=TOKEN_SALT).sign_object(certificate.pk)


def certificate_verify_url(certificate: Certificate) -> str:
    """The verification page's address as reached from outside (what the QR code says)."""
    path = reverse("site:certificate-verify", kwargs={"token": certificate_token(certificate)})
    return absolute_url(path)


def certificate_from_token(token: str) -> Certificate | None:
    """The certificate a token names, or ``None`` for a forged, altered or stale token."""
    if len(token) > 200:
        return None
    try:
        pk = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        Certificate.objects.select_related("artwork")
        .filter(pk=pk, artwork__deleted_at__isnull=True)
        .first()
    )


# --- what is shown --------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateView:
    """A certificate as it may be shown to anyone holding its link: empty where the owner
    chose not to show."""

    certificate: Certificate
    title: str
    artists: list[str]
    date: str
    medium: str
    dimensions: str
    inventory_number: str
    owner: str
    image: Image | None
    revoked: bool
    revoked_on: dt.date | None


def certificate_view(*, certificate: Certificate) -> CertificateView:
    """What the certificate shows, the owner's choices applied (the same for the PDF and for
    the public page: the PDF is handed to whoever holds the work)."""
    artwork = certificate.artwork
    artists: list[str] = []
    if certificate.show_artist:
        creations = Creation.objects.filter(artwork=artwork).select_related("person")
        artists = [str(creation) for creation in creations]
    image = None
    if certificate.show_image:
        public = images_for_artwork(artwork=artwork, viewer=None)
        image = public[0] if public else None
    owner = ""
    if certificate.show_owner:
        party = provenance_current_owner(artwork=artwork)
        owner = party_label(party, names=False) if party is not None else ""
    details = certificate.show_details
    return CertificateView(
        certificate=certificate,
        title=artwork.title if certificate.show_title else "",
        artists=artists,
        date=artwork.date if details else "",
        medium=artwork.medium if details else "",
        dimensions=artwork.display_dimensions if details else "",
        inventory_number=artwork.inventory_number,
        owner=owner,
        image=image,
        revoked=certificate.is_revoked,
        revoked_on=timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None,
    )


def certificate_pdf(*, certificate: Certificate, viewer: Viewer) -> bytes:
    """The certificate as a PDF, for staff who keep the collectors' records."""
    if not can_see_contacts(viewer):
        raise PermissionDenied
    shown = certificate_view(certificate=certificate)
    images: dict[str, Image] = {}
    thumbnail_url = ""
    if shown.image is not None:
        thumbnail_url = image_fitted_path(shown.image, THUMBNAIL_BOX)
        images[thumbnail_url] = shown.image
    verify_url = certificate_verify_url(certificate)
    html = render_to_string(
        "market/documents/certificate.html",
        {
            "shown": shown,
            "certificate": certificate,
            "thumbnail_url": thumbnail_url,
            "verify_url": verify_url,
            "qr_svg": qr_svg(verify_url),
        },
    )
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PyramidFetcher(images))
    pdf: bytes = document.write_pdf()
    return pdf
