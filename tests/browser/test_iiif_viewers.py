"""In a real browser: the artwork page deep-zooms through IIIF tiles, and Mirador opens the
work's manifest. Both read only what the server hands out (no CDN, no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import pyvips

from tests.factories.works import ArtworkFactory
from vernissage.images.services import image_add
from vernissage.works.models import Artwork

WIDTH, HEIGHT = 3000, 2000
IDENTIFIER = "large-structure"


def _large_picture(path: Path) -> Path:
    """3000 × 2000: red grows left to right, green top to bottom, and a checkerboard of 100 px
    squares in blue, so that every region of the picture looks different from the others."""
    xyz = pyvips.Image.xyz(WIDTH, HEIGHT)
    x, y = xyz[0], xyz[1]
    red = x * 255 / WIDTH
    green = y * 255 / HEIGHT
    blue = (((x / 100).floor() + (y / 100).floor()).cast("int") % 2) * 255
    picture = red.bandjoin([green, blue]).cast("uchar").copy(interpretation="srgb")
    picture.jpegsave(str(path), Q=90)
    return path


@pytest.fixture
def large_work(media: Path, tmp_path: Path) -> Artwork:
    artwork = ArtworkFactory(title="Large Structure")
    image_add(
        artwork=artwork,
        path=_large_picture(tmp_path / "large.jpg"),
        acting_user=None,
        identifier=IDENTIFIER,
        caption="The whole canvas",
        build_now=True,
    )
    return artwork


class Responses:
    """Every answer to a request for the IIIF Image API, as (path, status)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []

    def __call__(self, response: Any) -> None:
        path = urlsplit(response.url).path
        if path.startswith("/iiif/3/"):
            self.seen.append((path, response.status))

    def tiles(self) -> list[tuple[float, int]]:
        """(scale, status) of each tile: image pixels per delivered pixel, 1 = full detail."""
        found = []
        for path, status in self.seen:
            parts = path.removeprefix(f"/iiif/3/{IDENTIFIER}/").split("/")
            if len(parts) != 4 or parts[3] != "default.jpg":
                continue
            region, size = parts[0], parts[1]
            region_width = WIDTH if region == "full" else int(region.split(",")[2])
            size_width = region_width if size == "max" else int(size.split(",")[0])
            found.append((region_width / size_width, status))
        return found


FULLY_LOADED = """() => {
  const viewer = window.vernissageViewer;
  return !!viewer && viewer.world.getItemCount() === 1
    && viewer.world.getItemAt(0).getFullyLoaded();
}"""

CENTRE = """() => {
  const viewer = window.vernissageViewer;
  const canvas = viewer.drawer.canvas;
  const context = canvas.getContext("2d");
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set();
  let opaque = 0;
  for (let i = 0; i < pixels.length; i += 4 * 101) {
    if (pixels[i + 3] === 255) {
      opaque += 1;
      colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
    }
  }
  const middle = context.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
  const at = viewer.viewport.viewportToImageCoordinates(viewer.viewport.getCenter(true));
  return {
    opaque: opaque, colours: colours.size, middle: Array.from(middle),
    x: at.x, y: at.y, zoom: viewer.viewport.getZoom(true), maxZoom: viewer.viewport.getMaxZoom()
  };
}"""


@pytest.mark.django_db(transaction=True)
def test_artwork_page_deep_zooms_into_full_detail_tiles(
    live_server: Any, page: Any, large_work: Artwork
) -> None:
    responses = Responses()
    page.on("response", responses)
    page.goto(f"{live_server.url}{large_work.get_absolute_url()}")
    page.wait_for_function(FULLY_LOADED)
    assert (f"/iiif/3/{IDENTIFIER}/info.json", 200) in responses.seen
    overview = responses.tiles()
    assert overview
    assert all(status == 200 for _scale, status in overview)
    assert min(scale for scale, _status in overview) > 1  # the whole work, at reduced detail

    # Zoom in on a point left of and above the centre, as far as the viewer goes.
    with page.expect_response(lambda r: "/iiif/3/" in r.url and _is_full_detail(r.url)):
        page.evaluate(
            """() => {
              const viewport = window.vernissageViewer.viewport;
              viewport.panTo(viewport.imageToViewportCoordinates(1234, 789), true);
              viewport.zoomTo(viewport.getMaxZoom(), null, true);
            }"""
        )
    page.wait_for_function(FULLY_LOADED)
    zoomed = responses.tiles()[len(overview) :]
    assert (1.0, 200) in zoomed
    assert all(status == 200 for _scale, status in zoomed)

    drawn = page.evaluate(CENTRE)
    assert drawn["zoom"] == pytest.approx(drawn["maxZoom"])
    assert drawn["opaque"] > 1000
    assert drawn["colours"] > 20
    # The pixel drawn at the middle of the canvas is the picture's own at that spot.
    red, green = drawn["x"] * 255 / WIDTH, drawn["y"] * 255 / HEIGHT
    assert drawn["x"] == pytest.approx(1234, abs=2)
    assert drawn["middle"][0] == pytest.approx(red, abs=12)
    assert drawn["middle"][1] == pytest.approx(green, abs=12)
    assert drawn["middle"][3] == 255


def _is_full_detail(url: str) -> bool:
    parts = urlsplit(url).path.split("/")
    if len(parts) < 4 or parts[-1] != "default.jpg" or parts[-4] == "full":
        return False
    region_width = int(parts[-4].split(",")[2])
    size = parts[-3]
    return size == "max" or int(size.split(",")[0]) == region_width


MANIFEST_SETTLED = """url => {
  const mirador = window.miradorInstance;
  if (!mirador) return false;
  const manifest = mirador.store.getState().manifests[url];
  return !!manifest && manifest.isFetching === false;
}"""

MIRADOR_STATE = """url => {
  const state = window.miradorInstance.store.getState();
  const manifest = state.manifests[url];
  return {
    error: manifest.error || null,
    id: manifest.json ? manifest.json.id : null,
    canvases: manifest.json ? manifest.json.items.length : 0,
    windows: Object.values(state.windows).map(window => window.manifestId),
  };
}"""


@pytest.mark.django_db(transaction=True)
def test_mirador_opens_the_manifest_and_its_image_service(
    live_server: Any, page: Any, large_work: Artwork
) -> None:
    manifest_url = f"{live_server.url}/iiif/presentation/works/{large_work.slug}/manifest.json"
    responses = Responses()
    page.on("response", responses)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Lighthouse's errors-in-console: the mosaic workspace logged React 19's "Accessing
    # element.ref was removed" (react-dnd in Mirador's bundle); one window, maximized, does not.
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    info = f"/iiif/3/{IDENTIFIER}/info.json"
    tile = f"/iiif/3/{IDENTIFIER}/"
    with (
        page.expect_response(lambda r: r.url.endswith(info)),
        page.expect_response(lambda r: tile in r.url and r.url.endswith("/default.jpg")),
    ):
        page.goto(f"{live_server.url}{large_work.get_absolute_url()}mirador/")
        page.wait_for_function(MANIFEST_SETTLED, arg=manifest_url)
    state = page.evaluate(MIRADOR_STATE, manifest_url)
    assert state == {
        "error": None,
        "id": manifest_url,
        "canvases": 1,
        "windows": [manifest_url],
    }
    # Mirador's own OpenSeadragon read the image service the manifest names, and its tiles.
    page.wait_for_function(
        """() => {
          const infos = window.miradorInstance.store.getState().infoResponses;
          return Object.values(infos).some(info => info.isFetching === false && !info.error);
        }"""
    )
    assert (info, 200) in responses.seen
    assert responses.tiles()
    assert all(status == 200 for _scale, status in responses.tiles())
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_thumbnails_switch_the_viewer_and_its_caption(
    live_server: Any, page: Any, large_work: Artwork, tmp_path: Path
) -> None:
    detail = pyvips.Image.black(600, 400) + [40, 90, 160]
    detail.cast("uchar").copy(interpretation="srgb").jpegsave(str(tmp_path / "detail.jpg"))
    image_add(
        artwork=large_work,
        path=tmp_path / "detail.jpg",
        acting_user=None,
        identifier="detail-view",
        caption="Detail of the lower edge",
        credit="Studio photograph",
        build_now=True,
    )
    page.goto(f"{live_server.url}{large_work.get_absolute_url()}")
    page.wait_for_function(FULLY_LOADED)
    button = page.get_by_role("button", name="Detail of the lower edge")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_function(
        f"""() => ({FULLY_LOADED})()
          && window.vernissageViewer.world.getItemAt(0).source.width === 600"""
    )
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".deepzoom-caption").text_content() == "Detail of the lower edge"
    assert page.locator(".deepzoom-credit").text_content() == "Photo: Studio photograph"
    assert page.locator("#deepzoom").get_attribute("aria-label") == (
        "Zoomable image: Detail of the lower edge"
    )
