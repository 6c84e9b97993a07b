import datetime

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("payments", "0002_seed_terms")]

    operations = [
        migrations.AddField(
            model_name="guardrailoverride",
            name="amount",
            field=models.DecimalField(decimal_places=2, default=0, max_digits=12,
                                      verbose_name="amount overridden for (CAD)"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="guardrailoverride",
            name="day",
            field=models.DateField(default=datetime.date(2026, 11, 24),
                                   verbose_name="payment date checked"),
            preserve_default=False,
        ),
    ]
