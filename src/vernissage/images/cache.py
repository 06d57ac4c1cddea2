"""A bounded disk cache of re-encoded IIIF derivatives, under ``MEDIA_ROOT/iiif-cache``.

Files are named by a hash of the image's SHA-256 and the canonical request, in a folder per
image (``iiif-cache/ab/abcd…/<hash>.jpg``), so one image's derivatives can be dropped at
once. Writes go to a temporary file renamed into place, so a reader never sees half a file.

The bound (``VERNISSAGE_IIIF_CACHE_BYTES``) is kept by evicting the files used least
recently: a hit refreshes a file's mtime (at most every few minutes), and eviction removes
the oldest mtimes first, down to nine tenths of the bound; a derivative larger than a
tenth of the bound is not kept at all. Each process keeps a running
estimate of the total and walks the folder only when its estimate passes the bound, or
every few minutes, so several processes writing at once may overshoot the bound by a little
between walks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

#: After an eviction the cache holds at most this share of its bound.
LOW_WATER = 0.9
#: A file larger than this share of the bound (1/10) is not kept.
LARGEST_SHARE = 10
#: Walk the folder at least this often (seconds) to see other processes' writes.
RESCAN_SECONDS = 300
#: A hit older than this (seconds) has its mtime refreshed, so that it is evicted later.
TOUCH_SECONDS = 300
#: Temporary files older than this (seconds) were left by a crash and are removed.
STALE_TEMP_SECONDS = 3600
_TEMP_SUFFIX = ".partial"


@dataclass
class _Entry:
    path: Path
    size: int
    mtime: float


class DerivativeCache:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._evicting = threading.Lock()
        #: Bytes believed to be in the cache; None until the folder is first walked.
        self._estimate: int | None = None
        self._scanned_at = 0.0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def path_for(self, *, sha256: str, key: str, suffix: str) -> Path:
        digest = hashlib.sha256(f"{sha256}/{key}".encode()).hexdigest()[:40]
        return self.root / sha256[:2] / sha256 / f"{digest}.{suffix}"

    def get(self, *, sha256: str, key: str, suffix: str) -> bytes | None:
        if not self.enabled:
            return None
        path = self.path_for(sha256=sha256, key=key, suffix=suffix)
        try:
            with path.open("rb") as stream:
                content = stream.read()
                mtime = os.fstat(stream.fileno()).st_mtime
        except OSError:
            return None
        if time.time() - mtime > TOUCH_SECONDS:
            with contextlib.suppress(OSError):
                os.utime(path)
        return content

    def put(self, *, sha256: str, key: str, suffix: str, content: bytes) -> None:
        """Keep ``content``; a failure to write is not an error (the cache is only a cache)."""
        if not self.enabled or len(content) * LARGEST_SHARE > self.max_bytes:
            return
        path = self.path_for(sha256=sha256, key=key, suffix=suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=_TEMP_SUFFIX)
            try:
                with os.fdopen(descriptor, "wb") as stream:
                    stream.write(content)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return
        with self._lock:
            if self._estimate is not None:
                self._estimate += len(content)
            due = (
                self._estimate is None
                or self._estimate > self.max_bytes
                or time.monotonic() - self._scanned_at > RESCAN_SECONDS
            )
        if due:
            self.evict()

    def evict(self) -> int:
        """Walk the folder and remove the oldest files until the total is under the bound.

        Returns the number of bytes removed. Another thread already evicting is left to it.
        """
        if not self._evicting.acquire(blocking=False):
            return 0
        try:
            entries = self._entries()
            total = sum(entry.size for entry in entries)
            removed = 0
            if total > self.max_bytes:
                target = int(self.max_bytes * LOW_WATER)
                for entry in sorted(entries, key=lambda entry: entry.mtime):
                    if total - removed <= target:
                        break
                    with contextlib.suppress(FileNotFoundError):
                        entry.path.unlink()
                    removed += entry.size
            with self._lock:
                self._estimate = total - removed
                self._scanned_at = time.monotonic()
            return removed
        finally:
            self._evicting.release()

    def total_bytes(self) -> int:
        return sum(entry.size for entry in self._entries())

    def forget(self, *, sha256: str) -> None:
        """Drop every derivative of one image (for when the image is deleted)."""
        shutil.rmtree(self.root / sha256[:2] / sha256, ignore_errors=True)

    def _entries(self) -> list[_Entry]:
        entries: list[_Entry] = []
        now = time.time()
        for folder, _subfolders, names in os.walk(self.root):
            for name in names:
                path = Path(folder) / name
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue
                if name.endswith(_TEMP_SUFFIX):
                    if now - stat.st_mtime > STALE_TEMP_SECONDS:
                        path.unlink(missing_ok=True)
                    continue
                entries.append(_Entry(path, stat.st_size, stat.st_mtime))
        return entries


_caches: dict[tuple[Path, int], DerivativeCache] = {}
_caches_lock = threading.Lock()


def derivative_cache() -> DerivativeCache:
    """The cache for the current settings (MEDIA_ROOT and VERNISSAGE_IIIF_CACHE_BYTES)."""
    root = Path(settings.MEDIA_ROOT) / "iiif-cache"
    max_bytes: int = settings.VERNISSAGE_IIIF_CACHE_BYTES
    with _caches_lock:
        cache = _caches.get((root, max_bytes))
        if cache is None:
            cache = _caches[(root, max_bytes)] = DerivativeCache(root, max_bytes)
        return cache
