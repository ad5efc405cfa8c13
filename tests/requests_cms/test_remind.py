"""remind: one daily digest per handler and approver, through the outbox, never sent twice."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from requests_cms import reminders
from requests_cms.models import OutboxMessage
from requests_cms.services.deadlines import add_workdays

from . import pages_data as data


def remind(*args):
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due_work(make_request, staff):
    return {"late": data.overdue(make_request), "soon": data.due_soon(make_request), "far": data.far(make_request)}


def test_each_handler_and_approver_gets_one_digest(due_work, staff):
    remind()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(staff[k].email for k in ("handler", "approver", "approver2"))


def test_the_digest_lists_overdue_and_due_soon_but_not_later_requests(due_work, staff):
    remind()
    message = next(m for m in mail.outbox if m.to == [staff["handler"].email])
    assert due_work["late"].number in message.body and due_work["soon"].number in message.body
    assert due_work["far"].number not in message.body
    assert "【已超期】1件" in message.body and "【3个工作日内到期】1件" in message.body
    assert "超期1件" in message.subject


def test_running_it_twice_sends_each_digest_once(due_work):
    remind()
    remind()
    assert len(mail.outbox) == 3
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 3
    assert all(key.startswith("digest:") for key in OutboxMessage.objects.values_list("key", flat=True))


def test_two_hosts_claiming_at_once_send_each_digest_once(due_work):
    reminders.enqueue(data.today())
    reminders.enqueue(data.today())  # the second host enqueues the same keys: nothing new
    seen_by_a, seen_by_b = reminders.pending_ids(), reminders.pending_ids()  # both read before either claims
    assert seen_by_a == seen_by_b and len(seen_by_a) == 3
    sent_a = reminders.send_pending(host="app1", ids=seen_by_a[:2])
    sent_b = reminders.send_pending(host="app2", ids=seen_by_b)
    sent_a += reminders.send_pending(host="app1", ids=seen_by_a[2:])
    assert (sent_a, sent_b) == (2, 1) and len(mail.outbox) == 3
    assert set(OutboxMessage.objects.values_list("claimed_by", flat=True)) == {"app1", "app2"}


def test_a_claim_succeeds_only_once(due_work):
    reminders.enqueue(data.today())
    pk = reminders.pending_ids()[0]
    assert reminders.claim(pk, "app1") is True
    assert reminders.claim(pk, "app2") is False


def test_a_claim_left_by_a_host_that_died_is_taken_over_after_the_timeout(due_work):
    reminders.enqueue(data.today())
    pk = reminders.pending_ids()[0]
    assert reminders.claim(pk, "app1")  # app1 dies before sending
    claimed_at = OutboxMessage.objects.get(pk=pk).claimed_at
    soon = claimed_at + reminders.CLAIM_TIMEOUT - timedelta(seconds=1)
    assert pk not in reminders.pending_ids(now=soon) and not reminders.claim(pk, "app2", now=soon)
    later = claimed_at + reminders.CLAIM_TIMEOUT + timedelta(seconds=1)
    assert pk in reminders.pending_ids(now=later) and reminders.claim(pk, "app2", now=later)
    assert reminders.deliver(pk) and OutboxMessage.objects.get(pk=pk).attempts == 2


def test_a_failed_send_is_recorded_and_retried_next_run(due_work, settings, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("SMTP 连接失败")

    monkeypatch.setattr(reminders, "send_mail", broken)
    remind()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"failed"}
    assert "SMTP" in OutboxMessage.objects.first().error
    monkeypatch.undo()
    remind()
    assert len(mail.outbox) == 3 and set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_a_new_day_gets_a_new_digest(due_work):
    remind("--date", data.today().isoformat())
    tomorrow = add_workdays(data.today(), 1)
    remind("--date", tomorrow.isoformat())
    assert OutboxMessage.objects.values("key").distinct().count() == 6


def test_nobody_with_nothing_due_gets_mail(staff, make_request):
    data.far(make_request)
    remind()
    assert mail.outbox == []


def test_another_agencys_requests_stay_out_of_the_digest(due_work, staff):
    remind()
    assert all(m.to[0] != staff["other_handler"].email for m in mail.outbox)
