"""REG 35: a request whose volume or frequency clearly exceeds a reasonable range (domain.md §3).

The agency asks the applicant to state reasons (a 说明理由告知书 and a waiting period, during which the reply clock is
paused unless REASONS_PERIOD_PAUSES_CLOCK is off). Reasons not accepted, or not given in time → the outcome
`excessive` is proposed (不予处理, REG 35) and the reply goes the usual way (decide, approve, deliver). Reasons
accepted → handling goes on; when the REG 33 period cannot be kept an approver sets a delayed reply period (延迟答复)
told to the applicant in a 延迟答复告知书: the due date becomes that date and the request is delayed, not overdue,
before it.
"""

from django.utils import timezone

from letters.outcomes import outcome_rule
from requests_cms.access import APPROVER
from requests_cms.models import ClockPause, Decision, EventAction, Outcome, PauseReason, ReasonsRequest

from . import deadlines
from .errors import WorkflowError
from .runner import run_transition


def _not_future(value, label):
    if value and value > timezone.localdate():
        raise WorkflowError(f"{label}不能晚于今天")


def _current(req):
    reasons = req.reasons_requests.order_by("-id").first()
    if reasons is None:
        raise WorkflowError("尚未要求申请人说明理由")
    return reasons


def reasons_ask(*, request, by, grounds, asked_on, period_ends_on=None, expected_version=None):
    """Ask the applicant to state reasons (REG 35); the period defaults to REASONS_PERIOD_WORKDAYS workdays."""
    if not (grounds or "").strip():
        raise WorkflowError("请写明申请数量、频次明显超过合理范围的具体情况")
    if asked_on is None:
        raise WorkflowError("请填写说明理由告知书发出日期")
    _not_future(asked_on, "说明理由告知书发出日期")
    if asked_on < request.received_on:
        raise WorkflowError("说明理由告知书发出日期不能早于收到申请日期")
    region = request.agency.calendar_region
    period_ends_on = period_ends_on or deadlines.reasons_period_ends(asked_on, region=region)
    if period_ends_on <= asked_on:
        raise WorkflowError("说明理由期限须晚于告知书发出日期")

    def after(req):
        ReasonsRequest.objects.create(request=req, grounds=grounds, asked_on=asked_on, period_ends_on=period_ends_on)
        _sync_pause(req)

    return run_transition(request=request, action=EventAction.ASK_REASONS, by=by, expected_version=expected_version,
                          after=after, note=f"要求申请人于{period_ends_on.isoformat()}前说明理由：{grounds}",
                          payload={"period_ends_on": period_ends_on.isoformat()})


def _check_reasons(request, received_on, applicant_reasons):
    if received_on is None:
        return
    _not_future(received_on, "收到说明理由日期")
    current = _current(request)
    if received_on < current.asked_on:
        raise WorkflowError("收到说明理由日期不能早于说明理由告知书发出日期")
    if not (applicant_reasons or "").strip():
        raise WorkflowError("请记录申请人说明的理由")


def _record_reasons(reasons, received_on, applicant_reasons, accepted, assessment, today):
    if received_on is not None:
        reasons.reasons_received_on, reasons.applicant_reasons = received_on, applicant_reasons
    reasons.accepted, reasons.assessment, reasons.judged_on = accepted, assessment, today


def reasons_accept(*, request, by, received_on, applicant_reasons, assessment, delayed_due=None, delay_reason="",
                   expected_version=None):
    """The applicant's reasons (received on `received_on`) are reasonable: handling goes on. A delayed reply period
    (a date) is set by an approver when the REG 33 period cannot be kept; it must lie after today and after the due
    date the request would otherwise have."""
    if received_on is None or not (applicant_reasons or "").strip():
        raise WorkflowError("请填写收到说明理由的日期和申请人说明的理由")
    _check_reasons(request, received_on, applicant_reasons)
    if not (assessment or "").strip():
        raise WorkflowError("请写明审查意见（理由为何合理）")
    if delayed_due is not None:
        if not APPROVER.held_by(by):
            raise WorkflowError("延迟答复期限须由负责人确定")
        if not (delay_reason or "").strip():
            raise WorkflowError("确定延迟答复期限须写明无法在法定期限内答复的理由")
        if delayed_due <= timezone.localdate():
            raise WorkflowError("延迟答复期限须晚于今天")
    today = timezone.localdate()

    def after(req):
        reasons = _current(req)
        _record_reasons(reasons, received_on, applicant_reasons, True, assessment, today)
        if delayed_due is not None:
            reasons.delayed_due, reasons.delay_reason, reasons.delay_set_by = delayed_due, delay_reason, by
        reasons.save()
        _sync_pause(req)
        if delayed_due is not None:
            normal = deadlines.statutory_deadline(req).due
            if delayed_due <= normal:
                raise WorkflowError(f"延迟答复期限须晚于按条例第三十三条计算的答复期限（{normal.isoformat()}）；"
                                    "能在该期限内答复的，无需延迟答复")

    note = f"理由合理：{assessment}"
    if delayed_due is not None:
        note += f"；确定延迟答复期限至{delayed_due.isoformat()}（{delay_reason}）"
    return run_transition(request=request, action=EventAction.ACCEPT_REASONS, by=by, after=after,
                          expected_version=expected_version, note=note,
                          payload={"delayed_due": delayed_due.isoformat() if delayed_due else None})


def reasons_refuse(*, request, by, assessment, received_on=None, applicant_reasons="", expected_version=None):
    """The reasons (received on `received_on`) are not reasonable, or none came within the period: the handling
    opinion `excessive` (REG 35) is proposed, and the reply goes the usual way."""
    _check_reasons(request, received_on, applicant_reasons)
    if not (assessment or "").strip():
        raise WorkflowError("请写明审查意见（理由为何不合理，或申请人逾期未说明理由）")
    rule = outcome_rule(Outcome.EXCESSIVE)
    today = timezone.localdate()

    def before(req):
        reasons = _current(req)
        _record_reasons(reasons, received_on, applicant_reasons, False, assessment, today)
        reasons.save()

    def after(req):
        _sync_pause(req)
        req.decisions.filter(is_current=True).update(is_current=False)
        Decision.objects.create(request=req, outcome=Outcome.EXCESSIVE, articles=rule.articles, reasons=assessment,
                                proposed_by=by, proposed_at=timezone.now())

    return run_transition(request=request, action=EventAction.REFUSE_REASONS, by=by, before=before, after=after,
                          expected_version=expected_version, note=f"理由不合理，拟不予处理：{assessment}",
                          payload={"outcome": Outcome.EXCESSIVE})


def _sync_pause(req):
    """The wait for reasons is excluded from the reply period (policy): from the notice until the reasons arrive, the
    agency judges them, or the period ends."""
    req.pauses.filter(reason=PauseReason.REASONS).delete()
    if not deadlines.reasons_period_pauses_clock():
        return
    for reasons in req.reasons_requests.all():
        end = reasons.pause_end
        if reasons.judged_on and reasons.judged_on < end:
            end = reasons.judged_on
        if end > reasons.asked_on:
            ClockPause.objects.create(request=req, reason=PauseReason.REASONS, start=reasons.asked_on, end=end)
