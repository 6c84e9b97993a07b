"""Full-text search index (PostgreSQL) and the seeded category tree."""

from django.db import migrations

GIN = ("CREATE INDEX IF NOT EXISTS opportunity_search_gin "
       "ON opportunities_opportunity USING gin (search_document)")
DROP_GIN = "DROP INDEX IF EXISTS opportunity_search_gin"



def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIN)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_GIN)


def seed_categories(apps, schema_editor):
    from opportunities.seed_data import seed_categories as seed

    seed(apps.get_model("opportunities", "Category"))


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0001_initial")]

    operations = [
        migrations.RunPython(add_index, drop_index),
        migrations.RunPython(seed_categories, migrations.RunPython.noop),
    ]
