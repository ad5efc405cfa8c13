"""Worker processes read the letter fonts when they start, so that the first letter PDF does not pay for it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
from reportlab.pdfbase import pdfmetrics
before = set(pdfmetrics.getRegisteredFontNames())
{start}
after = set(pdfmetrics.getRegisteredFontNames())
from letters.layout.fonts import ROLES, default_font_set
wanted = {{face.name for role in ROLES for face in default_font_set().chains[role]}}
print(sorted(wanted - before) == sorted(wanted), wanted <= after)
"""


def registered_after(start):
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "requests_cms.settings"}
    out = subprocess.run([sys.executable, "-c", PROBE.format(start=start)], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    return out.stdout.split()


def test_a_web_worker_has_every_letter_face_once_the_application_is_loaded():
    assert registered_after("import requests_cms.wsgi") == ["True", "True"]


def test_a_task_worker_process_loads_them_when_it_starts():
    start = ("import django; django.setup()\n"
             "from celery.signals import worker_process_init\n"
             "import requests_cms.celery\n"
             "worker_process_init.send(sender=None)")
    assert registered_after(start) == ["True", "True"]


def test_a_plain_command_does_not_pay_for_them():
    assert registered_after("import django; django.setup()") == ["True", "False"]
