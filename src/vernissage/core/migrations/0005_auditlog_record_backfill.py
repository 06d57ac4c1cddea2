"""Say which record each existing audit row belongs to (see AuditLog.record_type).

A row of a record belongs to that record; a row of a part (a person's name, a work's maker
line or image) belongs to the person or work its foreign key names, read from the row's own
``changes`` (the value after the change, or before it for a deletion).
"""

from django.db import migrations

PARTS = {
    ("people", "personname"): ("people", "person", "person_id"),
    ("people", "relationship"): ("people", "person", "person_id"),
    ("people", "lifeevent"): ("people", "person", "person_id"),
    ("works", "creation"): ("works", "artwork", "artwork_id"),
    ("works", "artworktitle"): ("works", "artwork", "artwork_id"),
    ("works", "inscription"): ("works", "artwork", "artwork_id"),
    ("works", "editionitem"): ("works", "artwork", "artwork_id"),
    ("images", "image"): ("works", "artwork", "artwork_id"),
}


def backfill(apps, schema_editor):
    AuditLog = apps.get_model("core", "AuditLog")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = {(ct.app_label, ct.model): ct for ct in ContentType.objects.all()}
    rows = AuditLog.objects.filter(record_type__isnull=True).select_related("content_type")
    for row in rows.iterator(chunk_size=2000):
        key = (row.content_type.app_label, row.content_type.model)
        record_type, record_id = row.content_type, row.object_id
        if key in PARTS:
            app_label, model, attname = PARTS[key]
            before, after = (row.changes.get(attname) or [None, None])[:2]
            parent_id = after if after is not None else before
            if parent_id is not None and (app_label, model) in types:
                record_type, record_id = types[(app_label, model)], str(parent_id)
        row.record_type = record_type
        row.record_id = record_id
        row.save(update_fields=["record_type", "record_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_auditlog_record"),
        ("people", "0003_ordering_by_parent_id"),
        ("works", "0002_artwork_list_indexes"),
        ("images", "0002_ordering_by_artwork_id"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
