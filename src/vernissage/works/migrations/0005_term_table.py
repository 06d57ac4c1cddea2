from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0004_themes_point_at_works_term"),
        ("core", "0007_term_leaves_core"),
    ]

    operations = [
        migrations.AlterModelTable(name="term", table=None),
    ]
