"""Support of the Celery fault tests, run in subprocesses against the test's own database and Redis.

As a Celery app (`celery -A tests.requests_cms.celery_fault worker`): the project's app, with each progress step of
a case-file build slowed by FAULT_STEP_SECONDS so that a test can kill the worker in the middle of a job.
As a command: `python -m tests.requests_cms.celery_fault seed` prints the pk of a request with a few documents;
`... start PK` queues a case-file export of it the way the web page does and prints the job's pk.
"""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "requests_cms.settings")
django.setup()

from requests_cms.casefile import jobs as casefile_jobs  # noqa: E402
from requests_cms.celery import app  # noqa: E402

__all__ = ["app"]
STEP_SECONDS = float(os.environ.get("FAULT_STEP_SECONDS", "0"))
_build = casefile_jobs.build


def _slow_build(req, progress):
    def slow(percent, step):
        progress(percent, step)
        time.sleep(STEP_SECONDS)

    return _build(req, slow)


if STEP_SECONDS:
    casefile_jobs.build = _slow_build


def seed():
    from datetime import date

    from requests_cms.demo.organisation_loader import load_organisation
    from requests_cms.models import Agency, Role, User
    from requests_cms.services import registration
    from tests.requests_cms.casefile_support import frozen_letter, many_scans

    load_organisation()
    agency = Agency.objects.get(code="jyj")
    staff = User.objects.create_user(username="fault", password="x-Passw0rd!", agency=agency, full_name="陈磊",
                                     roles=[str(Role.REGISTRAR), str(Role.HANDLER), str(Role.AUDITOR)])
    applicant = registration.applicant_create(agency=agency, by=staff, kind="natural_person", name="张伟",
                                              address="山西省高平市米山镇米西村1号", postcode="048400")
    req = registration.request_register(agency=agency, by=staff, applicant=applicant, channel="in_person",
                                        description="请公开2025年度部门预算", handler=staff,
                                        submitted_on=date(2025, 9, 25))
    frozen_letter(req, "acknowledgement", "ACK", staff, number="高教公开登〔2026〕1号", title="登记回执")
    many_scans(req, staff, 6)
    return req.pk


def start(request_pk):
    from requests_cms.models import InformationRequest, User

    req = InformationRequest.objects.get(pk=request_pk)
    return casefile_jobs.export_start(request=req, by=User.objects.get(username="fault")).pk


if __name__ == "__main__":
    command = sys.argv[1]
    print(seed() if command == "seed" else start(int(sys.argv[2])))
