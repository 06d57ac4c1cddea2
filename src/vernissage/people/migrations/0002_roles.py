"""The roles a person can hold are a fixed list; make one row for each."""

from django.db import migrations

ROLES = ("artist", "photographer", "collector", "critic", "curator", "dealer", "gallerist")


def add_roles(apps, schema_editor):
    Role = apps.get_model("people", "Role")
    for code in ROLES:
        Role.objects.get_or_create(code=code)


def remove_roles(apps, schema_editor):
    apps.get_model("people", "Role").objects.filter(code__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(add_roles, remove_roles)]
