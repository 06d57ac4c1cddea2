"""Pictures for the demo world, made on the spot with libvips: nothing is downloaded.

Every work of the Kalmurzaev world gets one image, drawn from a seed taken from its inventory
number, so the same world always looks the same:

* paintings: a small SVG composition per work (figures, rooms, rooftops…) is repainted as a
  few thousand brushstrokes that follow its edges, then enlarged, with bristle marks that
  run along each stroke and a canvas weave laid over at full size;
* photographs: a grey SVG scene (Red Square, or snow, forest and sky in Siberia), softened,
  vignetted and given a heavy, tone-dependent film grain at full size, in one band (``b-w``);
* tapestries: a colour design quantised to a few yarn colours on the thread grid, each weft
  bump shaded as a little twisted thread over the warp, with fibre texture: zoom in and the
  threads are there.

The big work is done at a small working size; the full-size pass is only cheap per-pixel
arithmetic on tiled textures, so all of the demo's images take a few seconds.
"""

from vernissage.demo.pictures.drawing import Colour, Svg, seed_of
from vernissage.demo.pictures.paintings import (
    DISSOLVE,
    PAINTING_SCENES,
    PALETTES,
    STYLES,
    BrushStyle,
    PaintingScene,
    painting,
)
from vernissage.demo.pictures.photographs import PHOTO_SCENES, PhotoScene, photograph
from vernissage.demo.pictures.shapes import chair, figure, onion_dome, spruce
from vernissage.demo.pictures.tapestries import WOVEN_SCENES, YARNS, WovenScene, tapestry
from vernissage.demo.pictures.world import (
    CAPTION,
    CREDIT,
    DEEP_ZOOM,
    DEFAULT_SCENES,
    JPEG_QUALITY,
    LARGE,
    RIGHTS,
    SCENES,
    SMALL,
    PicturePlan,
    Progress,
    demo_images_make,
    demo_images_plan,
    picture_plan,
)

__all__ = [
    "CAPTION",
    "CREDIT",
    "DEEP_ZOOM",
    "DEFAULT_SCENES",
    "DISSOLVE",
    "JPEG_QUALITY",
    "LARGE",
    "PAINTING_SCENES",
    "PALETTES",
    "PHOTO_SCENES",
    "RIGHTS",
    "SCENES",
    "SMALL",
    "STYLES",
    "WOVEN_SCENES",
    "YARNS",
    "BrushStyle",
    "Colour",
    "PaintingScene",
    "PhotoScene",
    "PicturePlan",
    "Progress",
    "Svg",
    "WovenScene",
    "chair",
    "demo_images_make",
    "demo_images_plan",
    "figure",
    "onion_dome",
    "painting",
    "photograph",
    "picture_plan",
    "seed_of",
    "spruce",
    "tapestry",
]
