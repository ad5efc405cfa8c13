"""Celery tasks: each is a thin door to a function that also works without Celery.

Jobs the user waits for (case files; large list exports reuse the same pattern) run through requests_cms/jobs.py.
Durable records of what must be sent stay in the database (the outbox); `outbox_send` delivers them with the
claim-by-conditional-UPDATE of requests_cms/reminders.py, so two beat hosts or a re-delivered message never
send a digest twice.
"""

from datetime import date

from celery import shared_task
from django.utils import timezone

from requests_cms import exports, jobs, reminders
from requests_cms.models import CaseFileExport, ListExport

JOB_TASKS = {}  # job model -> its task, for the reaper


def _job_task(model, name):
    def register(work):
        @shared_task(bind=True, name=name)
        def task(self, job_pk):
            return jobs.run(model, job_pk, self.request.id, work, in_worker=not self.request.is_eager)

        JOB_TASKS[model] = task
        return task

    return register


def _casefile_build(job, run):
    from requests_cms.casefile.jobs import export_build

    return export_build(job, run)


casefile_export = _job_task(CaseFileExport, "requests_cms.casefile_export")(_casefile_build)
list_export = _job_task(ListExport, "requests_cms.list_export")(exports.export_build)


@shared_task(name="requests_cms.list_exports_expire")
def list_exports_expire():
    """Delete list-export files older than LIST_EXPORT_KEEP_HOURS (beat, hourly)."""
    return exports.expire()


@shared_task(name="requests_cms.jobs_reap")
def jobs_reap():
    """Re-queue or fail jobs whose worker died; send again queued jobs whose message was lost."""
    return sum(jobs.reap(model, task) + jobs.redispatch_lost(model, task) for model, task in JOB_TASKS.items())


@shared_task(name="requests_cms.reminders_digest")
def reminders_digest(day=None):
    """The daily digest (the `remind` command's two phases): enqueue today's rows, then send what is pending."""
    from requests_cms import notifications

    day = date.fromisoformat(day) if day else timezone.localdate()
    total, created = reminders.enqueue(day)
    internal = notifications.enqueue_internal_due_near(day)  # 会办 internal due dates near
    return {"day": day.isoformat(), "total": total, "created": created, "internal_due": internal,
            "sent": reminders.send_pending()}


@shared_task(name="requests_cms.outbox_send")
def outbox_send():
    """Send pending and retryable outbox rows (a row claimed by a dead host is taken over after its timeout)."""
    return reminders.send_pending()


@shared_task(name="requests_cms.calendar_recompute")
def calendar_recompute(start, end):
    """Recompute the due dates a calendar change can move (queued after commit by workday_calendars)."""
    from requests_cms.reports import tallies
    from requests_cms.services import deadlines

    deadlines.invalidate_calendars()  # this process may hold calendars cached before the change
    start, end = date.fromisoformat(start), date.fromisoformat(end)
    updated = deadlines.recompute_due_dates_in_range(start, end)
    tallies.refresh_replies_in_range(start, end)  # the workdays taken by replies across the change
    return updated


def calendar_recompute_later(start, end):
    """settings.WORKDAY_CALENDARS_RECOMPUTE: queue the recompute; in-process (no broker) it runs now.

    Returns the number of requests updated when it ran here, None when a worker will run it."""
    result = calendar_recompute.delay(start.isoformat(), end.isoformat())
    return result.get() if calendar_recompute.app.conf.task_always_eager else None
