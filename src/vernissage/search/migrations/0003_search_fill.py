"""The documents of the records already there (the index follows every write from now on)."""

from django.db import migrations


def fill(apps, schema_editor):
    from vernissage.search.indexing import index_rebuild

    index_rebuild(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_search_engines"),
        ("works", "0007_verbose_names"),
        ("people", "0006_publication_kinds"),
        ("exhibitions", "0002_initial"),
        ("press", "0001_initial"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
