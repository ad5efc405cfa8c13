"""The daily digest: each handler and approver gets one e-mail of what falls due soon and what is overdue.

Two phases, both safe to run on several hosts at once: enqueue one OutboxMessage per user and day (unique key
digest:<user>:<date>), then claim pending rows one by one with a conditional UPDATE and send what was claimed.
A row left "sending" longer than CLAIM_TIMEOUT (its host died between claiming and recording the result) may be
claimed again by a later run: a digest is then at worst sent twice, never lost.
"""

import os
import socket
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q
from django.utils import timezone

from requests_cms import sms
from requests_cms.access import visible_requests
from requests_cms.models import OutboxMessage, Role, User
from requests_cms.selectors.deadlines import annotate_rows
from requests_cms.selectors.rows import LIST_RELATED
from requests_cms.services.deadlines import DUE_SOON_WORKDAYS, Calendars
from requests_cms.workflow import CLOCK_RUNNING

DIGEST_ROLES = {Role.HANDLER, Role.APPROVER}
KEY_PREFIX = "digest:"
STAFF_PREFIX = "staff:"  # requests_cms.notifications
MAX_ATTEMPTS = 3
CLAIM_TIMEOUT = timedelta(minutes=15)
Status = OutboxMessage.Status


def default_host():
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def digest_key(user, day):
    return f"{KEY_PREFIX}{user.pk}:{day.isoformat()}"


def recipients():
    users = User.objects.filter(is_active=True, agency__isnull=False).exclude(email="").select_related("agency")
    return [u for u in users.order_by("pk") if DIGEST_ROLES.intersection(u.roles or [])]


def digest_rows(user, calendars):
    """(overdue, due_soon) for this user: an approver sees the agency's requests, a handler their own."""
    qs = visible_requests(user).filter(state__in=CLOCK_RUNNING, agency_id=user.agency_id)
    if not user.has_role(Role.APPROVER):
        qs = qs.filter(handler=user)
    horizon = calendars.horizon(user.agency.calendar_region)
    rows = annotate_rows(
        qs.filter(due_date__lte=horizon).select_related(*LIST_RELATED).order_by("due_date", "id"),
        calendars)
    overdue = [r for r in rows if r.due_date < calendars.today]
    return overdue, [r for r in rows if r.due_date >= calendars.today]


def _line(r):
    left = r.workdays_left
    when = "今天到期" if left == 0 else (f"已超期{-left}个工作日" if left is not None and left < 0
                                       else f"剩{left}个工作日")
    provisional = "（暂定）" if r.due_provisional else ""
    return (f"- {r.number}　{r.applicant.name}　{r.get_state_display()}　答复期限{r.due_date.isoformat()}{provisional}"
            f"（{when}）")


def digest_body(user, day, overdue, due_soon):
    lines = [f"{user.display_name}，您好：", "", f"以下是{day:%Y年%m月%d日}的政府信息公开申请办理提醒。", ""]
    for title, rows in ((f"【已超期】{len(overdue)}件", overdue),
                        (f"【{DUE_SOON_WORKDAYS}个工作日内到期】{len(due_soon)}件", due_soon)):
        lines.append(title)
        lines += [_line(r) for r in rows] or ["- 无"]
        lines.append("")
    site = getattr(settings, "SITE_URL", "")
    lines.append(f"请登录系统办理：{site}" if site else "请登录依申请公开办理系统办理。")
    lines.append("（本邮件由系统自动发送，请勿回复。）")
    return "\n".join(lines)


def enqueue(day, calendars=None):
    """Create today's digest rows (once per user and day, whoever runs first). Returns (rows, created)."""
    calendars = calendars or Calendars(today=day)
    total = created = 0
    for user in recipients():
        overdue, due_soon = digest_rows(user, calendars)
        if not overdue and not due_soon:
            continue
        subject = (f"【依申请公开】{day:%m月%d日}提醒：超期{len(overdue)}件，"
                   f"{DUE_SOON_WORKDAYS}个工作日内到期{len(due_soon)}件")
        _, new = OutboxMessage.objects.get_or_create(
            key=digest_key(user, day),
            defaults={"recipient": user, "to_email": user.email, "subject": subject,
                      "body": digest_body(user, day, overdue, due_soon)},
        )
        total += 1
        created += int(new)
    return total, created


def _claimable(now):
    """Pending or failed rows, and rows whose claim has gone stale, that have attempts left."""
    stale = Q(status=Status.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)
    due = Q(not_before__isnull=True) | Q(not_before__lte=now)  # an SMS held through quiet hours waits
    return (Q(status__in=[Status.PENDING, Status.FAILED]) | stale) & Q(attempts__lt=MAX_ATTEMPTS) & due


def claim(pk, host, now=None):
    """True when this host won the row: only one conditional UPDATE can move it to "sending"."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(_claimable(now), pk=pk).update(
        status=Status.SENDING, claimed_by=host, claimed_at=now, attempts=F("attempts") + 1) == 1


def pending_ids(now=None):
    prefixes = Q(key__startswith=KEY_PREFIX) | Q(key__startswith=STAFF_PREFIX)  # digests and staff notices
    return list(OutboxMessage.objects.filter(_claimable(now or timezone.now()), prefixes)
                .order_by("pk").values_list("pk", flat=True))


def deliver(pk):
    message = OutboxMessage.objects.get(pk=pk)
    try:
        if message.channel == OutboxMessage.Channel.SMS:
            sms.backend().send(message.to_phone, message.body, key=message.key)
        else:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to_email])
    except Exception as exc:  # noqa: BLE001 - any transport error is recorded and retried next run
        OutboxMessage.objects.filter(pk=pk).update(status=Status.FAILED, error=str(exc)[:2000])
        return False
    OutboxMessage.objects.filter(pk=pk).update(status=Status.SENT, sent_at=timezone.now(), error="")
    return True


def send_pending(host=None, ids=None):
    """Claim and send pending digests. Returns how many this host sent."""
    host = host or default_host()
    sent = 0
    for pk in pending_ids() if ids is None else ids:
        if claim(pk, host):
            sent += int(deliver(pk))
    return sent
