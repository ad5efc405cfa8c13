"""Sending the applicants' outbox rows (keys "applicant:…"), with the staff sender's claim-by-conditional-UPDATE,
retries and quiet-hour holds (requests_cms/reminders.py). Scheduled by CELERY_BEAT_SCHEDULE["public-outbox-send"]."""

from celery import shared_task
from django.utils import timezone

from requests_cms import reminders
from requests_cms.models import OutboxMessage

PREFIX = "applicant:"


def pending_ids(now=None):
    return list(OutboxMessage.objects.filter(reminders._claimable(now or timezone.now()), key__startswith=PREFIX)
                .order_by("pk").values_list("pk", flat=True))


def send_applicant_notices():
    return reminders.send_pending(ids=pending_ids())


@shared_task(name="public.outbox_send")
def outbox_send():
    return send_applicant_notices()
