from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .opportunities import Opportunity


class SearchEntry(models.Model):
    """What a search filters, sorts and ranks on, one narrow row per opportunity.

    An opportunity's row carries its texts in both languages (about 3.4 kB: two rows per
    page), so ranking the 14,000 matches of a common word at 100,000 opportunities read
    10,000 pages (130 ms); these rows hold only the columns below (33 ms). On PostgreSQL a
    trigger on the opportunity table writes this copy (migration 0014), so no code path
    (services, bulk updates, raw SQL) can leave it stale; nothing else writes it. SQLite (the
    demo) searches its FTS5 index instead and leaves this table empty.
    """

    opportunity = models.OneToOneField(
        Opportunity, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # Not `status`: a field of that name means a state machine with its owner; this one only
    # copies the opportunity's (search.py filters it under the alias `status`).
    opportunity_status = models.CharField(max_length=32)
    published_at = models.DateTimeField(null=True)
    closes_at = models.DateTimeField(null=True)
    category_id = models.BigIntegerField(null=True)
    department_id = models.BigIntegerField()
    max_budget = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    is_remote = models.BooleanField(default=False)
    document = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["-published_at", "-opportunity"], name="search_entry_newest"),
        ]

    def __str__(self) -> str:
        return str(self.opportunity_id)
