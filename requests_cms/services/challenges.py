"""Reconsiderations and lawsuits: the agency's answer deadline and the result."""

from django.db import transaction
from django.utils import timezone

from requests_cms.models import Challenge, ChallengeKind, ChallengeResult, EventAction

from . import deadlines
from .delivery import request_reopen
from .errors import WorkflowError
from .runner import run_update


def challenge_record(*, request, by, kind, body, received_on, case_number="", simple_procedure=False,
                     expected_version=None):
    if kind not in ChallengeKind.values:
        raise WorkflowError("请选择复议或诉讼类型")
    if not (body or "").strip():
        raise WorkflowError("请填写复议机关或法院")
    if received_on is None:
        raise WorkflowError("请填写收到复议答复通知书或起诉状副本的日期")
    if received_on > timezone.localdate():
        raise WorkflowError("收到日期不能晚于今天")
    if received_on < request.received_on:
        raise WorkflowError("收到日期不能早于收到政府信息公开申请的日期")
    if simple_procedure and kind != ChallengeKind.RECONSIDERATION:
        raise WorkflowError("简易程序仅适用于行政复议")
    answer_due = deadlines.challenge_answer_due(kind=kind, received_on=received_on, simple_procedure=simple_procedure,
                                      region=request.agency.calendar_region)

    def change(req):
        return Challenge.objects.create(request=req, kind=kind, body=body, case_number=case_number,
                                        received_on=received_on, simple_procedure=simple_procedure,
                                        answer_due=answer_due)

    return run_update(request=request, action=EventAction.RECORD_CHALLENGE, by=by, change=change,
                      expected_version=expected_version,
                      note=f"{ChallengeKind(kind).label}：{body} {case_number}，答复期限{answer_due.isoformat()}",
                      payload={"kind": kind, "answer_due": answer_due.isoformat()})


def challenge_record_result(*, challenge, by, result, result_on, orders_new_reply=False, new_reply_workdays=None,
                            expected_version=None):
    """The result of a reconsideration or lawsuit. One that orders a new reply reopens the request, in the same
    transaction, with the period the order sets (deadlines.REOPEN_DEFAULT_WORKDAYS when it names none), counted from
    the order's receipt."""
    if result not in ChallengeResult.values:
        raise WorkflowError("请选择结果")
    if result != ChallengeResult.PENDING and result_on is None:
        raise WorkflowError("请填写复议决定或判决的日期")
    if result_on and result_on < challenge.received_on:
        raise WorkflowError("结果日期不能早于收到日期")
    if result_on and result_on > timezone.localdate():
        raise WorkflowError("结果日期不能晚于今天")
    if orders_new_reply and result in (ChallengeResult.PENDING, ChallengeResult.UPHELD):
        raise WorkflowError("“维持”或“尚未审结”的结果不能责令重新答复")
    if challenge.orders_new_reply:
        raise WorkflowError("该复议诉讼已责令重新答复并已重新办理，结果不能再修改")

    def change(req):
        Challenge.objects.filter(pk=challenge.pk).update(
            result=result, result_on=result_on, orders_new_reply=orders_new_reply,
            new_reply_workdays=new_reply_workdays if orders_new_reply else None)

    with transaction.atomic():
        req = run_update(request=challenge.request, action=EventAction.RECORD_CHALLENGE_RESULT, by=by, change=change,
                         expected_version=expected_version, note=f"{ChallengeResult(result).label}",
                         payload={"challenge": challenge.pk, "result": result, "orders_new_reply": orders_new_reply})
        if orders_new_reply:
            req = request_reopen(request=req, by=by, order_received_on=result_on,
                                 workdays=new_reply_workdays or deadlines.REOPEN_DEFAULT_WORKDAYS,
                                 reason=f"{challenge.body}{challenge.case_number}责令重新答复")
    return req
