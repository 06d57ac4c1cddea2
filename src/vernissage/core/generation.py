"""The catalogue's generation: a number that changes after every committed write.

Caches of public pages key on it, so an edit (a work made private, a new biography) is seen
by the next request. It is the modification time of a file in the data folder, so that
every worker process on the machine sees a change made by any other, at the cost of one
``stat`` per request.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings


def _path(name: str = "catalogue-generation") -> Path:
    return Path(settings.HOME) / name


def _generation(path: Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return 0


def _touch(path: Path) -> None:
    """Move the generation on: a new modification time, later than the last one even when the
    clock (or the file system's coarse timestamps) would give the same one twice."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    moment = max(time.time_ns(), _generation(path) + 1)
    os.utime(path, ns=(moment, moment))


def catalogue_generation() -> int:
    return _generation(_path())


def catalogue_changed() -> None:
    _touch(_path())


def access_generation() -> int:
    """A number that changes whenever who may do what changes (roles, permissions, accounts):
    the per-process cache of staff permissions keys on it."""
    return _generation(_path("access-generation"))


def access_changed() -> None:
    _touch(_path("access-generation"))
