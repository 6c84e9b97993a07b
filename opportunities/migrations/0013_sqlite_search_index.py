"""The demo's full-text index on SQLite (FTS5), filled with what is already published;
PostgreSQL keeps its GIN index on `search_document` (0002)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from opportunities.search_sqlite import CREATE, index_opportunity

    schema_editor.execute(CREATE)
    Opportunity = apps.get_model("opportunities", "Opportunity")
    for opportunity in Opportunity.objects.exclude(published_at=None).iterator():
        index_opportunity(opportunity)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        from opportunities.search_sqlite import TABLE

        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0012_merge_0011_criterion_guidance_0011_list_sort_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
