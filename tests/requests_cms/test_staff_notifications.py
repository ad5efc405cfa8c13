"""Staff notifications: e-mail and SMS through the outbox, per-user channels, quiet hours that hold an SMS until the
next workday morning, a pluggable SMS backend, retried and idempotent sending."""

import json
import threading
from datetime import datetime, time
from http.server import BaseHTTPRequestHandler, HTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from requests_cms import notifications, reminders
from requests_cms.models import OutboxMessage
from requests_cms.services import deadlines, handling
from requests_cms.services import departments as routing_services
from tests.conftest import make_user

from .views_support import recent_request

SH = ZoneInfo("Asia/Shanghai")


def at(y, m, d, hh, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=SH)


@pytest.fixture
def sms_file(settings, tmp_path):
    settings.SMS_BACKEND = "requests_cms.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    return tmp_path / "sms.jsonl"


@pytest.fixture
def texted(education):
    user = make_user("texted", education, "handler", full_name="短信用户")
    user.mobile, user.notify_sms = "13800000000", True
    user.save()
    return user


def sent_sms(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.parametrize(("now", "expected"), [
    (at(2026, 12, 2, 10), None),  # a Wednesday morning: now
    (at(2026, 12, 2, 6, 30), at(2026, 12, 2, 8)),  # before the quiet hours end: this morning
    (at(2026, 12, 2, 22), at(2026, 12, 3, 8)),  # at night: the next workday morning
    (at(2026, 12, 4, 21, 30), at(2026, 12, 7, 8)),  # a Friday night: Monday morning
    (at(2026, 12, 5, 12), at(2026, 12, 7, 8)),  # a Saturday noon: Monday morning
])
def test_quiet_hours_and_non_workdays_hold_sms_until_the_next_workday_morning(texted, now, expected):
    assert notifications.sms_not_before(texted, now) == expected


def test_a_holiday_holds_sms_until_the_first_workday_after_it(texted):
    national_day = at(2026, 10, 2, 11)
    assert not deadlines.is_workday(national_day.date())
    held = notifications.sms_not_before(texted, national_day)
    assert held.time() == time(8) and deadlines.is_workday(held.date()) and held.date() > national_day.date()
    assert held.date() == deadlines.first_workday_on_or_after(national_day.date())


def test_a_held_sms_is_sent_only_after_the_quiet_hours(texted, sms_file, fixed_clock):
    fixed_clock.move_to(at(2026, 12, 4, 22))  # Friday night
    rows = notifications.queue(texted, "assign:1:1", "【依申请公开】新分派", "您好：\n\n申请 X 已分派由您承办。")
    assert {r.channel for r in rows} == {"email", "sms"}
    assert reminders.send_pending() == 1  # the e-mail only
    assert len(mail.outbox) == 1 and sent_sms(sms_file) == []
    fixed_clock.move_to(at(2026, 12, 6, 12))  # Sunday: still held
    assert reminders.send_pending() == 0
    fixed_clock.move_to(at(2026, 12, 7, 8, 1))  # Monday morning
    assert reminders.send_pending() == 1
    (message,) = sent_sms(sms_file)
    assert message["phone"] == "13800000000" and message["key"] == f"staff:assign:1:1:{texted.pk}:sms"


def test_each_user_chooses_channels(texted, sms_file):
    texted.notify_email = False
    texted.save()
    rows = notifications.queue(texted, "x:1", "主题", "正文")
    assert [r.channel for r in rows] == ["sms"]
    texted.notify_sms = False
    texted.save()
    assert notifications.queue(texted, "x:2", "主题", "正文") == []


def test_writing_a_notice_twice_creates_one_row_and_sends_once(texted, sms_file):
    for _ in range(2):
        notifications.queue(texted, "supervision:7", "主题", "正文")
    assert OutboxMessage.objects.count() == 2  # one e-mail, one SMS
    assert reminders.send_pending() == 2 and reminders.send_pending() == 0
    assert len(mail.outbox) == 1 and len(sent_sms(sms_file)) == 1


class Flaky:
    calls = 0

    def send(self, phone, text, *, key, template_params=None):
        Flaky.calls += 1
        if Flaky.calls == 1:
            raise OSError("网关超时")


def test_a_failed_sms_is_retried(texted, settings):
    settings.SMS_BACKEND = "tests.requests_cms.test_staff_notifications.Flaky"
    texted.notify_email = False
    texted.save()
    (row,) = notifications.queue(texted, "x:3", "主题", "正文")
    assert reminders.send_pending() == 0
    row.refresh_from_db()
    assert row.status == "failed" and "网关超时" in row.error
    assert reminders.send_pending() == 1
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 2


def test_the_http_gateway_backend_posts_the_template_with_the_key(texted, settings):
    received = []

    class Gateway(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            received.append((dict(self.headers), json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'{"code":"OK"}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.handle_request)
    thread.start()
    settings.SMS_BACKEND = "requests_cms.sms.HttpGatewayBackend"
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SMS_GATEWAY_KEY, settings.SMS_TEMPLATE_ID = "secret-key", "SMS_123"
    texted.notify_email = False
    texted.save()
    notifications.queue(texted, "x:4", "主题", "正文")
    assert reminders.send_pending() == 1
    thread.join(5)
    server.server_close()
    ((headers, body),) = received
    assert headers["Authorization"] == "Bearer secret-key" and headers["Idempotency-Key"].endswith(":sms")
    assert body["template_id"] == "SMS_123" and body["phone"] == "13800000000"


def test_the_four_events_notify(make_request, staff, officers, departments, education, sms_file):
    req = handling.request_accept(request=recent_request(make_request), by=staff["handler"])
    new = make_user("handler_n", education, "handler")
    req = routing_services.request_assign(request=req, by=staff["approver"], handler=new)
    (routing,) = routing_services.routing_route(request=req, by=new, departments=[departments["basic"]],
                                                note="请提供")
    routing_services.routing_return(routing=routing, by=officers["basic"], reason="不属于本科室")
    (routing,) = routing_services.routing_route(request=req, by=new, departments=[departments["finance"]],
                                                note="请提供")
    assert notifications.enqueue_internal_due_near() == 0  # today the internal due date is not near yet
    assert notifications.enqueue_internal_due_near(routing.internal_due) == 2  # the officer and the handler
    keys = set(OutboxMessage.objects.values_list("key", flat=True))
    assert f"staff:assign:{req.pk}:{req.version}:{new.pk}:email" in keys
    assert f"staff:returned:{routing.pk - 1}:{new.pk}:email" in keys
    assert f"staff:internal_due:{routing.pk}:{officers['finance'].pk}:email" in keys
    assert f"staff:internal_due:{routing.pk}:{new.pk}:email" in keys


def test_each_user_sets_their_own_channels_and_quiet_hours(texted, client):
    client.force_login(texted)
    response = client.post(reverse("notification_preferences"), {"notify_sms": "on", "mobile": "",
                                                                  "quiet_start": "22:00", "quiet_end": "07:30"})
    assert response.status_code == 400 and "选择短信通知须填写手机号码" in response.content.decode()
    response = client.post(reverse("notification_preferences"), {"notify_sms": "on", "mobile": "13900001111",
                                                                  "quiet_start": "22:00", "quiet_end": "07:30"})
    assert response.status_code == 302
    texted.refresh_from_db()
    assert (texted.notify_email, texted.notify_sms, texted.mobile) == (False, True, "13900001111")
    assert (texted.quiet_start, texted.quiet_end) == (time(22), time(7, 30))
    assert notifications.sms_not_before(texted, at(2026, 12, 2, 7)) == at(2026, 12, 2, 7, 30)
