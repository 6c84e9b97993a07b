from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from vendors.seed_data import seed_reference_data

    seed_reference_data(apps.get_model("vendors", "QuestionnaireVersion"),
                        apps.get_model("vendors", "QuestionnaireQuestion"),
                        apps.get_model("vendors", "CertificationType"), timezone.now())


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
