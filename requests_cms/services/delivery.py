"""Delivering the reply, the applicant's receipt, closing with proof (domain.md §8)."""

import re

from django.utils import timezone

from letters.kinds import LetterKind
from letters.models import LetterState
from requests_cms import postal
from requests_cms.models import Delivery, DeliveryMethod, EventAction, Outcome

from . import deadlines, notices, responsive
from .errors import WorkflowError
from .runner import run_transition, run_update


def _validate_delivery(method, handed_over_on, waybill_number, electronic_address, request):
    if method not in DeliveryMethod.values:
        raise WorkflowError("请选择送达方式")
    if handed_over_on is None:
        raise WorkflowError("请填写交邮或交付日期")
    if handed_over_on > timezone.localdate():
        raise WorkflowError("交邮/交付日期不能晚于今天")
    if handed_over_on < request.received_on:
        raise WorkflowError("交邮/交付日期不能早于收到申请日期")
    if method == DeliveryMethod.POST:
        error = postal.waybill_error(waybill_number)
        if error:
            raise WorkflowError(error)
    if method == DeliveryMethod.ELECTRONIC and not (electronic_address or "").strip():
        raise WorkflowError("电子送达须填写送达地址（电子邮箱或平台账号）")


def request_deliver(*, request, by, method, handed_over_on, waybill_number="", recipient_name="", address="",
                    electronic_address="", letter_label="答复书", sent_at=None, expected_version=None):
    """Post or hand over the reply. The posting or hand-over date is the reply date (DLV)."""
    _validate_delivery(method, handed_over_on, waybill_number, electronic_address, request)

    def after(req):
        reply = (req.letters.filter(kind=LetterKind.REPLY, state=LetterState.FROZEN).order_by("-version").first())
        Delivery.objects.create(
            request=req, letter=reply, method=method, handed_over_on=handed_over_on,
            waybill_number=postal.normalise(waybill_number) if method == DeliveryMethod.POST else "",
            recipient_name=recipient_name or req.applicant.name, address=address or req.applicant.address,
            electronic_address=electronic_address, letter_label=letter_label, recorded_by=by,
            sent_at=(sent_at or timezone.now()) if method == DeliveryMethod.ELECTRONIC else None,
        )
        req.replied_on = handed_over_on
        req.concluded_on = handed_over_on

    on_time = request.due_date is None or handed_over_on <= request.due_date
    enclosed = responsive.enclosures(request)  # the released copies and the redaction log go with the reply
    note = f"{DeliveryMethod(method).label}，{handed_over_on.isoformat()}" + ("" if on_time else "（超过答复期限）")
    if enclosed:
        note += "；随答复书送达：" + "、".join(item["title"] for item in enclosed)
    payload = {"method": method, "handed_over_on": handed_over_on.isoformat(),
               "waybill_number": postal.normalise(waybill_number), "on_time": on_time}
    if enclosed:
        payload["enclosures"] = enclosed
    return run_transition(request=request, action=EventAction.DELIVER, by=by, after=after, note=note,
                          expected_version=expected_version, payload=payload)


def delivery_record_receipt(*, request, delivery, by, received_on, expected_version=None):
    """The applicant's actual receipt (妥投 date or signature) starts the remedy periods."""
    if received_on < delivery.handed_over_on:
        raise WorkflowError("收到日期不能早于交邮/交付日期")
    if received_on > timezone.localdate():
        raise WorkflowError("收到日期不能晚于今天")

    def change(req):
        Delivery.objects.filter(pk=delivery.pk).update(received_on=received_on)
        if delivery.for_reply:
            req.applicant_received_on = received_on
        notices.sync_notice_clock(req, delivery.letter)

    return run_update(request=request, action=EventAction.RECORD_RECEIPT, by=by, change=change,
                      expected_version=expected_version, note=f"申请人于{received_on.isoformat()}收到",
                      payload={"delivery": delivery.pk, "received_on": received_on.isoformat()})


WITNESS_IN_REASON = re.compile(r"见证人\s*[:：]\s*(?P<names>[^。；;\n]+)")


def _witnesses(no_proof_reason, witnesses):
    names = (witnesses or "").strip()
    if not names:
        match = WITNESS_IN_REASON.search(no_proof_reason)
        names = match.group("names").strip() if match else ""
    return names


def request_file_proof(*, request, by, no_proof_reason="", witnesses="", expected_version=None):
    """Close the request: needs a proof of service, a 妥投 record, or a recorded reason (refusal, witnesses).

    A reason for having no proof must name the witnesses (in `witnesses` or as "见证人：…" in the reason); it is
    stored on the latest reply delivery with the actor and the date.
    """
    reason = (no_proof_reason or "").strip()
    names = _witnesses(reason, witnesses) if reason else ""
    if reason and not names:
        raise WorkflowError("记录无法取得送达回证的原因（如拒签）时，须写明见证人姓名")
    today = timezone.localdate()

    def before(req):
        if not reason:
            return
        delivery = req.reply_deliveries().filter(returned_on__isnull=True).order_by("-handed_over_on", "-id").first()
        if delivery is None:
            raise WorkflowError("没有可记录拒签原因的送达（邮件已退回的须重新送达）")
        Delivery.objects.filter(pk=delivery.pk).update(
            no_proof_reason=reason, no_proof_witnesses=names, no_proof_recorded_by=by, no_proof_recorded_on=today)

    note = f"{reason}（见证人：{names}）" if reason else "已取得送达证明"
    return run_transition(request=request, action=EventAction.FILE_PROOF, by=by, before=before, note=note,
                          expected_version=expected_version,
                          payload={"no_proof_reason": reason, "witnesses": names} if reason else None)


def request_withdraw(*, request, by, reason, on=None, expected_version=None):
    if not (reason or "").strip():
        raise WorkflowError("请记录申请人撤回申请的方式和理由")
    on = on or timezone.localdate()

    def after(req):
        req.outcome = Outcome.WITHDRAWN
        req.concluded_on = on

    return run_transition(request=request, action=EventAction.WITHDRAW, by=by, after=after, note=reason,
                          expected_version=expected_version, payload={"on": on.isoformat()})


def request_reopen(*, request, by, order_received_on, workdays, reason, expected_version=None):
    """A reconsideration body or court ordered a new reply: the new period runs from the order."""
    workdays = int(workdays)
    low, high = deadlines.REOPEN_WORKDAYS
    if not low <= workdays <= high:
        raise WorkflowError(f"重新答复期限应为{low}至{high}个工作日")
    if not (reason or "").strip():
        raise WorkflowError("请写明重新办理的依据（复议决定书或判决书）")

    def after(req):
        req.reopened_on = order_received_on
        req.reopen_workdays = workdays
        req.decisions.filter(is_current=True).update(is_current=False)
        req.outcome, req.replied_on, req.concluded_on, req.applicant_received_on = "", None, None, None

    return run_transition(request=request, action=EventAction.REOPEN, by=by, after=after, note=reason,
                          expected_version=expected_version,
                          payload={"order_received_on": order_received_on.isoformat(), "workdays": workdays})


def delivery_add_postal_event(*, request, delivery, by, status, occurred_at, location="", signer="", detail="",
                              expected_version=None):
    """A China Post tracking entry (收寄, 投递, 妥投, 退回). 妥投 sets the applicant's receipt date."""
    from requests_cms.models import PostalEvent, PostalStatus

    if status not in PostalStatus.values:
        raise WorkflowError("请选择邮件状态")
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    if timezone.localtime(occurred_at).date() < delivery.handed_over_on:
        raise WorkflowError("邮件跟踪时间不能早于交邮日期")
    if occurred_at > timezone.now():
        raise WorkflowError("邮件跟踪时间不能晚于现在")

    def change(req):
        event = PostalEvent.objects.create(delivery=delivery, status=status, occurred_at=occurred_at,
                                           location=location, signer=signer, detail=detail)
        apply_postal_status(req, delivery, status, timezone.localtime(occurred_at).date())
        return event

    run_update(request=request, action=EventAction.RECORD_POSTAL_EVENT, by=by, change=change,
               expected_version=expected_version, note=f"{PostalStatus(status).label} {location} {signer}".strip(),
               payload={"delivery": delivery.pk, "status": status})
    return request.__class__.objects.get(pk=request.pk)


def apply_postal_status(req, delivery, status, day):
    """妥投 records the receipt date (the applicant's, for a reply); 退回 marks the delivery returned."""
    from requests_cms.models import PostalStatus

    if status == PostalStatus.DELIVERED:
        Delivery.objects.filter(pk=delivery.pk).update(received_on=day)
        if delivery.for_reply:
            req.applicant_received_on = day
    elif status == PostalStatus.RETURNED:
        Delivery.objects.filter(pk=delivery.pk).update(returned_on=day)
    notices.sync_notice_clock(req, delivery.letter)  # a notice's clock counts from its receipt; returned = not served
