"""Online submissions: submit, confirm (registers the request, REG 31(3)), reject, look up, tell the applicant."""

import secrets
from datetime import time
from types import SimpleNamespace

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from letters.kinds import KIND_SPECS, Addressee
from requests_cms.models import AttachmentKind, Channel, OutboxMessage
from requests_cms.notifications import sms_not_before
from requests_cms.services import attachments, deadlines, registration
from requests_cms.services.errors import WorkflowError
from requests_cms.workflow import State

from . import codes, notice_texts
from .models import OnlineSubmission, RejectReason, SubmissionEvent, SubmissionFile, SubmissionStatus

# Applicants have no account: SMS to them keep these quiet hours (and the agency's non-workdays).
APPLICANT_QUIET = (time(21, 0), time(8, 0))

# The letters addressed to the applicant (never a consultation letter or a notice to a third party).
# The letters addressed to the applicant (letters/kinds.py), never a consulted party's or a fixed form.
APPLICANT_LETTERS = tuple(spec.code for spec in KIND_SPECS if spec.addressee is Addressee.APPLICANT and not spec.form)
PLAIN_STATES = {
    State.REGISTERED: "已登记，正在审查申请内容",
    State.CORRECTION_REQUESTED: "需要您补正申请内容（请查看补正告知书），补正期间答复期限停止计算",
    State.ACCEPTED: "正在办理",
    State.CONSULTING: "正在征求第三方意见，征求意见期间不计入答复期限",
    State.FEE_PENDING: "等待您缴纳信息处理费",
    State.OPINION_PROPOSED: "正在办理（已提出办理意见）",
    State.DECIDED: "正在办理（已作出决定，待审批签发）",
    State.PENDING_APPROVAL: "正在办理（报负责人审批）",
    State.APPROVED: "已批准答复，即将送达",
    State.DELIVERED: "已答复并送达",
    State.CLOSED: "已办结",
    State.WITHDRAWN: "您已撤回申请",
    State.ABANDONED: "逾期未补正或未缴费，视为放弃申请",
}
PLAIN_SUBMISSION = {
    SubmissionStatus.PENDING: "网上申请待确认：工作人员确认后，确认之日为收到申请之日",
    SubmissionStatus.REJECTED: "未予登记",
}


def _cn(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else "（待定）"


def _new_number(now):
    return f"WS{now:%Y%m%d}{secrets.randbelow(10**6):06d}"


def submit(*, data, files, client_ip=None):
    """Save a submission from the form's cleaned data. Returns (submission, query code shown once)."""
    code = codes.new_code()
    fields = {k: data.get(k) or "" for k in (
        "kind", "name", "id_type", "id_number", "legal_representative", "contact_person", "phone", "email",
        "address", "postcode", "description", "purpose", "requested_form", "delivery_method")}
    for _attempt in range(5):
        try:
            with transaction.atomic():
                sub = OnlineSubmission.objects.create(
                    agency=data["agency"], number=_new_number(timezone.localtime()), code_hash=codes.make_hash(code),
                    client_ip=client_ip, **fields)
                break
        except IntegrityError:
            continue
    else:
        raise WorkflowError("系统繁忙，请稍后再试")
    with transaction.atomic():
        for kind, uploaded in files:
            if uploaded is None:
                continue
            content_type, digest, size = uploaded.checked
            row = SubmissionFile(submission=sub, kind=kind, original_name=(uploaded.name or "")[:200],
                                 content_type=content_type, sha256=digest, size=size)
            row.file.save(digest, uploaded, save=False)
            row.save()
        SubmissionEvent.objects.create(submission=sub, action=SubmissionEvent.Action.SUBMIT,
                                       note=f"IP {client_ip or '-'}")
        tell(sub, "received", "received", code=codes.display(code))
    return sub, code


def pending_for(agency):
    return OnlineSubmission.objects.filter(agency=agency, status=SubmissionStatus.PENDING).order_by("submitted_at")


def _locked(submission_pk, agency):
    sub = OnlineSubmission.objects.select_for_update().filter(pk=submission_pk, agency=agency).first()
    if sub is None:
        raise WorkflowError("网上申请不存在或不属于本机关")
    if sub.status != SubmissionStatus.PENDING:
        raise WorkflowError(f"该网上申请已处理（{sub.get_status_display()}）")
    return sub


def confirm(*, submission_pk, agency, by):
    """Register the request: the receipt date is today, the date both sides confirm (REG 31(3))."""
    today = timezone.localdate()
    with transaction.atomic():
        sub = _locked(submission_pk, agency)
        req = registration.request_register_at_desk(
            agency=agency, by=by,
            applicant_fields={"kind": sub.kind, "name": sub.name, "id_type": sub.id_type, "id_number": sub.id_number,
                              "contact_person": sub.contact_person, "phone": sub.phone, "email": sub.email,
                              "address": sub.address, "postcode": sub.postcode},
            channel=Channel.ONLINE, confirmed_on=today, description=sub.description, purpose=sub.purpose,
            requested_form=sub.requested_form, delivery_method=sub.delivery_method)
        for f in sub.files.all():
            kind = AttachmentKind.IDENTITY_PROOF if f.kind == SubmissionFile.Kind.ID_PROOF else AttachmentKind.OTHER
            with f.file.open("rb") as handle:
                upload = File(handle, name=f.original_name or f.sha256)
                attachments.attachment_upload(request=req, by=by, kind=kind, uploaded_file=upload,
                                              description=f"网上申请 {sub.number} 提交")
        sub.status, sub.request, sub.decided_by, sub.decided_at = SubmissionStatus.CONFIRMED, req, by, timezone.now()
        sub.save(update_fields=["status", "request", "decided_by", "decided_at"])
        SubmissionEvent.objects.create(submission=sub, action=SubmissionEvent.Action.CONFIRM, actor=by,
                                       note=f"登记为 {req.number}，收到申请之日 {req.received_on.isoformat()}")
        tell(sub, "confirmed", "confirmed", request_number=req.number, received_on=_cn(req.received_on),
             due_date=_cn(req.due_date))
    return req


def reject(*, submission_pk, agency, by, reason, note):
    if reason not in RejectReason.values:
        raise WorkflowError("请选择未予登记的原因（垃圾信息或重复提交）")
    if not (note or "").strip():
        raise WorkflowError("请说明未予登记的理由")
    with transaction.atomic():
        sub = _locked(submission_pk, agency)
        sub.status, sub.reject_reason, sub.reject_note = SubmissionStatus.REJECTED, reason, note.strip()
        sub.decided_by, sub.decided_at = by, timezone.now()
        sub.save(update_fields=["status", "reject_reason", "reject_note", "decided_by", "decided_at"])
        SubmissionEvent.objects.create(submission=sub, action=SubmissionEvent.Action.REJECT, actor=by,
                                       note=f"{RejectReason(reason).label}：{note.strip()}")
        if reason != RejectReason.SPAM:
            tell(sub, "rejected", "rejected", reason=f"{RejectReason(reason).label}。{note.strip()}")
    return sub


def tell(sub, key, event, **values):
    """Outbox rows to the applicant: e-mail when given, SMS to the mobile (held through quiet hours). The wording is
    the agency's template for `event`, or the default (notice_texts.py); `key` makes the rows idempotent."""
    subject, body = notice_texts.render(sub.agency, event, number=sub.number, **values)
    event = key
    rows = []
    if sub.email:
        rows.append(OutboxMessage.objects.get_or_create(
            key=f"applicant:{event}:{sub.number}:email", defaults={
                "channel": OutboxMessage.Channel.EMAIL, "to_email": sub.email, "subject": subject, "body": body})[0])
    if sub.phone:
        quiet = SimpleNamespace(agency_id=sub.agency_id, agency=sub.agency, quiet_start=APPLICANT_QUIET[0],
                                quiet_end=APPLICANT_QUIET[1])
        rows.append(OutboxMessage.objects.get_or_create(
            key=f"applicant:{event}:{sub.number}:sms", defaults={
                "channel": OutboxMessage.Channel.SMS, "to_phone": sub.phone, "subject": subject,
                "body": f"【{sub.agency.short_name}】{body}"[:300], "not_before": sms_not_before(quiet)})[0])
    SubmissionEvent.objects.create(submission=sub, action=SubmissionEvent.Action.NOTIFY, note=f"{event}：{subject}")
    return rows


def lookup(number, secret):
    """The submission for number + query code (or last 6 of the ID number), or None. One answer for every failure,
    and one scrypt computation whatever the number."""
    number = (number or "").strip().upper()
    candidates = list(OnlineSubmission.objects.filter(number=number).select_related("request", "agency")) or list(
        OnlineSubmission.objects.filter(request__number=number).select_related("request", "agency"))[:1]
    sub = candidates[0] if candidates else None
    typed = (secret or "").strip().upper()
    if len(codes.normalise(typed)) == 6:
        codes.verify(typed, None)  # the same work as a code check
        ok = sub is not None and len(sub.id_number) >= 6 and secrets.compare_digest(
            sub.id_number[-6:].upper(), codes.normalise(typed))
    else:
        ok = codes.verify(typed, sub.code_hash if sub else None)
    return sub if ok else None


def progress(sub):
    """What the lookup page shows, in plain words."""
    req = sub.request
    info = {"number": sub.number, "agency": sub.agency.name, "submitted_at": sub.submitted_at}
    if req is None:
        info["state"] = PLAIN_SUBMISSION.get(sub.status, sub.get_status_display())
        if sub.status == SubmissionStatus.REJECTED:
            info["state"] += f"（{sub.get_reject_reason_display()}：{sub.reject_note}）"
        return info
    info.update(request_number=req.number, state=PLAIN_STATES.get(req.state, req.get_state_display()),
                received_on=req.received_on, due_date=req.due_date, due_provisional=req.due_provisional)
    if req.state not in (State.CORRECTION_REQUESTED,) and req.is_open:
        info["explanation"] = list(deadlines.reply_deadline(req).explanation)
    info["letters"] = [
        {"pk": letter.pk, "title": letter.title or letter.get_kind_display(),
         "document_number": letter.document_number, "date": letter.letter_date}
        # Only letters to the applicant that were sent (a delivery is recorded); never a third party's consultation.
        for letter in req.letters.filter(state="frozen", kind__in=APPLICANT_LETTERS, consultation__isnull=True,
                                         deliveries__isnull=False)
        .distinct().order_by("frozen_at", "id")]
    from .edelivery import downloadable, released_documents

    info["downloadable"] = downloadable(req)
    info["released"] = released_documents(req)
    info["deliveries"] = [
        {"method": d.get_method_display(), "handed_over_on": d.handed_over_on,
         "waybill": d.waybill_number,
         "tracking": [f"{timezone.localtime(e.occurred_at):%Y-%m-%d %H:%M} {e.get_status_display()}"
                      for e in d.postal_events.all()]}
        for d in req.deliveries.filter(Q(letter__isnull=True, for_reply=True)
                                       | Q(letter__kind__in=APPLICANT_LETTERS, letter__consultation__isnull=True))
        .prefetch_related("postal_events").order_by("id")]
    return info
