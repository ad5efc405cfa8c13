"""Supervision (督办) by the oversight office, and complaints (投诉) about the handling of a request.

A supervision notice covers one request, or the agency's overdue or near-due requests at the moment it is issued;
an `supervision_issue` event is written on each covered request, and a `supervision_answer` event on each when the
agency's approver answers. Complaints are recorded against a request (`record_complaint`, `record_complaint_result`).
"""

from django.db import transaction
from django.utils import timezone

from requests_cms import notifications
from requests_cms.access import COMPLAINT_RECORDER, SUPERVISION_ANSWERER, may_supervise
from requests_cms.models import (
    Complaint,
    ComplaintChannel,
    ComplaintResult,
    EventAction,
    InformationRequest,
    SupervisionNotice,
    SupervisionScope,
)
from requests_cms.workflow import CLOCK_RUNNING

from . import deadlines
from .errors import WorkflowError
from .runner import run_update


def covered_requests(agency, scope, today=None):
    """The agency's requests a notice of `scope` covers now: open with a running clock, overdue, or due within the
    due-soon horizon (and not overdue)."""
    today = today or timezone.localdate()
    running = InformationRequest.objects.filter(agency=agency, state__in=CLOCK_RUNNING, due_date__isnull=False)
    if scope == SupervisionScope.OVERDUE:
        return list(running.filter(due_date__lt=today).order_by("due_date", "id"))
    horizon = deadlines.Calendars(today).horizon(agency.calendar_region)
    return list(running.filter(due_date__gte=today, due_date__lte=horizon).order_by("due_date", "id"))


def supervision_issue(*, by, agency, scope, reason, response_due, request=None):
    """Issue a 督办单. Refuses (nothing created) a user who is not the oversight office, a request of another agency,
    a response due date in the past, or a scope that covers no request."""
    if not may_supervise(by):
        raise WorkflowError("只有政务公开办可以发出督办单")
    if scope not in SupervisionScope.values:
        raise WorkflowError("请选择督办范围")
    if not (reason or "").strip():
        raise WorkflowError("请写明督办事由")
    today = timezone.localdate()
    if response_due is None or response_due < today:
        raise WorkflowError("反馈期限不能早于今天")
    if scope == SupervisionScope.REQUEST:
        if request is None or request.agency_id != agency.pk:
            raise WorkflowError("请填写被督办机关的申请编号")
        covered = [request]
    else:
        covered = covered_requests(agency, scope, today)
        if not covered:
            raise WorkflowError(f"{agency.name}当前没有{SupervisionScope(scope).label.removeprefix('本机关')}")
    with transaction.atomic():
        notice = SupervisionNotice.objects.create(agency=agency, scope=scope, reason=reason,
                                                  response_due=response_due, issued_by=by, issued_at=timezone.now())
        notice.requests.set(covered)
        for req in covered:
            run_update(request=req, action=EventAction.SUPERVISION_ISSUE, by=by, change=lambda r: None,
                       note=f"政务公开办督办：{reason}（反馈期限{response_due:%Y-%m-%d}）",
                       payload={"notice": notice.pk})
        notifications.notify_supervision(notice)  # in the same transaction
    return notice


def supervision_answer(*, notice, by, answer):
    """The agency's approver answers the notice, saying what was done; once."""
    denied = SUPERVISION_ANSWERER.reason(notice, by)
    if denied:
        raise WorkflowError("只能反馈本机关的督办单" if denied == "只能办理本机关的申请" else denied)
    if not (answer or "").strip():
        raise WorkflowError("请写明办理情况")
    with transaction.atomic():
        fresh = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
        if not fresh.is_open:
            raise WorkflowError("该督办单已反馈，不能重复反馈")
        fresh.answer, fresh.answered_by, fresh.answered_at = answer, by, timezone.now()
        fresh.save()
        for req in fresh.requests.order_by("id"):
            run_update(request=req, action=EventAction.SUPERVISION_ANSWER, by=by, change=lambda r: None,
                       note=f"反馈督办：{answer}", payload={"notice": fresh.pk})
    return fresh


def complaint_record(*, request, by, complainant, channel, received_on, subject, expected_version=None):
    denied = COMPLAINT_RECORDER.reason(request, by)
    if denied:
        raise WorkflowError(denied)
    if channel not in ComplaintChannel.values:
        raise WorkflowError("请选择受理渠道")
    if not (complainant or "").strip() or not (subject or "").strip():
        raise WorkflowError("请填写投诉人和投诉事项")
    if received_on is None or received_on > timezone.localdate():
        raise WorkflowError("收到投诉日期不能晚于今天")

    def change(req):
        return Complaint.objects.create(request=req, complainant=complainant, channel=channel,
                                        received_on=received_on, subject=subject, recorded_by=by)

    return run_update(request=request, action=EventAction.RECORD_COMPLAINT, by=by, change=change,
                      expected_version=expected_version,
                      note=f"{ComplaintChannel(channel).label}投诉（{complainant}）：{subject}",
                      payload={"channel": channel, "received_on": received_on.isoformat()})


def complaint_record_result(*, complaint, by, result, result_note, concluded_on, expected_version=None):
    denied = COMPLAINT_RECORDER.reason(complaint.request, by)
    if denied:
        raise WorkflowError(denied)
    if result not in ComplaintResult.values or result == ComplaintResult.PENDING:
        raise WorkflowError("请选择处理结果")
    if concluded_on is None or concluded_on > timezone.localdate() or concluded_on < complaint.received_on:
        raise WorkflowError("办结日期应在收到投诉日期与今天之间")

    def change(req):
        fresh = Complaint.objects.select_for_update().get(pk=complaint.pk, request=req)
        if fresh.result != ComplaintResult.PENDING:
            raise WorkflowError("该投诉已记录处理结果")
        fresh.result, fresh.result_note, fresh.concluded_on = result, result_note, concluded_on
        fresh.save()
        return fresh

    return run_update(request=complaint.request, action=EventAction.RECORD_COMPLAINT_RESULT, by=by, change=change,
                      expected_version=expected_version,
                      note=f"投诉处理结果：{ComplaintResult(result).label}。{result_note}".strip(),
                      payload={"complaint": complaint.pk, "result": result})
