"""Registering a request: applicant, receipt date by channel (REG 31), number, first event."""

from django.db import transaction
from django.utils import timezone

from requests_cms.access import REGISTER, REGISTER_REFUSED, may_register_for
from requests_cms.models import (
    Agency,
    Applicant,
    Channel,
    EventAction,
    InformationRequest,
    PostKind,
    derive_received_on,
)

from . import deadlines
from .audit import event_record
from .errors import WorkflowError

_DATE_NEEDED = {
    "submitted_on": "当面提交的申请须填写提交日期",
    "signed_on": "需签收的邮件须填写签收日期",
    "confirmed_on": "须填写与申请人确认的日期",
}


def applicant_create(*, agency, by, **fields):
    return Applicant.objects.create(agency=agency, **fields)


def request_register(*, agency, by, applicant, channel, description, post_kind="", submitted_on=None,
                     arrived_on=None, signed_on=None, confirmed_on=None, received_override=None, override_reason="",
                     purpose="", requested_form="paper", delivery_method="post", handler=None, imported=False,
                     number=None):
    """Log a request. `applicant` is an Applicant of the same agency. Returns the saved request."""
    _check_may_register(agency, by, imported)
    if applicant.agency_id != agency.pk:
        raise WorkflowError("申请人不属于本机关")
    if not (description or "").strip():
        raise WorkflowError("请填写所需政府信息的描述")
    received_on, rule = _receipt_date(channel, post_kind, submitted_on, arrived_on, signed_on, confirmed_on,
                                      received_override, override_reason)
    with transaction.atomic():
        seq, number = _next_number(agency, received_on.year, number)
        req = InformationRequest(
            agency=agency, number=number, year=received_on.year, sequence=seq, applicant=applicant,
            channel=channel, post_kind=post_kind or "", submitted_on=submitted_on, arrived_on=arrived_on,
            signed_on=signed_on, confirmed_on=confirmed_on, received_on=received_on,
            received_override_reason=override_reason if received_override else "", description=description,
            purpose=purpose, requested_form=requested_form, delivery_method=delivery_method, handler=handler,
            created_by=by if getattr(by, "pk", None) else None, imported=imported,
        )
        deadlines.refresh(req)
        req.save()
        event_record(request=req, action=EventAction.IMPORTED if imported else EventAction.REGISTER, by=by,
                     to_state=req.state,
                     note=rule, due_after=req.due_date,
                     payload={"received_on": received_on.isoformat(), "override_reason": req.received_override_reason})
    return req


def request_register_at_desk(*, agency, by, applicant_id=None, applicant_fields=None, **fields):
    """The registration page: the request of an existing applicant of the agency, or of a new applicant created
    with `applicant_fields`, in one transaction."""
    with transaction.atomic():
        if applicant_id:
            applicant = Applicant.objects.filter(agency=agency, pk=applicant_id).first()
            if applicant is None:
                raise WorkflowError("所选申请人不存在或不属于本机关")
        else:
            applicant = applicant_create(agency=agency, by=by, **(applicant_fields or {}))
        return request_register(agency=agency, by=by, applicant=applicant, **fields)


def _check_may_register(agency, by, imported):
    if imported and by is None:
        return
    if not may_register_for(by, agency):
        raise WorkflowError(REGISTER_REFUSED)


def _receipt_date(channel, post_kind, submitted_on, arrived_on, signed_on, confirmed_on, override, reason):
    if channel not in Channel.values:
        raise WorkflowError("申请渠道无效")
    if channel == Channel.POST and post_kind not in PostKind.values:
        raise WorkflowError("邮寄申请须选择邮件类型（需签收的邮件或平常信函）")
    derived, rule = derive_received_on(channel=channel, post_kind=post_kind, submitted_on=submitted_on,
                                       arrived_on=arrived_on, signed_on=signed_on, confirmed_on=confirmed_on)
    today = timezone.localdate()
    for label, value in (("提交日期", submitted_on), ("到达日期", arrived_on), ("签收日期", signed_on),
                         ("确认日期", confirmed_on), ("收到日期", override)):
        if value and value > today:
            raise WorkflowError(f"{label}不能晚于今天")
    if arrived_on and submitted_on and arrived_on < submitted_on:
        raise WorkflowError("到达日期不能早于申请人提交日期")
    if override:
        if not (reason or "").strip():
            raise WorkflowError("人工调整收到申请日期须说明理由")
        return override, f"{rule}；人工调整为{override.isoformat()}，理由：{reason}"
    if derived is None:
        raise WorkflowError(_missing_date_message(channel, post_kind))
    return derived, rule


def _missing_date_message(channel, post_kind):
    if channel == Channel.IN_PERSON:
        return _DATE_NEEDED["submitted_on"]
    if channel == Channel.POST and post_kind == PostKind.SIGNED:
        return _DATE_NEEDED["signed_on"]
    return _DATE_NEEDED["confirmed_on"]


def _next_number(agency, year, number=None):
    """Request numbers: <CODE>-<YEAR>-<NNNN>, gap-free per agency and year (the agency row serialises)."""
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    last = (InformationRequest.objects.filter(agency=agency, year=year).order_by("-sequence")
            .values_list("sequence", flat=True).first()) or 0
    seq = last + 1
    if number:
        if InformationRequest.objects.filter(agency=agency, number=number).exists():
            raise WorkflowError(f"申请编号 {number} 已存在")
        return seq, number
    return seq, f"{agency.code.upper()}-{year}-{seq:04d}"


def request_override_received_on(*, request, by, received_on, reason, expected_version=None):
    """Correct the derived receipt date; needs a reason and is audited with the old and new dates."""
    from .runner import run_update

    if not (reason or "").strip():
        raise WorkflowError("人工调整收到申请日期须说明理由")
    if received_on > timezone.localdate():
        raise WorkflowError("收到日期不能晚于今天")

    def change(req):
        if not REGISTER(req, by):
            raise WorkflowError(REGISTER.reason(req, by))
        req.received_on = received_on
        req.received_override_reason = reason

    return run_update(request=request, action=EventAction.OVERRIDE_RECEIVED_ON, by=by, note=reason,
                      expected_version=expected_version, change=change,
                      payload={"received_on": received_on.isoformat()})
