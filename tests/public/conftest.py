import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_throttle_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
