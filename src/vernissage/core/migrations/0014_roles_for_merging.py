"""The roles granted again once people can be merged (people 0007): the Owner and the Registrar
keep every model of the people area, the merges of people and the pairs kept apart among them
(``people.add_personmerge`` is what ``can_merge_people`` reads); Sales, Press and Viewer only read
them. The roles themselves do not change. A copy of vernissage.core.roles.ROLES; migrations
never import app code."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

CATALOGUE_APPS = ("people", "works", "images", "exhibitions")
GUEST_LIST_MODELS = ("exhibitions.guest", "exhibitions.guestmessage", "exhibitions.checkin")
CATALOGUE_KEEPING = ("core.view_auditlog", "core.view_private_records")

ROLES = {
    "Owner": {"everything": True},
    "Registrar": {
        "apps": (*CATALOGUE_APPS, "biographies"),
        "view_apps": ("press",),
        "permissions": CATALOGUE_KEEPING,
        "exclude_models": GUEST_LIST_MODELS,
    },
    "Sales": {
        "apps": ("market",),
        "view_apps": (*CATALOGUE_APPS, "press"),
        "permissions": (
            "core.view_private_records",
            "core.view_prices",
            "core.view_contacts",
            "core.view_auditlog",
        ),
    },
    "Press": {
        "apps": ("press", "biographies"),
        "view_apps": CATALOGUE_APPS,
        "permissions": (
            "exhibitions.add_guest",
            "exhibitions.change_guest",
            "exhibitions.delete_guest",
            "exhibitions.view_guest",
            "exhibitions.view_guestmessage",
            "exhibitions.add_checkin",
            "exhibitions.view_checkin",
        ),
        "exclude_models": GUEST_LIST_MODELS,
    },
    "Viewer": {"view_apps": (*CATALOGUE_APPS, "press"), "exclude_models": GUEST_LIST_MODELS},
}


def roles_update(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, definition in ROLES.items():
        if definition.get("everything"):
            permissions = Permission.objects.all()
        else:
            whole = Q(pk__in=[])
            for app_label in definition.get("apps", ()):
                whole |= Q(content_type__app_label=app_label)
            for app_label in definition.get("view_apps", ()):
                whole |= Q(content_type__app_label=app_label, codename__startswith="view_")
            for model in definition.get("exclude_models", ()):
                app_label, model_name = model.split(".", 1)
                whole &= ~Q(content_type__app_label=app_label, content_type__model=model_name)
            single = Q(pk__in=[])
            for permission in definition.get("permissions", ()):
                app_label, codename = permission.split(".", 1)
                single |= Q(content_type__app_label=app_label, codename=codename)
            permissions = Permission.objects.filter(whole | single)
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0013_roles_for_biographies"),
        ("people", "0007_person_merge_and_distinction"),
    ]

    operations = [migrations.RunPython(roles_update, migrations.RunPython.noop)]
