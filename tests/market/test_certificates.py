"""Certificates of authenticity: issued and revoked by services, printed with a QR code that
opens a public verification page showing only what the owner chose."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import pyvips
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.test import Client
from pypdf import PdfReader

from tests.factories.people import PersonFactory
from tests.factories.works import ArtworkFactory
from tests.qrcodes import qr_texts_of_png
from vernissage.core.models import AuditLog
from vernissage.core.services import soft_delete, staff_roles_set
from vernissage.images import services as images
from vernissage.market.certificates import (
    certificate_issue,
    certificate_revoke,
    certificate_token,
    certificate_verify_url,
)
from vernissage.market.provenance import PartyInput, provenance_event_add
from vernissage.market.provenance_models import Certificate

pytestmark = pytest.mark.django_db

VIEWERS = {
    "anonymous": False,
    "signed in, no role": False,
    "Viewer": False,
    "Press": False,
    "Registrar": False,
    "Sales": True,
    "Owner": True,
}


def _viewer(client: Client, name: str) -> None:
    if name == "anonymous":
        return
    user = User.objects.create_user(username="someone", password="x")
    if name != "signed in, no role":
        staff_roles_set(user=user, roles=[name], acting_user=None)
    client.force_login(user)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def work(settings: Any, tmp_path: Path) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    artist = PersonFactory(display_name="Jacques Kalmurzaev")
    work = ArtworkFactory(
        title="Two Figures in a Red Room",
        makers=[(artist, "artist")],
        medium="Oil on canvas",
        date="2012",
    )
    picture = tmp_path / "red.png"
    pyvips.Image.black(600, 400, bands=3).linear(1, 120).cast("uchar").copy(
        interpretation="srgb"
    ).pngsave(str(picture))
    images.image_add(
        artwork=work, path=picture, acting_user=None, identifier="red-room", build_now=True
    )
    owner = PersonFactory(display_name="Quiet Owner")
    provenance_event_add(
        artwork=work,
        kind="sale",
        parties=[PartyInput(role="to", person=owner, name_public=False)],
        acting_user=None,
    )
    return work


def test_issue_numbers_certificates_per_work_and_audits(work: Any) -> None:
    first = certificate_issue(artwork=work, issued_by="Galerie, director", acting_user=None)
    second = certificate_issue(artwork=work, issued_by="Galerie, director", acting_user=None)
    assert (first.number, second.number) == (
        f"COA-{work.inventory_number}-1",
        f"COA-{work.inventory_number}-2",
    )
    assert AuditLog.objects.filter(
        content_type__model="certificate", object_id=str(first.pk), action="create"
    ).exists()


@pytest.mark.parametrize(
    ("_case", "status", "issued_by", "message"),
    [
        ("nobody signs", "available", "  ", "who signs"),
        ("destroyed work", "destroyed", "Director", "destroyed"),
    ],
)
def test_issue_refuses_nonsense(
    work: Any, _case: str, status: str, issued_by: str, message: str
) -> None:
    type(work).all_objects.filter(pk=work.pk).update(status=status)
    with pytest.raises(ValidationError, match=message):
        certificate_issue(artwork=work, issued_by=issued_by, acting_user=None)
    assert not Certificate.objects.exists()


def test_issue_refuses_a_deleted_work(work: Any) -> None:
    soft_delete(instance=work, acting_user=None)
    with pytest.raises(ValidationError, match="is deleted"):
        certificate_issue(artwork=work, issued_by="Director", acting_user=None)


def test_the_page_shows_only_what_the_owner_chose(client: Client, work: Any) -> None:
    hidden = certificate_issue(
        artwork=work,
        issued_by="Director",
        show_title=False,
        show_details=False,
        show_image=False,
        acting_user=None,
    )
    page = client.get(certificate_verify_url(hidden)).content.decode()
    assert hidden.number in page
    assert "This certificate is valid." in page
    assert "Two Figures" not in page
    assert "Oil on canvas" not in page
    assert "red-room" not in page
    assert "Quiet Owner" not in page
    shown = certificate_issue(artwork=work, issued_by="Director", show_owner=True, acting_user=None)
    page = client.get(certificate_verify_url(shown)).content.decode()
    assert "Two Figures in a Red Room" in page
    assert "Oil on canvas" in page
    assert "red-room" in page  # the work's public image
    assert "private collection" in page  # the owner chose to show the owner, not the name
    assert "Quiet Owner" not in page


def test_a_revoked_certificate_says_so_and_keeps_its_reason(client: Client, work: Any) -> None:
    certificate = certificate_issue(artwork=work, issued_by="Director", acting_user=None)
    certificate_revoke(certificate=certificate, reason="REASON-SECRET forged", acting_user=None)
    page = client.get(certificate_verify_url(certificate)).content.decode()
    assert "This certificate was revoked." in page
    assert "This certificate is valid." not in page
    assert "REASON-SECRET" not in page
    with pytest.raises(ValidationError, match="already revoked"):
        certificate_revoke(certificate=certificate, reason="again", acting_user=None)


@pytest.mark.parametrize(
    ("_case", "tamper"),
    [
        ("altered signature", lambda token: token[:-2] + ("aa" if token[-2:] != "aa" else "bb")),
        ("another id", lambda token: "OTk5:" + token.split(":", 1)[1]),
        ("garbage", lambda token: "not-a-token"),
        ("too long", lambda token: token * 20),
    ],
)
def test_a_forged_token_is_an_unknown_page(
    client: Client, work: Any, _case: str, tamper: Any
) -> None:
    certificate = certificate_issue(artwork=work, issued_by="Director", acting_user=None)
    response = client.get(f"/certificates/verify/{tamper(certificate_token(certificate))}/")
    assert response.status_code == 404


@pytest.mark.parametrize("viewer", list(VIEWERS))
def test_pdf_reaches_only_staff_who_keep_collectors(client: Client, work: Any, viewer: str) -> None:
    certificate = certificate_issue(artwork=work, issued_by="Director", acting_user=None)
    _viewer(client, viewer)
    logged = AuditLog.objects.count()
    response = client.get(f"/certificates/{certificate.pk}.pdf")
    unknown = client.get("/certificates/999999.pdf")
    assert response.status_code == (200 if VIEWERS[viewer] else 404)
    if not VIEWERS[viewer]:
        assert response.content == unknown.content
    else:
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
    # Everyone may open the verification page: it holds only what the owner chose to show.
    assert client.get(certificate_verify_url(certificate)).status_code == 200
    assert AuditLog.objects.count() == logged


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm is missing: apt-get install poppler-utils (.ci/run does)",
)
def test_the_pdfs_qr_code_opens_its_verification_page(
    client: Client, work: Any, tmp_path: Path
) -> None:
    owner = User.objects.create_superuser(username="root", password="x")
    certificate = certificate_issue(artwork=work, issued_by="Anna Director", acting_user=None)
    client.force_login(owner)
    pdf = client.get(f"/certificates/{certificate.pk}.pdf").content
    text = " ".join(_text(pdf).split())
    assert "Two Figures in a Red Room" in text
    assert "Anna Director" in text
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages) == 1  # thumbnail
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(tmp_path / "c.pdf"), str(tmp_path / "page")],
        check=True,
    )
    (page,) = sorted(tmp_path.glob("page*.png"))
    (url,) = qr_texts_of_png(page.read_bytes())
    assert url == certificate_verify_url(certificate)
    client.logout()
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    answer = client.get(path)
    assert answer.status_code == 200
    assert certificate.number in answer.content.decode()
