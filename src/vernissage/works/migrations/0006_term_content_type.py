"""The content type of terms becomes works' own, so that the permissions to keep the
vocabulary, and the audit rows of terms, follow the model to its new area."""

from django.db import migrations


def content_type_move(apps, schema_editor, source="core", target="works"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label=source, model="term").first()
    if old is None:
        return
    # A content type made for the new place in the meantime holds nothing yet: it goes.
    ContentType.objects.filter(app_label=target, model="term").delete()
    old.app_label = target
    old.save(update_fields=["app_label"])


def content_type_back(apps, schema_editor):
    content_type_move(apps, schema_editor, source="works", target="core")


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0005_term_table"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(content_type_move, content_type_back)]
