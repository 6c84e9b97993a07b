"""For the tests of demonstration times: an opportunity in Vancouver, a server in Toronto,
so a time read in the wrong zone is three hours off."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

VANCOUVER = "America/Vancouver"
NBSP = "\u00a0"


@pytest.fixture
def server_in_toronto(settings, tmp_path):
    settings.TIME_ZONE = "America/Toronto"
    settings.MEDIA_ROOT = tmp_path


def next_january_15() -> datetime:
    """10:00 in Vancouver: always in the future and in standard time (PST, UTC−8)."""
    return datetime(timezone.now().year + 1, 1, 15, 10, 0, tzinfo=ZoneInfo(VANCOUVER))
