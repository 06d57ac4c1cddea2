from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_owner_holds_sign_in_permissions"),
        ("works", "0004_themes_point_at_works_term"),
        ("people", "0004_media_and_themes_point_at_works_term"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Term")],
            database_operations=[],
        ),
    ]
