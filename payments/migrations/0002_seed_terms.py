from django.db import migrations


def seed(apps, schema_editor):
    from payments.seed_data import seed_terms

    seed_terms(apps.get_model("payments", "ContractTerms"))


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
