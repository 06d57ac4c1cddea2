"""Read QR codes as a phone would: zxing-cpp decodes the picture (PNG from an e-mail, or the
SVG of a page rendered by libvips), so a test checks what the code says, not how it was made."""

from __future__ import annotations

import pyvips
import zxingcpp


def _texts(image: pyvips.Image) -> list[str]:
    if image.hasalpha():
        image = image.flatten(background=255)
    if image.bands > 1:
        image = image.colourspace("b-w")
    image = image.cast("uchar")
    view = memoryview(image.write_to_memory()).cast("B", (image.height, image.width))
    return [code.text for code in zxingcpp.read_barcodes(view)]


def qr_texts_of_png(data: bytes) -> list[str]:
    return _texts(pyvips.Image.new_from_buffer(data, ""))


def qr_texts_of_svg(svg: str) -> list[str]:
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return _texts(pyvips.Image.svgload_buffer(svg.encode("utf-8")))
