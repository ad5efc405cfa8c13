# The Celery app is loaded with Django so that @shared_task functions bind to it (requests_cms/celery.py).
from .celery import app as celery_app

__all__ = ["celery_app"]
