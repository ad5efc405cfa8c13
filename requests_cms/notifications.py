"""Staff notifications of the departments and supervision workflow, written to the outbox (models/outbox.py) and sent
by tasks.outbox_send with the digest's claim-by-conditional-UPDATE (reminders.send_pending): retried up to
reminders.MAX_ATTEMPTS times, never sent twice by two hosts.

- Events: a new assignment, an internal (会办) due date near, a supervision notice received, a department returned a
  request.
- Channels per user (User.notify_email, User.notify_sms + User.mobile): one outbox row per channel.
- Quiet hours (User.quiet_start–quiet_end) and non-workdays of the agency's calendar hold an SMS until the end of the
  quiet hours on the next workday (`sms_not_before`); e-mail is not held.
- Idempotent: each row's key is `staff:<event>:<object>:<user>:<channel>`; writing it twice creates one row.

Notices are written inside the step's transaction: the step and its notices are recorded together or not at all.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from requests_cms.models import InternalRouting, OutboxMessage, Role, RoutingStatus, User
from requests_cms.services import deadlines

KEY_PREFIX = "staff:"
Channel = OutboxMessage.Channel


def _in_quiet_hours(moment, start, end):
    t = moment.time()
    return (start <= t or t < end) if start > end else (start <= t < end)


def sms_not_before(user, now=None):
    """None when an SMS may go now; otherwise the moment it may: the end of the quiet hours on the next workday
    (today's, when today is a workday and the quiet hours end later today)."""
    now = timezone.localtime(now or timezone.now())
    region = user.agency.calendar_region if user.agency_id else "national"
    today = now.date()
    if deadlines.is_workday(today, region=region) and not _in_quiet_hours(now, user.quiet_start, user.quiet_end):
        return None
    if deadlines.is_workday(today, region=region) and now.time() < user.quiet_end:
        day = today
    else:
        day = deadlines.first_workday_on_or_after(today + timedelta(days=1), region=region)
    return timezone.make_aware(datetime.combine(day, user.quiet_end), now.tzinfo)


def queue(user, key, subject, body, now=None):
    """The outbox rows of one notice to `user` on each of their channels (existing rows when already written)."""
    if user is None or not user.is_active:
        return []
    rows = []
    if user.notify_email and user.email:
        rows.append(OutboxMessage.objects.get_or_create(
            key=f"{KEY_PREFIX}{key}:{user.pk}:email"[:120],
            defaults={"recipient": user, "channel": Channel.EMAIL, "to_email": user.email, "subject": subject[:200],
                      "body": body})[0])
    if user.notify_sms and user.mobile:
        rows.append(OutboxMessage.objects.get_or_create(
            key=f"{KEY_PREFIX}{key}:{user.pk}:sms"[:120],
            defaults={"recipient": user, "channel": Channel.SMS, "to_phone": user.mobile, "subject": subject[:200],
                      "body": f"{subject}：{body.splitlines()[2] if len(body.splitlines()) > 2 else body}"[:300],
                      "not_before": sms_not_before(user, now)})[0])
    return rows


PREFERENCES = ("notify_email", "notify_sms", "mobile", "quiet_start", "quiet_end")


def preferences_of(user):
    return {name: getattr(user, name) for name in PREFERENCES}


def preferences_save(user, **values):
    """The user's own channels and quiet hours (recorded in the user's history)."""
    for name in PREFERENCES:
        setattr(user, name, values[name])
    user.save(update_fields=list(PREFERENCES))
    return user


def notify_assignment(req, handler, version=None):
    """A request was assigned to `handler` (`version`: the request's version the assignment makes)."""
    return queue(handler, f"assign:{req.pk}:{version or req.version}", f"【依申请公开】新分派：{req.number}",
                 f"{handler.display_name}，您好：\n\n申请 {req.number} 已分派由您承办，答复期限"
                 f"{req.due_date:%Y-%m-%d}。\n请登录系统办理。")


def notify_returned(routing):
    """A department returned a routing: the request's handler is told."""
    req = routing.request
    return queue(req.handler, f"returned:{routing.pk}", f"【依申请公开】业务科室退回：{req.number}",
                 f"{req.handler.display_name if req.handler else ''}，您好：\n\n{routing.department.name}退回了申请 "
                 f"{req.number} 的会办，理由：{routing.return_reason}\n请登录系统重新安排。")


def notify_supervision(notice):
    """A supervision notice (督办单) was issued: the agency's approvers are told."""
    approvers = [u for u in User.objects.filter(agency_id=notice.agency_id, is_active=True).select_related("agency")
                 .order_by("id") if u.has_role(Role.APPROVER)]
    rows = []
    for u in approvers:
        rows += queue(u, f"supervision:{notice.pk}", "【依申请公开】收到督办单",
                      f"{u.display_name}，您好：\n\n政务公开办对本机关{notice.requests.count()}件申请发出督办单，请于"
                      f"{notice.response_due:%Y-%m-%d}前反馈。\n督办事由：{notice.reason}")
    return rows


def enqueue_internal_due_near(day=None):
    """The daily reminder of the 会办 routings whose internal due date is within the due-soon horizon: to the
    department's officers and the request's handler, once per routing. Returns how many rows exist for them."""
    day = day or timezone.localdate()
    calendars = deadlines.Calendars(today=day)
    routings = (InternalRouting.objects.filter(status__in=(RoutingStatus.ROUTED, RoutingStatus.SIGNED),
                                               internal_due__gte=day)
                .select_related("request__agency", "request__handler", "department"))
    rows = 0
    for r in routings:
        if r.internal_due > calendars.horizon(r.request.agency.calendar_region):
            continue
        officers = [u for u in User.objects.filter(department_id=r.department_id, agency_id=r.department.agency_id,
                                                   is_active=True).select_related("agency")
                    if u.has_role(Role.DEPARTMENT_OFFICER)]
        for user in [*officers, r.request.handler]:
            rows += len(queue(user, f"internal_due:{r.pk}", f"【依申请公开】会办即将到期：{r.request.number}",
                              f"{getattr(user, 'display_name', '')}，您好：\n\n{r.department.name}会办申请 "
                              f"{r.request.number}，内部办理期限{r.internal_due:%Y-%m-%d}。\n请登录系统办理。"))
    return rows
