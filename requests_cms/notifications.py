"""Staff notifications of the departments and supervision workflow, written to the outbox (models/outbox.py) and sent
by tasks.outbox_send with the digest's claim-by-conditional-UPDATE (reminders.send_pending).

Each notice has an idempotency key `staff:<event>:<object>:<user>`: writing it twice (a retried request, two hosts)
creates one row. Notices are written after the step's transaction committed; a failure to write one is logged by the
caller's exception, never swallowed.
"""

from requests_cms.models import OutboxMessage, Role, User

KEY_PREFIX = "staff:"


def _queue(user, key, subject, body):
    if user is None or not user.is_active or not user.email:
        return None
    message, _ = OutboxMessage.objects.get_or_create(
        key=f"{KEY_PREFIX}{key}:{user.pk}"[:120],
        defaults={"recipient": user, "to_email": user.email, "subject": subject[:200], "body": body})
    return message


def notify_assignment(req, handler):
    """A request was assigned to `handler`."""
    version = req.version
    return _queue(handler, f"assign:{req.pk}:{version}", f"【依申请公开】新分派：{req.number}",
                  f"{handler.display_name}，您好：\n\n申请 {req.number} 已分派由您承办，答复期限"
                  f"{req.due_date:%Y-%m-%d}。\n请登录系统办理。")


def notify_returned(routing):
    """A department returned a routing: the request's handler is told."""
    req = routing.request
    handler = req.handler
    if handler is None:
        return None
    return _queue(handler, f"returned:{routing.pk}", f"【依申请公开】业务科室退回：{req.number}",
                  f"{handler.display_name}，您好：\n\n{routing.department.name}退回了申请 {req.number} 的会办。"
                  f"\n理由：{routing.return_reason}\n请登录系统重新安排。")


def notify_supervision(notice):
    """A supervision notice (督办单) was issued: the agency's approvers are told."""
    approvers = [u for u in User.objects.filter(agency_id=notice.agency_id, is_active=True).order_by("id")
                 if u.has_role(Role.APPROVER)]
    return [_queue(u, f"supervision:{notice.pk}", "【依申请公开】收到督办单",
                   f"{u.display_name}，您好：\n\n政务公开办对本机关{notice.requests.count()}件申请发出督办单。\n"
                   f"督办事由：{notice.reason}\n请于{notice.response_due:%Y-%m-%d}前反馈办理情况。") for u in approvers]
