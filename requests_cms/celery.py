"""The Celery app: configured from Django settings (the CELERY_* names), tasks in requests_cms/tasks.py.

With no CELERY_BROKER_URL every task runs in the calling process (task_always_eager), so `make run` and the test
suite need no broker; production sets the broker and runs `make worker` and `make beat` (docs/deployment.md).
"""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "requests_cms.settings")

app = Celery("requests_cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def load_letter_fonts(**_kwargs):
    """A task worker process reads the letter fonts when it starts, not in its first letter or case-file task."""
    from letters.layout.fonts import preload

    preload()
