"""The Owner holds every permission: those of sign-in (accounts, e-mail addresses, second
factors, failed logins) too, which came after the roles were made."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def owner_gets_everything(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    owner, _created = Group.objects.get_or_create(name="Owner")
    owner.permissions.set(Permission.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_auditlog_record_backfill"),
        ("accounts", "0002_cache_table"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(owner_gets_everything, migrations.RunPython.noop)]
