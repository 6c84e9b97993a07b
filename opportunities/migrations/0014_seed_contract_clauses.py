from django.db import migrations


def seed(apps, schema_editor):
    from opportunities.seed_data import seed_clauses

    seed_clauses(apps.get_model("opportunities", "ContractClause"))


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0013_contract_clauses")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
