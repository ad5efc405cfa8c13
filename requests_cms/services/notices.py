"""Notices as documents (domain.md §7): drafted at their step, issued (numbered, frozen), delivered with proof, and
the clocks that wait for them.

Everything here is keyed on the letter kind's spec (letters/kinds.py), never on a list of kind codes:
- `KindSpec.drafted_at` names the step (an EventAction) whose service drafts the notice; the runner calls
  `draft_for_step` inside that step's transaction, so a notice that cannot be drafted refuses the step.
- `KindSpec.needs_approver` (or the agency's `notices_need_approval`) makes issuing the approver's act.
- `KindSpec.clock` names the period that counts from the notice's recorded sending or receipt: when a delivery of the
  notice is recorded (posted, received, returned), `sync_notice_clock` writes the dates into the step record and the
  period's end, computed by services/deadlines.py, and the runner recomputes the reply due date.
"""

from django.conf import settings

from letters import services as letter_services
from letters.kinds import Addressee, Clock, drafted_at, kind_spec
from letters.models import Letter, LetterState
from letters.outcomes import find_rule
from requests_cms.access import APPROVER, NOTICE_ISSUER, is_read_only
from requests_cms.models import (
    AttachmentKind,
    ClockPause,
    ConsultationAnswer,
    ConsultationParty,
    EventAction,
    PauseReason,
    PostalStatus,
)

from . import deadlines
from .errors import WorkflowError
from .letter_facts import CONSULTED, facts_for
from .reply_letter import LETTER_ERRORS
from .runner import run_update

DRAFTED, ISSUED, DELIVERED, PROOF_FILED = "已起草", "已签发", "已送达", "已归档回证"
PROOF_KINDS = (AttachmentKind.PROOF_OF_SERVICE, AttachmentKind.TRACKING_PRINTOUT, AttachmentKind.COUNTER_RECEIPT)


def is_notice(kind):
    return bool(kind_spec(kind).drafted_at)


# --- drafted at the step ---------------------------------------------------------------------------------------------
def draft_for_step(req, action, by):
    """Draft every notice the step `action` issues, from the step's own records (called by the runner)."""
    for spec in drafted_at(action):
        for consultation in _addressees(req, spec):
            letters = req.letters.filter(kind=spec.code, consultation=consultation)
            if letters.filter(state=LetterState.FROZEN).exists():
                continue  # already issued (e.g. a decision taken again after a return): the issued one stands
            try:
                letter_services.letter_draft(request=req, kind=spec.code, by=by, consultation=consultation,
                                             facts=facts_for(req, spec.code, consultation=consultation))
            except LETTER_ERRORS as exc:
                raise WorkflowError(f"生成{spec.label}草稿失败：{exc}") from exc


def _addressees(req, spec):
    """None for a notice to the applicant; else the consultations (one letter per party) it goes to."""
    if spec.addressee is Addressee.APPLICANT:
        return [None]
    party = CONSULTED[spec.addressee]
    if spec.states_decision:  # the decision to disclose over a third party's objection (REG 32)
        decision = req.current_decision
        rule = find_rule(decision.outcome) if decision else None
        if rule is None or not rule.provides_information or party != ConsultationParty.THIRD_PARTY:
            return []
        return list(req.consultations.filter(party_kind=party, answer=ConsultationAnswer.OBJECT).order_by("id"))
    latest = req.consultations.filter(party_kind=party).order_by("-id").first()  # the one this step created
    return [latest] if latest else []


# --- issued ----------------------------------------------------------------------------------------------------------
def needs_approver(letter):
    return kind_spec(letter.kind).needs_approver or letter.agency.notices_need_approval


def issue_refusal(req, letter, user):
    """Why `user` cannot issue `letter` now (None: they can)."""
    spec = kind_spec(letter.kind)
    if is_read_only(user):
        return "您的角色为只读，不能签发文书"
    if not spec.drafted_at:
        return f"{spec.label}不是告知书，随答复决定审批定稿"
    if letter.state not in letter_services.OPEN_STATES:
        return f"{spec.label}已签发，如需修改请生成新版本并说明理由"
    if not req.is_open:
        return "申请已办结，不能再签发告知书"
    if needs_approver(letter):
        denied = APPROVER.reason(req, user)
        if denied:
            why = "条例第三十三条" if spec.needs_approver else "本机关的设置"
            return f"{spec.label}须经负责人（审批人）签发（{why}）"
        return None
    return NOTICE_ISSUER.reason(req, user)


def notice_issue(*, request, letter, by, expected_version=None):
    """Issue a drafted notice: numbered (gap-free, per agency and number word), PDF frozen with its digest. A draft
    nobody edited is first written afresh from the step's records, so that the periods it prints count from its own
    date; an edited draft is issued as edited."""
    refusal = issue_refusal(request, letter, by)
    if refusal:
        raise WorkflowError(refusal)

    def change(req):
        facts = facts_for(req, letter.kind, consultation=letter.consultation)
        try:
            draft = letter
            if not hand_edited(letter):  # written afresh: the dates it prints count from the day it is issued
                draft = letter_services.letter_draft(request=req, kind=letter.kind, by=by,
                                                     consultation=letter.consultation, facts=facts)
            return letter_services.letter_freeze(letter=draft, by=by, facts=facts)
        except LETTER_ERRORS as exc:
            raise WorkflowError(f"签发失败：{exc}") from exc

    return run_update(request=request, action=EventAction.ISSUE_NOTICE, by=by, change=change,
                      expected_version=expected_version, note=f"签发{letter.title}",
                      payload={"letter": letter.pk, "kind": letter.kind})


def hand_edited(letter):
    """Whether the draft's text was ever changed after it was written (its history holds more than one text)."""
    return letter.history.order_by().values_list("text", flat=True).distinct().count() > 1


def issued_notices(req):
    """The notices of this request that can be delivered now (issued, current version)."""
    return [letter for letter in req.letters.filter(state=LetterState.FROZEN).order_by("kind", "id")
            if is_notice(letter.kind)]


# --- status and warnings ---------------------------------------------------------------------------------------------
def delivery_has_proof(delivery):
    """A signed proof, a tracking printout or counter receipt, a 妥投 record, an electronic sending, or a recorded
    reason there is none (works on prefetched attachments and postal events)."""
    if delivery.returned_on is not None:
        return False
    if any(a.kind in PROOF_KINDS for a in delivery.attachments.all()):
        return True
    if any(e.status == PostalStatus.DELIVERED for e in delivery.postal_events.all()):
        return True
    return bool(delivery.no_proof_reason) or delivery.sent_at is not None


def letter_status(letter, deliveries):
    """已起草 / 已签发 / 已送达 / 已归档回证 for a letter and its deliveries."""
    if not letter.is_frozen:
        return DRAFTED
    if any(delivery_has_proof(d) for d in deliveries):
        return PROOF_FILED
    if any(d.returned_on is None for d in deliveries):
        return DELIVERED
    return ISSUED


def clock_warnings(req, letters, deliveries_of):
    """A sentence for every current notice that starts or stops a clock and has not gone out."""
    warnings = []
    for letter in letters:
        spec = kind_spec(letter.kind)
        if spec.clock is None or letter.state == LetterState.SUPERSEDED or not req.is_open:
            continue
        if any(d.returned_on is None for d in deliveries_of(letter)):
            continue
        to = f"（致{letter.consultation.party_name}）" if letter.consultation_id else ""
        step = "尚未签发" if not letter.is_frozen else "已签发但尚未记录送达"
        warnings.append(f"{spec.label}{to}{step}：{spec.clock.label}；发出前该期限不起算。")
    return warnings


# --- the clocks that wait for a notice -------------------------------------------------------------------------------
def notice_dates(letter):
    """(sent, received) of a notice: the earliest delivery of it that was not returned (None, None: not served)."""
    served = [d for d in letter.deliveries.order_by("handed_over_on", "id") if d.returned_on is None]
    if not served:
        return None, None
    return served[0].handed_over_on, served[0].received_on


def late_note(req, letter, sent):
    """The warning a notice sent later than the law allows carries in its delivery's event (else ""): a correction
    notice after REG 30's 7 workdays, an extension notice after the original due date (REG 33)."""
    clock = kind_spec(letter.kind).clock if letter is not None else None
    if clock is Clock.CORRECTION:
        due = deadlines.correction_notice_due(req.received_on, region=req.agency.calendar_region).due
        return f"（注意：补正告知晚于法定期限，应于{due.isoformat()}前发出）" if sent > due else ""
    if clock is Clock.EXTENSION:
        extension = req.extensions.order_by("-id").first()
        if extension and sent > extension.original_due:
            return f"（注意：延期告知晚于原答复期限{extension.original_due.isoformat()}）"
    return ""


def sync_notice_clock(req, letter):
    """After a delivery of `letter` was recorded or changed: its clock counts from the recorded sending or receipt.

    Runs inside the delivery action's transaction; the runner then recomputes the reply due date.
    """
    if letter is None:
        return
    clock = kind_spec(letter.kind).clock
    if clock is None or clock not in _SYNC:
        return
    sent, received = notice_dates(letter)
    _SYNC[clock](req, letter, sent, received)


def _sync_correction(req, letter, sent, received):
    correction = req.corrections.order_by("-id").first()
    if correction is None:
        return
    region = req.agency.calendar_region
    correction.notice_sent_on = sent
    correction.period_ends_on = deadlines.correction_period_ends(sent, region=region) if sent else None
    correction.save()


def _sync_consultation(req, letter, sent, received):
    from .handling import sync_consultation_pauses  # handling drafts through the runner, which drafts through here

    consultation = letter.consultation
    if consultation is None:
        return
    consultation.sent_on, consultation.letter_received_on = sent, received
    start = received or sent  # the 15 workdays run from receipt; the posting date when it is unknown (REG 32, 34)
    consultation.window_ends_on = (deadlines.consultation_due(start, region=req.agency.calendar_region).due
                                   if start else None)
    consultation.save()
    sync_consultation_pauses(req)


def _sync_fee(req, letter, sent, received):
    fee = req.fee_notices.order_by("-id").first()
    if fee is None:
        return
    req.pauses.filter(reason=PauseReason.FEE, start=fee.issued_on).delete()
    start = received or sent  # 20 workdays from the applicant's receipt of the notice (FEE)
    fee.issued_on, fee.notice_received_on = sent, received
    fee.payment_due = deadlines.fee_payment_due(start, region=req.agency.calendar_region).due if start else None
    fee.save()
    if sent and settings.FEE_PERIOD_PAUSES_CLOCK:
        ClockPause.objects.create(request=req, reason=PauseReason.FEE, start=sent, end=fee.paid_on or fee.payment_due)


_SYNC = {Clock.CORRECTION: _sync_correction, Clock.CONSULTATION: _sync_consultation, Clock.FEE: _sync_fee}


def letter_of(req, pk):
    """One letter of this request, or None."""
    return Letter.objects.filter(request=req, pk=pk).first()
