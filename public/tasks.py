"""Sending the applicants' outbox rows (keys "applicant:…"), with the staff sender's claim-by-conditional-UPDATE,
retries and quiet-hour holds (requests_cms/reminders.py). Scheduled by CELERY_BEAT_SCHEDULE["public-outbox-send"].

The "received" notice carries the query code. Once such a row is sent (or has used up its attempts) the code is
blanked in the stored body, so the code lives in the database only while its notice waits to go out."""

import re

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from requests_cms import reminders
from requests_cms.models import OutboxMessage

PREFIX = "applicant:"


def pending_ids(now=None):
    return list(OutboxMessage.objects.filter(reminders._claimable(now or timezone.now()), key__startswith=PREFIX)
                .order_by("pk").values_list("pk", flat=True))


CODE = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){4}")
BLANKED = "（查询码已隐去）"


def scrub_codes():
    """Blank the query code in the received notices that are done with (sent, or out of attempts)."""
    done = OutboxMessage.objects.filter(key__startswith=PREFIX + "received:").filter(
        Q(status=OutboxMessage.Status.SENT) | Q(attempts__gte=reminders.MAX_ATTEMPTS))
    scrubbed = 0
    for row in done.only("pk", "body"):
        if CODE.search(row.body):
            OutboxMessage.objects.filter(pk=row.pk).update(body=CODE.sub(BLANKED, row.body))
            scrubbed += 1
    return scrubbed


def send_applicant_notices():
    sent = reminders.send_pending(ids=pending_ids())
    scrub_codes()
    return sent


@shared_task(name="public.outbox_send")
def outbox_send():
    return send_applicant_notices()
