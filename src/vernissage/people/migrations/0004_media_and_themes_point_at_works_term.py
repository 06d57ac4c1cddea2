from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_ordering_by_parent_id"),
        ("works", "0003_term_from_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="person",
                    name="media",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"kind": "medium"},
                        related_name="+",
                        to="works.term",
                    ),
                ),
                migrations.AlterField(
                    model_name="person",
                    name="themes",
                    field=models.ManyToManyField(
                        blank=True,
                        limit_choices_to={"kind": "theme"},
                        related_name="+",
                        to="works.term",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
