"""Categories move from the opportunities app to the shared app, so that vendors no longer
depend on opportunities (the layer contract). State only: the table keeps its name."""

import django.db.models.deletion
from django.db import migrations, models

import procurement_portal.text


class Migration(migrations.Migration):
    dependencies = [
        ("procurement_portal", "0003_outbox_dedupe_key"),
        ("opportunities", "0007_opportunity_newest_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Category",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("slug", models.SlugField(unique=True, verbose_name="slug")),
                        ("name_en", models.CharField(max_length=120,
                                                     verbose_name="name (English)")),
                        ("name_fr", models.CharField(max_length=120,
                                                     verbose_name="name (French)")),
                        ("parent", models.ForeignKey(
                            blank=True, null=True,
                            on_delete=django.db.models.deletion.PROTECT,
                            related_name="children", to="procurement_portal.category",
                            verbose_name="parent category")),
                    ],
                    options={
                        "verbose_name": "category",
                        "verbose_name_plural": "categories",
                        "ordering": ["parent__name_en", "name_en"],
                        "db_table": "opportunities_category",
                    },
                    bases=(procurement_portal.text.BilingualMixin, models.Model),
                ),
            ],
            database_operations=[],
        ),
    ]
