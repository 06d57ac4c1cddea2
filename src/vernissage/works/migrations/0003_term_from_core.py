"""The vocabulary of media and themes (Term) moves from core to works, in five steps:

0003 (this): works.Term enters the state, on the table core_term, which stays as it is;
people 0004 and works 0004: the many-to-many fields point at works.Term (state only; the
link tables' columns and keys already point at core_term);
core 0007: core.Term leaves the state;
works 0005: the table is renamed works_term, and its content type (with the permissions and
audit rows that name it) becomes works' own.
"""

from django.db import migrations, models
import django.utils.timezone


class Migration(migrations.Migration):
    dependencies = [
        ("works", "0002_artwork_list_indexes"),
        ("core", "0006_owner_holds_sign_in_permissions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Term",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, editable=False
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("label", models.CharField(max_length=200)),
                        (
                            "kind",
                            models.CharField(
                                choices=[("medium", "medium"), ("theme", "theme")], max_length=10
                            ),
                        ),
                        (
                            "aat_id",
                            models.CharField(
                                blank=True,
                                help_text="For example aat:300033618.",
                                max_length=20,
                                verbose_name="Getty AAT id",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ("kind", "label"),
                        "db_table": "core_term",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "label"), name="term_unique_label_per_kind"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
