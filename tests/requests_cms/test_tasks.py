"""Tasks and their schedule: the digest and the outbox on beat, calendar recomputes queued after commit."""

from datetime import date

import pytest
from django.conf import settings
from django.core import mail

from requests_cms.celery import app
from requests_cms.models import OutboxMessage
from requests_cms.tasks import calendar_recompute, outbox_send, reminders_digest
from workday_calendars.models import CalendarDay, Region

from . import pages_data as data


def test_every_scheduled_task_exists_and_the_reaper_runs_within_the_stale_bound():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
    assert settings.JOBS_REAP_SECONDS + settings.JOBS_STALE_SECONDS <= 300  # a dead job is handled within 5 min


def test_production_task_settings_survive_a_dead_worker():
    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost and conf.worker_prefetch_multiplier == 1
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit


def test_the_daily_digest_task_enqueues_and_sends_once(make_request, staff):
    data.overdue(make_request)
    first = reminders_digest.delay(date.today().isoformat()).get()
    second = reminders_digest.delay(date.today().isoformat()).get()
    assert first["created"] == first["sent"] == len(mail.outbox) == 3  # the handler and both approvers
    assert (second["created"], second["sent"]) == (0, 0)


def test_the_outbox_task_sends_what_is_pending_and_retries_failures(staff):
    OutboxMessage.objects.create(key="digest:x:1", recipient=staff["handler"], to_email="a@example.gov.cn",
                                 subject="提醒", body="正文")
    assert outbox_send.delay().get() == 1
    assert outbox_send.delay().get() == 0
    assert mail.outbox[0].to == ["a@example.gov.cn"]


@pytest.fixture
def broker_configured(settings):
    """What a deployment with a broker does: tasks are sent, not run here."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def test_with_a_broker_a_calendar_change_queues_one_recompute_after_commit(
        make_request, broker_configured, monkeypatch, django_capture_on_commit_callbacks):
    req = make_request(received=date(2025, 9, 25))
    sent = []
    monkeypatch.setattr(calendar_recompute, "apply_async",
                        lambda args=None, kwargs=None, **kw: sent.append(tuple(args)))
    national = Region.objects.get(code="national")
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(region=national, date=date(2025, 10, 20), kind=CalendarDay.Kind.DAY_OFF, name="甲")
        CalendarDay.objects.create(region=national, date=date(2025, 10, 22), kind=CalendarDay.Kind.DAY_OFF, name="乙")
    assert sent == [("2025-10-20", "2025-10-22")]
    req.refresh_from_db()
    assert req.due_date == date(2025, 10, 29)  # unchanged until a worker runs the task
    assert calendar_recompute.run(*sent[0]) == 1
    req.refresh_from_db()
    assert req.due_date == date(2025, 10, 31)
