"""Opportunities point at the shared Category (state only: same table, same column)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0007_opportunity_newest_index"),
        ("procurement_portal", "0004_category_moves_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="opportunity",
                    name="category",
                    field=models.ForeignKey(
                        blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                        related_name="opportunities", to="procurement_portal.category",
                        verbose_name="category"),
                ),
            ],
            database_operations=[],
        ),
    ]
