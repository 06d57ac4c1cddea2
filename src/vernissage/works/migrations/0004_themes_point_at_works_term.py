from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("works", "0003_term_from_core")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="artwork",
                    name="themes",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"kind": "theme"},
                        related_name="artworks",
                        to="works.term",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
