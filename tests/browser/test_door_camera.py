"""In a real browser with a camera (Chromium's fake camera, fed a picture of a guest's QR
code): the door reads the code, finds the guest of this opening from the RSVP link in it, and
does so offline too, from the list kept in the browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import qrcode
from django.contrib.auth.models import User

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_door_offline import _row, _sign_in
from tests.exhibitions.door_world import guest_make, new_token, opening_make

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT, SCALE = 640, 480, 8


def qr_video(text: str, path: Path) -> Path:
    """One frame of YUV4MPEG2 (what Chromium's fake camera plays, in a loop): the QR code of
    ``text``, black on white, in the middle of a grey picture."""
    code = qrcode.QRCode(border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * SCALE
    left, top = (WIDTH - size) // 2, (HEIGHT - size) // 2
    luma = bytearray([160]) * (WIDTH * HEIGHT)
    for y in range(size):
        row = matrix[y // SCALE]
        start = (top + y) * WIDTH + left
        luma[start : start + size] = bytes(16 if row[x // SCALE] else 235 for x in range(size))
    chroma = bytes([128]) * (WIDTH // 2 * HEIGHT // 2)
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + b"FRAME\n" + bytes(luma) + chroma + chroma)
    return path


@pytest.fixture
def camera_browser(browser: Any, tmp_path: Path, live_server: Any) -> Iterator[tuple[Any, str]]:
    """A second Chromium, started by the same Playwright as ``browser``, with the camera."""
    token = new_token()
    link = f"{live_server.url}/rsvp/{token}/"
    video = qr_video(link, tmp_path / "qr.y4m")
    chromium = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    yield chromium, token
    chromium.close()


def test_the_camera_reads_a_guests_code_online_and_offline(
    live_server: Any, camera_browser: tuple[Any, str]
) -> None:
    from django.contrib.auth.models import Permission
    from playwright.sync_api import expect

    chromium, token = camera_browser
    opening = opening_make(title="Paris opening")
    guest_make(opening, "Sophia Petrova", token=token, party_allowed=2)
    guest_make(opening, "Jacques Kalmurzaev", token=new_token())
    user = User.objects.create_user(username="door", password="door-pass-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="exhibitions", codename__in=["add_checkin", "view_guest"]
        )
    )
    context = chromium.new_context(permissions=["camera"], service_workers="block")
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        _sign_in(page, live_server.url, f"/door/{opening.pk}/")
        expect(page.locator("#door")).to_have_attribute("data-listed", "2")

        page.get_by_role("button", name="Scan a code").click()
        expect(_row(page, "Sophia Petrova")).to_be_visible()  # the server found her
        expect(page.locator("#door-camera")).to_be_hidden()
        assert token in page.input_value("#door-q")
        # Chromium on Linux has no Barcode Detection API: jsQR read the code.
        assert page.get_attribute("#door", "data-reader") == "jsQR"
        expect(page.locator("#door-results .door-guest")).to_have_count(1)

        context.set_offline(True)
        page.fill("#door-q", "")
        page.get_by_role("button", name="Scan a code").click()
        expect(_row(page, "Sophia Petrova")).to_be_visible()  # the list kept here found her
        expect(page.locator("#door-network")).to_be_visible()
        _row(page, "Sophia Petrova").get_by_role("button", name="Check in").click()
        expect(page.locator("#door-waiting")).to_have_text("1 check-in waiting to be sent.")
    finally:
        context.close()
