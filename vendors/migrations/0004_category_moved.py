"""Vendors and subscriptions point at the shared Category (state only: the join tables and
their columns keep their names)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("vendors", "0003_business_number_message"),
        ("procurement_portal", "0004_category_moves_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="vendor",
                    name="categories",
                    field=models.ManyToManyField(blank=True, related_name="vendors",
                                                 to="procurement_portal.category",
                                                 verbose_name="kinds of work"),
                ),
                migrations.AlterField(
                    model_name="subscription",
                    name="categories",
                    field=models.ManyToManyField(blank=True, related_name="subscriptions",
                                                 to="procurement_portal.category",
                                                 verbose_name="kinds of work"),
                ),
            ],
            database_operations=[],
        ),
    ]
