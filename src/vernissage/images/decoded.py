"""Decoded tiles kept in memory, a few megabytes per process.

An answer cut from the pyramid's tiles (a thumbnail, a region off the tile grid) decodes every
stored tile under it. Answers near each other share tiles: the thumbnails of one picture at
several widths (``srcset``, the manifest's, a viewer's navigator) are all cut from the four or
so tiles of one small level, and a viewer panning off the grid asks regions that overlap.
Decoding a 256-pixel tile costs about 0.3 ms; copying it out of memory, a few microseconds.

This is what IIPImage does (its tile cache, ``MAX_IMAGE_CACHE_SIZE``, holds the uncompressed
tiles its regions are composed of), and it is bounded the same way: by bytes, the tiles used
least recently going first. ``VERNISSAGE_IIIF_TILE_MEMORY_BYTES`` (0 turns it off).
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from django.conf import settings
from PIL import Image as PILImage

#: (pyramid path, page, tile index, the tile's offset and length in the file): a pyramid
#: written again has its tiles elsewhere, or of other lengths, and is not mistaken for the old.
TileKey = tuple[str, int, int, int, int]


class DecodedTiles:
    """A least-recently-used map of tile keys to decoded tiles, bounded in bytes.

    The images handed out are shared: callers read them (``paste`` them somewhere) and never
    change them.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._tiles: OrderedDict[TileKey, PILImage.Image] = OrderedDict()
        self._bytes = 0
        self._lock = Lock()

    def get(self, key: TileKey) -> PILImage.Image | None:
        with self._lock:
            tile = self._tiles.get(key)
            if tile is not None:
                self._tiles.move_to_end(key)
            return tile

    def put(self, key: TileKey, tile: PILImage.Image) -> None:
        size = _bytes_of(tile)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._tiles.pop(key, None)
            if old is not None:
                self._bytes -= _bytes_of(old)
            self._tiles[key] = tile
            self._bytes += size
            while self._bytes > self.max_bytes:
                _key, evicted = self._tiles.popitem(last=False)
                self._bytes -= _bytes_of(evicted)

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._tiles)


def _bytes_of(tile: PILImage.Image) -> int:
    return tile.width * tile.height * len(tile.getbands())


_tiles: DecodedTiles | None = None


def decoded_tiles() -> DecodedTiles | None:
    """This process's decoded tiles, or None when the setting turns them off; made anew
    when the setting's bound changes."""
    global _tiles
    if settings.VERNISSAGE_IIIF_TILE_MEMORY_BYTES <= 0:
        return None
    if _tiles is None or _tiles.max_bytes != settings.VERNISSAGE_IIIF_TILE_MEMORY_BYTES:
        _tiles = DecodedTiles(settings.VERNISSAGE_IIIF_TILE_MEMORY_BYTES)
    return _tiles
