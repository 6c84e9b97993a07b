"""The opportunities app no longer holds Category (state only: the table stays, owned by
procurement_portal.Category)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("opportunities", "0008_category_moved"),
        ("vendors", "0004_category_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Category")],
            database_operations=[],
        ),
    ]
