"""The project's settings, with a scratch data folder and plain static files for the tests."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault(
    "VERNISSAGE_HOME", str(Path(tempfile.gettempdir()) / f"vernissage-tests-{os.getuid()}")
)

from vernissage.config.settings import *  # noqa: E402, F403

# Each xdist worker keeps its own generation files (catalogue, access): a role given in one
# worker's test must not empty another worker's caches in the middle of a query count.
if os.environ.get("PYTEST_XDIST_WORKER"):
    HOME = HOME / os.environ["PYTEST_XDIST_WORKER"]  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Pages are cached only in the tests of the cache itself (tests/site/test_page_cache.py).
VERNISSAGE_PAGE_CACHE_SECONDS = 0

# Every prepared read is built again on each run and must write the same SQL.
VERNISSAGE_PREPARED_CHECK = True
