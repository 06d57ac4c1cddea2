"""The catalogue's generation: a number that changes after every committed write.

Caches of public pages key on it, so an edit (a work made private, a new biography) is seen
by the next request. It is the modification time of a file in the data folder, so that
every worker process on the machine sees a change made by any other, at the cost of one
``stat`` per request.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def _path() -> Path:
    return Path(settings.HOME) / "catalogue-generation"


def catalogue_generation() -> int:
    try:
        return os.stat(_path()).st_mtime_ns
    except FileNotFoundError:
        return 0


def catalogue_changed() -> None:
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    os.utime(path)
