"""Write the search index afresh: after rows were written around the models (a bulk load,
a restored dump); every write through the models keeps it on its own."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vernissage.search.indexing import BUILDERS, index_rebuild


class Command(BaseCommand):
    help = "Write the search index afresh (works, people, organizations, exhibitions, reviews)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kinds", nargs="*", choices=sorted(BUILDERS), help="default: all")

    def handle(self, *args: Any, **options: Any) -> None:
        written = index_rebuild(kinds=options["kinds"] or tuple(BUILDERS))
        self.stdout.write(f"{written} documents written.")
