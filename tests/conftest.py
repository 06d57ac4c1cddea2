from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from vernissage.demo.loader import WorldSummary, world_load

pytest_plugins = ["tests.ci_guard", "tests.mailserver"]


@pytest.fixture
def owner(db: Any) -> User:
    """The house's owner: a superuser."""
    return User.objects.create_superuser(username="owner", password="owner-pass-1")


@pytest.fixture
def staff(db: Any) -> User:
    """Gallery staff: may use the admin, with the catalogue permissions."""
    from django.contrib.auth.models import Permission

    user = User.objects.create_user(username="staff", password="staff-pass-1", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["people", "works", "core"])
    )
    return user


@pytest.fixture
def staff_without_permissions(db: Any) -> User:
    return User.objects.create_user(username="clerk", password="clerk-pass-1", is_staff=True)


@pytest.fixture
def stranger(db: Any) -> User:
    """A logged-in person with no staff rights: sees only what the public sees."""
    return User.objects.create_user(username="stranger", password="stranger-pass-1")


@pytest.fixture
def world(db: Any) -> WorldSummary:
    """The Kalmurzaev world of the seed stories, built through the services."""
    return world_load()


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> None:
    """Per-process caches key on the catalogue's generation, which moves on commit; tests
    run in transactions that never commit, so each test starts with empty caches."""
    from vernissage.core.backends import permissions
    from vernissage.images import selectors
    from vernissage.people.graph import tie_cache
    from vernissage.site.page_cache import pages

    selectors.public_images.clear()
    permissions.clear()
    pages.clear()
    tie_cache.clear()


#: A small French catalogue: enough to see each link of the chain translate (a template
#: string, a plural, a model's choices, a service's message, a IIIF label).
FRENCH = {
    "Artists": "Artistes",
    "artist": "artiste",
    "born %(place)s": "née à %(place)s",
    "History of %(title)s": "Historique de %(title)s",
    "created": "créé",
    "biography": "biographie",
    "%(record)s is already deleted.": "%(record)s est déjà supprimée.",
    "Inventory number": "Numéro d’inventaire",
    "Works by %(name)s": "Œuvres de %(name)s",
    ("Artist", "Artists"): ("Artiste", "Artistes"),
    ("%(counter)s change, newest first", "%(counter)s changes, newest first"): (
        "%(counter)s modification, la plus récente d’abord",
        "%(counter)s modifications, les plus récentes d’abord",
    ),
}


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def french(settings: Any, tmp_path: Path) -> None:
    """French beside English, from ``FRENCH`` compiled with GNU msgfmt as a real catalogue
    is (``apt-get install gettext``)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt is missing: apt-get install gettext")
    folder = tmp_path / "locale" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    entries = [
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
    ]
    for source, target in FRENCH.items():
        if isinstance(source, tuple):
            entries.append(
                f"#, python-format\nmsgid {_po_string(source[0])}\n"
                f"msgid_plural {_po_string(source[1])}\n"
                f"msgstr[0] {_po_string(target[0])}\nmsgstr[1] {_po_string(target[1])}\n"
            )
        else:
            flag = "#, python-format\n" if "%(" in source else ""
            entries.append(f"{flag}msgid {_po_string(source)}\nmsgstr {_po_string(target)}\n")
    po = folder / "django.po"
    po.write_text("\n".join(entries), encoding="utf-8")
    subprocess.run(
        [msgfmt, "--check", "--output-file", str(folder / "django.mo"), str(po)], check=True
    )
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
