import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    # Contracts, receipts and delivered files are written to a folder per test.
    settings.MEDIA_ROOT = tmp_path
