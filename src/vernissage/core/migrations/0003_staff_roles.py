"""The staff roles as groups with their permissions (see vernissage.core.roles).

A copy of ``vernissage.core.roles.ROLES`` as it stood when written: migrations never import
app code. ``tests/core/test_roles.py`` checks that the groups equal the definition.

Permissions are made by Django after the last migration (``post_migrate``); on a new
database they do not exist yet when this runs, so it makes them first, from the historical
models, as ``post_migrate`` would.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

CATALOGUE_APPS = ("people", "works", "images")
CATALOGUE_EXTRA = ("core.view_term",)
CATALOGUE_KEEPING = (
    "core.add_term",
    "core.change_term",
    "core.delete_term",
    "core.view_term",
    "core.view_auditlog",
    "core.view_private_records",
)

ROLES = {
    "Owner": {"everything": True},
    "Registrar": {"apps": CATALOGUE_APPS, "permissions": CATALOGUE_KEEPING},
    "Sales": {
        "view_apps": CATALOGUE_APPS,
        "permissions": (
            *CATALOGUE_EXTRA,
            "core.view_private_records",
            "core.view_prices",
            "core.view_contacts",
            "core.view_auditlog",
        ),
    },
    "Press": {"view_apps": CATALOGUE_APPS, "permissions": CATALOGUE_EXTRA},
    "Viewer": {"view_apps": CATALOGUE_APPS, "permissions": CATALOGUE_EXTRA},
}


def make_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def roles_create(apps, schema_editor):
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, definition in ROLES.items():
        if definition.get("everything"):
            permissions = Permission.objects.all()
        else:
            wanted = Q(pk__in=[])
            for app_label in definition.get("apps", ()):
                wanted |= Q(content_type__app_label=app_label)
            for app_label in definition.get("view_apps", ()):
                wanted |= Q(content_type__app_label=app_label, codename__startswith="view_")
            for permission in definition.get("permissions", ()):
                app_label, codename = permission.split(".", 1)
                wanted |= Q(content_type__app_label=app_label, codename=codename)
            permissions = Permission.objects.filter(wanted)
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def roles_remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("people", "0003_ordering_by_parent_id"),
        ("works", "0002_artwork_list_indexes"),
        ("images", "0002_ordering_by_artwork_id"),
    ]

    operations = [migrations.RunPython(roles_create, roles_remove)]
