"""gunicorn's application for bench/pages.py: the site plus the baseline list view (/bench-list/)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402
from django.conf import settings  # noqa: E402

from requests_cms.wsgi import application  # noqa: E402

settings.ROOT_URLCONF = pages.baseline_urlconf()
__all__ = ["application"]
