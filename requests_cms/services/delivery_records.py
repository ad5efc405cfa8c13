"""Further delivery records: notices other than the reply, re-delivery of returned mail, pasted tracking, proofs."""

from django.utils import timezone

from letters.models import LetterState
from requests_cms import postal
from requests_cms.models import AttachmentKind, Delivery, DeliveryMethod, EventAction, PostalEvent
from requests_cms.postal_tracking import parse_tracking

from . import notices
from .attachments import attachment_upload
from .delivery import _validate_delivery, apply_postal_status
from .errors import WorkflowError
from .runner import run_update

REPLY_LABEL = "答复书"
PROOF_KINDS = (AttachmentKind.PROOF_OF_SERVICE, AttachmentKind.TRACKING_PRINTOUT, AttachmentKind.COUNTER_RECEIPT)


def _create(req, *, by, method, handed_over_on, waybill_number, recipient_name, address, electronic_address,
            sent_at, letter_label, for_reply, replaces=None, letter=None):
    return Delivery.objects.create(
        request=req, letter=letter, method=method, handed_over_on=handed_over_on,
        waybill_number=postal.normalise(waybill_number) if method == DeliveryMethod.POST else "",
        recipient_name=recipient_name or req.applicant.name, address=address or req.applicant.address,
        electronic_address=electronic_address if method == DeliveryMethod.ELECTRONIC else "",
        sent_at=(sent_at or timezone.now()) if method == DeliveryMethod.ELECTRONIC else None,
        letter_label=letter_label, for_reply=for_reply, replaces=replaces, recorded_by=by,
    )


def delivery_record(*, request, by, method, handed_over_on, letter=None, letter_label="", waybill_number="",
                    recipient_name="", address="", electronic_address="", sent_at=None, expected_version=None):
    """The delivery of an issued notice (correction, extension, fee, consultation letter…): recorded, no state
    change; the clock that waits for the notice counts from it (services/notices.py). Without `letter`,
    `letter_label` names a paper letter made outside the system."""
    if letter is not None:
        refusal = notice_delivery_refusal(request, letter)
        if refusal:
            raise WorkflowError(refusal)
        letter_label = f"{letter.get_kind_display()} {letter.document_number}"
        if letter.consultation_id:
            recipient_name = recipient_name or letter.consultation.party_name
            address = address or letter.consultation.party_address
    if not (letter_label or "").strip():
        raise WorkflowError("请选择送达的文书")
    if letter is None and letter_label.strip() == REPLY_LABEL:
        raise WorkflowError("答复书的送达在批准后记录；退回的邮件请使用“退回后重新送达”")
    _validate_delivery(method, handed_over_on, waybill_number, electronic_address, request)
    if letter is not None and letter.letter_date and handed_over_on < letter.letter_date:
        raise WorkflowError(f"交邮/交付日期不能早于文书签发日期（{letter.letter_date:%Y-%m-%d}）")

    def change(req):
        _create(req, by=by, method=method, handed_over_on=handed_over_on, waybill_number=waybill_number,
                recipient_name=recipient_name, address=address, electronic_address=electronic_address,
                sent_at=sent_at, letter_label=letter_label.strip(), for_reply=False, letter=letter)
        notices.sync_notice_clock(req, letter)

    return run_update(request=request, action=EventAction.RECORD_DELIVERY, by=by, change=change,
                      expected_version=expected_version,
                      note=f"{letter_label}：{DeliveryMethod(method).label}，{handed_over_on.isoformat()}"
                           + notices.late_note(request, letter, handed_over_on),
                      payload={"method": method, "handed_over_on": handed_over_on.isoformat(),
                               "waybill_number": postal.normalise(waybill_number),
                               "letter": letter.pk if letter else None})


def notice_delivery_refusal(req, letter):
    """Why this letter cannot be delivered as a notice now (None: it can)."""
    if letter.request_id != req.pk:
        return "该文书不属于本申请"
    if not notices.is_notice(letter.kind):
        return "答复书的送达在批准后记录；退回的邮件请使用“退回后重新送达”"
    if letter.state != LetterState.FROZEN:
        return f"{letter.get_kind_display()}尚未签发（编号、定稿），不能送达"
    return None


def delivery_redeliver(*, request, returned, by, method, handed_over_on, waybill_number="", recipient_name="",
                       address="", electronic_address="", sent_at=None, expected_version=None):
    """Returned mail leads to a new delivery of the same letter (Delivery.replaces). The reply date stays."""
    if returned.returned_on is None:
        raise WorkflowError("只有已退回的邮件才能重新送达")
    if returned.redeliveries.exists():
        raise WorkflowError("该退回邮件已重新送达")
    _validate_delivery(method, handed_over_on, waybill_number, electronic_address, request)
    if handed_over_on < returned.returned_on:
        raise WorkflowError("重新送达日期不能早于退回日期")

    def change(req):
        _create(req, by=by, method=method, handed_over_on=handed_over_on, waybill_number=waybill_number,
                recipient_name=recipient_name, address=address, electronic_address=electronic_address,
                sent_at=sent_at, letter_label=returned.letter_label, for_reply=returned.for_reply, replaces=returned,
                letter=returned.letter)
        notices.sync_notice_clock(req, returned.letter)

    return run_update(request=request, action=EventAction.RECORD_DELIVERY, by=by, change=change,
                      expected_version=expected_version,
                      note=f"退回后重新送达{returned.letter_label}：{DeliveryMethod(method).label}，"
                           f"{handed_over_on.isoformat()}",
                      payload={"replaces": returned.pk, "method": method, "handed_over_on": handed_over_on.isoformat(),
                               "waybill_number": postal.normalise(waybill_number)})


def future_tracking_line(text):
    """The Chinese message for the first pasted tracking line dated after now (a past event), or ""."""
    now = timezone.now()
    for entry in parse_tracking(text or ""):
        if timezone.make_aware(entry.occurred_at) > now:
            return (f"跟踪记录时间（{entry.occurred_at:%Y-%m-%d %H:%M}）晚于当前时间，"
                    "邮件跟踪记录只能是已经发生的事件，请核对粘贴的内容")
    return ""


def delivery_import_tracking(*, request, delivery, by, text, expected_version=None):
    """Pasted tracking-page text → PostalEvent rows (known entries only, no duplicates).

    Returns (request, created events, skipped entries). Refuses text with no recognisable entry.
    """
    entries = parse_tracking(text)
    known = [e for e in entries if e.status]
    if not known:
        raise WorkflowError("未能从粘贴的内容中识别出收寄、投递、妥投或退回记录，请检查后重试或逐条录入")
    if problem := future_tracking_line(text):
        raise WorkflowError(problem)
    aware = [(e, timezone.make_aware(e.occurred_at)) for e in known]
    early = [e for e, at in aware if timezone.localtime(at).date() < delivery.handed_over_on]
    if early:
        raise WorkflowError(f"跟踪记录时间（{early[0].occurred_at:%Y-%m-%d %H:%M}）早于交邮日期，请核对邮件号码")
    existing = set(delivery.postal_events.values_list("status", "occurred_at"))
    fresh = [(e, at) for e, at in aware if (e.status, at) not in existing]

    def change(req):
        created = []
        for entry, at in fresh:
            created.append(PostalEvent.objects.create(delivery=delivery, status=entry.status, occurred_at=at,
                                                      location=entry.location, signer=entry.signer,
                                                      detail=entry.detail))
            apply_postal_status(req, delivery, entry.status, timezone.localtime(at).date())
        return created

    created = []
    if fresh:
        created = run_update(request=request, action=EventAction.RECORD_POSTAL_EVENT, by=by, change=change,
                             expected_version=expected_version, note=f"粘贴导入邮件跟踪记录{len(fresh)}条",
                             payload={"delivery": delivery.pk, "statuses": [e.status for e, _ in fresh]})
    skipped = [e for e in entries if not e.status]
    return request.__class__.objects.get(pk=request.pk), created, skipped


def delivery_upload_proof(*, request, delivery, by, kind, uploaded_file, description="", expected_version=None):
    """A signed proof of service, a tracking printout or a counter receipt for this delivery."""
    if kind not in PROOF_KINDS:
        raise WorkflowError("请选择送达证明的类型（送达回证、邮件查询记录或邮件收据）")
    if delivery.request_id != request.pk:
        raise WorkflowError("该送达记录不属于本申请")
    return attachment_upload(request=request, by=by, kind=kind, uploaded_file=uploaded_file, description=description,
                             delivery=delivery, expected_version=expected_version)
