"""Search reads a narrow copy of each opportunity (`SearchEntry`), kept by a PostgreSQL
trigger; the GIN index moves to the copy. SQLite (the demo) keeps its FTS5 index (0013)."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

COLUMNS = "published_at, closes_at, category_id, department_id, max_budget, is_remote"
SYNC = f"""
CREATE OR REPLACE FUNCTION opportunity_search_entry_sync() RETURNS trigger AS $$
BEGIN
    INSERT INTO opportunities_searchentry
        (opportunity_id, opportunity_status, {COLUMNS}, document)
    VALUES (NEW.id, NEW.status, NEW.published_at, NEW.closes_at, NEW.category_id,
            NEW.department_id, NEW.max_budget, NEW.is_remote, NEW.search_document)
    ON CONFLICT (opportunity_id) DO UPDATE SET
        opportunity_status = EXCLUDED.opportunity_status, published_at = EXCLUDED.published_at,
        closes_at = EXCLUDED.closes_at, category_id = EXCLUDED.category_id,
        department_id = EXCLUDED.department_id, max_budget = EXCLUDED.max_budget,
        is_remote = EXCLUDED.is_remote, document = EXCLUDED.document;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER opportunity_search_entry_sync
AFTER INSERT OR UPDATE OF status, {COLUMNS}, search_document
ON opportunities_opportunity
FOR EACH ROW EXECUTE FUNCTION opportunity_search_entry_sync();

INSERT INTO opportunities_searchentry (opportunity_id, opportunity_status, {COLUMNS}, document)
SELECT id, status, {COLUMNS}, search_document FROM opportunities_opportunity;

CREATE INDEX opportunity_search_entry_gin ON opportunities_searchentry USING gin (document);
DROP INDEX IF EXISTS opportunity_search_gin;
"""
UNSYNC = """
DROP TRIGGER IF EXISTS opportunity_search_entry_sync ON opportunities_opportunity;
DROP FUNCTION IF EXISTS opportunity_search_entry_sync();
CREATE INDEX IF NOT EXISTS opportunity_search_gin
    ON opportunities_opportunity USING gin (search_document);
"""


def create_sync(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SYNC, params=None)


def drop_sync(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNSYNC, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('opportunities', '0013_sqlite_search_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('opportunity', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='opportunities.opportunity')),
                ('opportunity_status', models.CharField(max_length=32)),
                ('published_at', models.DateTimeField(null=True)),
                ('closes_at', models.DateTimeField(null=True)),
                ('category_id', models.BigIntegerField(null=True)),
                ('department_id', models.BigIntegerField()),
                ('max_budget', models.DecimalField(decimal_places=2, max_digits=12, null=True)),
                ('is_remote', models.BooleanField(default=False)),
                ('document', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
                'indexes': [models.Index(fields=['-published_at', '-opportunity'], name='search_entry_newest')],
            },
        ),
        migrations.RunPython(create_sync, drop_sync),
    ]
