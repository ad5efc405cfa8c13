"""Acceptance, correction, consultation, fees and extension (domain.md §3–§4, §6)."""

import re

from django.conf import settings
from django.utils import timezone

from requests_cms.access import APPROVER
from requests_cms.models import (
    Agency,
    ClockPause,
    Consultation,
    ConsultationAnswer,
    ConsultationParty,
    Correction,
    EventAction,
    Extension,
    FeeMethod,
    FeeNotice,
    InformationRequest,
    Outcome,
    PauseReason,
)

from . import deadlines, fees, responsive
from .errors import WorkflowError
from .runner import run_transition


def _not_future(value, label):
    if value and value > timezone.localdate():
        raise WorkflowError(f"{label}不能晚于今天")


def _not_before(value, floor, label, floor_label):
    if value and floor and value < floor:
        raise WorkflowError(f"{label}不能早于{floor_label}")


def request_accept(*, request, by, note="", expected_version=None):
    return run_transition(request=request, action=EventAction.ACCEPT, by=by, note=note,
                          expected_version=expected_version)


def late_correction_refusal(notice_due):
    return (f"补正告知书应自收到申请之日起{deadlines.CORRECTION_NOTICE_WORKDAYS}个工作日内、即{notice_due.isoformat()}"
            "前发出，现已逾期。逾期补正告知属于程序瑕疵，须经负责人同意后方可发出，请选择同意的负责人")


def request_correction(*, request, by, items, notice_sent_on=None, period_ends_on=None, late_consent_by=None,
                       expected_version=None):
    """The one correction notice (REG 30): the reply clock stops; the notice is drafted from the items.

    The correction period counts from the notice's recorded sending (its delivery, services/notices.py). A sending
    date given here is one already made outside the system (ledger import, demo data): the period counts from it.
    A notice that cannot go out within 7 workdays of receipt (sent, or drafted today, after that day) needs the
    consent of an approver of the agency (the acting user when an approver, else `late_consent_by`); the due date
    before the stop is kept beside the restarted one.
    """
    if not (items or "").strip():
        raise WorkflowError("请写明需要补正的事项")
    _not_future(notice_sent_on, "补正告知书发出日期")
    _not_before(notice_sent_on, request.received_on, "补正告知书发出日期", "收到申请日期")
    region = request.agency.calendar_region
    notice_due = deadlines.correction_notice_due(request.received_on, region=region).due
    period_ends_on = (period_ends_on or deadlines.correction_period_ends(notice_sent_on, region=region)
                      if notice_sent_on else None)
    late = (notice_sent_on or timezone.localdate()) > notice_due
    consent = None
    if late:
        consent = late_consent_by or (by if APPROVER.held_by(by) else None)
        if consent is None or not APPROVER.held_by(consent) or consent.agency_id != request.agency_id:
            raise WorkflowError(late_correction_refusal(notice_due))
    original_due = request.due_date
    note = (f"注意：补正告知晚于法定期限（应于{notice_due.isoformat()}前发出），经负责人{consent.display_name}同意；"
            f"原答复期限{original_due.isoformat() if original_due else '—'}") if late else ""

    def after(req):
        Correction.objects.create(request=req, items=items, notice_sent_on=notice_sent_on,
                                  period_ends_on=period_ends_on, notice_due=notice_due, late_consent_by=consent,
                                  original_due=original_due)

    payload = {"period_ends_on": period_ends_on.isoformat() if period_ends_on else None}
    if late:
        payload.update(late=True, notice_due=notice_due.isoformat(), late_consent_by=consent.pk,
                       original_due=original_due.isoformat() if original_due else None)
    return run_transition(request=request, action=EventAction.REQUEST_CORRECTION, by=by, note=note or items,
                          expected_version=expected_version, after=after, payload=payload)


def request_receive_correction(*, request, by, received_on, corrected_description="", expected_version=None):
    """The corrected application restarts the 20-workday clock from its receipt (REG 30, 33)."""
    _not_future(received_on, "收到补正申请日期")

    def after(req):
        correction = req.corrections.order_by("-id").first()
        _not_before(received_on, correction.notice_sent_on, "收到补正日期", "补正告知书发出日期")
        correction.corrected_received_on = received_on
        correction.corrected_description = corrected_description
        correction.save()

    return run_transition(request=request, action=EventAction.RECEIVE_CORRECTION, by=by,
                          expected_version=expected_version,
                          after=after, note=corrected_description,
                          payload={"corrected_received_on": received_on.isoformat()})


def request_lapse_correction(*, request, by, expected_version=None):
    today = timezone.localdate()

    def after(req):
        Correction.objects.filter(request=req, corrected_received_on__isnull=True).update(lapsed_on=today)
        _conclude(req, Outcome.CORRECTION_LAPSED, today)

    return run_transition(request=request, action=EventAction.LAPSE_CORRECTION, by=by,
                          expected_version=expected_version,
                          after=after, note="申请人无正当理由逾期不补正，视为放弃申请")


# The name of an administrative organ (行政机关): governments, their departments and offices, sub-district offices,
# zone committees, vertical lines' offices. A business, a person or an institution is not one (REG 34).
AGENCY_NAME = re.compile(r"(人民政府|政府办公室|办公厅|办公室|办事处|管理委员会|管委会|委员会|局|厅|署|部|委|分局)$")
NOT_AGENCY_NAME = re.compile(r"(公司|企业|集团|工厂|厂|商店|店|合作社|事务所|医院|学校|个人|先生|女士)$")


def co_producer_problem(party_name):
    """The Chinese message when a co-producing-agency consultation (REG 34) is addressed to something that is not an
    administrative organ: a known agency of the system, or a name of an organ's form; "" when acceptable."""
    name = (party_name or "").strip()
    if Agency.objects.filter(name=name).exists():
        return ""
    if AGENCY_NAME.search(name) and not NOT_AGENCY_NAME.search(name):
        return ""
    return (f"“{name}”不是行政机关：共同制作机关征求意见（条例第三十四条）只能向行政机关发出；"
            "向企业、个人等征求意见请选择“第三方”（条例第三十二条）")


def consultation_start(*, request, by, party_kind, party_name, sent_on=None, party_address="", information="",
                       letter_received_on=None, expected_version=None):
    """Consult a third party or co-producing agency; the letter to the party is drafted from this record. Its 15
    workdays run from the party's receipt of the letter, and the pause from its sending (REG 32, 33, 34), both from
    the letter's recorded delivery (services/notices.py); dates given here are a sending already made outside the
    system."""
    if not (party_name or "").strip():
        raise WorkflowError("请填写征求意见对象")
    if party_kind not in ConsultationParty.values:
        raise WorkflowError("请选择征求对象类型")
    if not (information or "").strip():
        raise WorkflowError("请写明拟公开的信息（征求意见书须载明）")
    if party_kind == ConsultationParty.AGENCY and (problem := co_producer_problem(party_name)):
        raise WorkflowError(problem)
    _not_future(sent_on, "征求意见函发出日期")
    _not_future(letter_received_on, "对方收到日期")
    _not_before(letter_received_on, sent_on, "对方收到日期", "发出日期")
    window_start = letter_received_on or sent_on
    window_ends_on = (deadlines.consultation_due(window_start, region=request.agency.calendar_region).due
                      if window_start else None)

    def after(req):
        Consultation.objects.create(request=req, party_kind=party_kind, party_name=party_name,
                                    party_address=party_address, information=information, sent_on=sent_on,
                                    letter_received_on=letter_received_on, window_ends_on=window_ends_on)
        sync_consultation_pauses(req)

    when = f"答复期限{window_ends_on.isoformat()}" if window_ends_on else "答复期限自对方收到征求意见书之日起计算"
    return run_transition(request=request, action=EventAction.START_CONSULTATION, by=by,
                          expected_version=expected_version,
                          after=after, note=f"向{party_name}征求意见，{when}",
                          payload={"window_ends_on": window_ends_on.isoformat() if window_ends_on else None})


def consultation_record_reply(*, request, consultation, by, answer, answered_on=None, reasons="",
                              expected_version=None):
    if answer not in (ConsultationAnswer.AGREE, ConsultationAnswer.OBJECT, ConsultationAnswer.NO_ANSWER):
        raise WorkflowError("请选择答复结果")
    if answer == ConsultationAnswer.OBJECT and not reasons.strip():
        raise WorkflowError("第三方不同意公开的，须记录其理由")
    if consultation.sent_on is None:
        raise WorkflowError("征求意见书尚未发出（须签发并记录送达），不能记录答复")
    if answer == ConsultationAnswer.NO_ANSWER:
        if timezone.localdate() <= consultation.window_ends_on:
            raise WorkflowError(f"15个工作日答复期限（{consultation.window_ends_on.isoformat()}）尚未届满")
        answered_on = None
    elif answered_on is None:
        raise WorkflowError("请填写答复日期")
    _not_future(answered_on, "答复日期")
    _not_before(answered_on, consultation.sent_on, "答复日期", "征求意见函发出日期")

    def after(req):  # the guard looks for an open consultation, so record the answer after it
        c = req.consultations.select_for_update().get(pk=consultation.pk)
        if not c.is_open:
            raise WorkflowError("该征求意见已记录答复")
        c.answer, c.answered_on, c.answer_reasons = answer, answered_on, reasons
        c.save()
        sync_consultation_pauses(req)

    return run_transition(request=request, action=EventAction.RECORD_CONSULTATION_REPLY, by=by, after=after,
                          expected_version=expected_version,
                          note=f"{consultation.party_name}：{ConsultationAnswer(answer).label}。{reasons}".strip(),
                          payload={"consultation": consultation.pk, "answer": answer})


def consultation_finish(*, request, by, expected_version=None):
    return run_transition(request=request, action=EventAction.FINISH_CONSULTATION, by=by,
                          expected_version=expected_version)


def sync_consultation_pauses(req):
    """Consultation time is excluded: from the first letter sent until the last reply or window end (REG 33); a
    consultation whose letter has not gone out pauses nothing."""
    req.pauses.filter(reason=PauseReason.CONSULTATION).delete()
    sent = [(c.sent_on, c.pause_end) for c in req.consultations.all() if c.sent_on and c.pause_end]
    for start, end in _merged(sent):
        ClockPause.objects.create(request=req, reason=PauseReason.CONSULTATION, start=start, end=end)


def _merged(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(m) for m in merged]


def monthly_sequence(request):
    """Which request of this applicant in this calendar month this is, by receipt date (FEE 按件)."""
    same_month = InformationRequest.objects.filter(
        applicant=request.applicant, received_on__year=request.received_on.year,
        received_on__month=request.received_on.month,
    )
    earlier = same_month.filter(received_on__lt=request.received_on).count()
    same_day = same_month.filter(received_on=request.received_on, pk__lt=request.pk).count()
    return earlier + same_day + 1


def fee_issue_notice(*, request, by, issued_on=None, notice_received_on=None, pages=None, expected_version=None):
    method = request.agency.fee_method
    seq = monthly_sequence(request) if method == FeeMethod.PER_REQUEST else None
    if method == FeeMethod.PER_PAGE:
        if pages is None:  # the pages the applicant receives: the released copies of the responsive documents
            pages = responsive.released_page_total(request) or None
        if not pages or pages < 1:
            raise WorkflowError("按量计收须填写页数")
        amount = fees.fee_per_page(pages)
    else:
        amount = fees.fee_per_request(seq)
    if amount <= 0:
        raise WorkflowError("按收费标准本申请免费，无需发出收费通知")
    _not_future(issued_on, "收费通知发出日期")
    _not_before(notice_received_on, issued_on, "申请人收到通知日期", "发出日期")
    _not_future(notice_received_on, "申请人收到通知日期")
    start = notice_received_on or issued_on  # else from the fee notice's recorded delivery (services/notices.py)
    payment_due = deadlines.fee_payment_due(start, region=request.agency.calendar_region).due if start else None

    def after(req):
        FeeNotice.objects.create(request=req, method=method, pages=pages, monthly_sequence=seq, amount=amount,
                                 basis=fees.fee_basis(method, pages=pages, monthly_sequence=seq),
                                 issued_on=issued_on, notice_received_on=notice_received_on,
                                 payment_due=payment_due)
        if issued_on and settings.FEE_PERIOD_PAUSES_CLOCK:
            ClockPause.objects.create(request=req, reason=PauseReason.FEE, start=issued_on, end=payment_due)

    return run_transition(request=request, action=EventAction.ISSUE_FEE_NOTICE, by=by,
                          expected_version=expected_version,
                          after=after, note=f"收费{amount}元，缴费期限"
                          + (payment_due.isoformat() if payment_due else "自申请人收到收费通知书之日起计算"),
                          payload={"amount": str(amount),
                                   "payment_due": payment_due.isoformat() if payment_due else None})


def fee_record_payment(*, request, by, paid_on, expected_version=None):
    _not_future(paid_on, "缴费日期")

    def mark_paid(req):  # after the guard, which looks for an unpaid notice
        notice = req.fee_notices.filter(paid_on__isnull=True).order_by("-id").first()
        _not_before(paid_on, notice.issued_on, "缴费日期", "收费通知发出日期")
        notice.paid_on = paid_on
        notice.save()
        req.pauses.filter(reason=PauseReason.FEE, start=notice.issued_on).update(end=paid_on)

    return run_transition(request=request, action=EventAction.RECORD_PAYMENT, by=by, expected_version=expected_version,
                          after=mark_paid, payload={"paid_on": paid_on.isoformat()})


def fee_lapse(*, request, by, expected_version=None):
    today = timezone.localdate()

    def after(req):
        req.fee_notices.filter(paid_on__isnull=True).update(lapsed_on=today)
        _conclude(req, Outcome.FEE_UNPAID, today)

    return run_transition(request=request, action=EventAction.LAPSE_FEE, by=by, expected_version=expected_version,
                          after=after,
                          note="申请人逾期未缴纳信息处理费，视为放弃申请")


def request_extend(*, request, by, workdays, reason, expected_version=None):
    """One extension of at most 20 workdays, approved by the head of the disclosure office (REG 33)."""
    workdays = int(workdays)
    if not 1 <= workdays <= deadlines.MAX_EXTENSION_WORKDAYS:
        raise WorkflowError(f"延长期限为1至{deadlines.MAX_EXTENSION_WORKDAYS}个工作日")
    if not (reason or "").strip():
        raise WorkflowError("请写明延期理由")

    def after(req):
        original = req.due_date
        extension = Extension(request=req, workdays=workdays, reason=reason, approved_by=by,
                              approved_on=timezone.localdate(), original_due=original, new_due=original)
        extension.save()
        extension.new_due = deadlines.reply_deadline(req).due
        extension.save()

    return run_transition(request=request, action=EventAction.EXTEND, by=by, expected_version=expected_version,
                          after=after,
                          note=f"延长{workdays}个工作日：{reason}", payload={"workdays": workdays})


def _conclude(req, outcome, on):
    req.outcome = outcome
    req.concluded_on = on
