"""Reading the facts of a letter from a request and its step records (no imports from requests_cms)."""

from django.conf import settings

from .facts import AgencyFacts, LetterFacts
from .kinds import CONSULTATION_KINDS, LetterKind
from .layout import format_date
from .remedies import LetterDataError

ELECTRONIC = "electronic"
THIRD_PARTY, CO_PRODUCER = "third_party", "agency"


def facts_for(request, kind, *, consultation=None):
    """LetterFacts for a letter of `kind` about `request` (a saved InformationRequest)."""
    agency = AgencyFacts.of(request.agency)
    fields = dict(
        agency=agency,
        applicant_name=request.applicant.name,
        applicant_address=request.applicant.address,
        applicant_postcode=request.applicant.postcode,
        receipt_date=request.received_on,
        description=_description(request),
        request_number=request.number,
        delivery_online=request.delivery_method == ELECTRONIC,
        delivery_method=request.get_delivery_method_display(),
        reply_due_date=request.due_date,
        fee_pauses_clock=getattr(settings, "FEE_PERIOD_PAUSES_CLOCK", True),
    )
    fields.update(_decision_fields(request, kind))
    fields.update(_step_fields(request, kind, consultation))
    fields["provisional_notes"] = provisional_notes(request, kind, fields)
    return LetterFacts(**fields)


def _description(request):
    correction = request.corrections.order_by("-id").first()
    if correction and correction.corrected_description:
        return correction.corrected_description
    return request.description


def reply_outcome(request):
    decision = request.current_decision
    outcome = decision.outcome if decision else request.outcome
    if not outcome:
        raise LetterDataError(f"申请{request.number}尚未作出答复决定，无法生成答复书")
    return outcome


def _decision_fields(request, kind):
    if kind not in (LetterKind.REPLY, LetterKind.DISCLOSURE_OVER_OBJECTION):
        return {}
    decision = request.current_decision
    fields = {"outcome": reply_outcome(request)} if kind == LetterKind.REPLY else {}
    if decision:
        fields.update(reasons=decision.reasons, form_of_provision=decision.form_of_provision,
                      right_agency=decision.right_agency)
        if kind == LetterKind.REPLY:
            fields["legal_basis"] = decision.articles
    search = request.search_records.order_by("-searched_on", "-id").first()
    if search:
        fields["search_summary"] = search_summary(search)
    return fields


def search_summary(search):
    result = search.result.strip().rstrip("。") if search.result else "未找到相关信息"
    return (f"{format_date(search.searched_on)}，本机关在{search.systems.strip().rstrip('。')}中"
            f"以“{search.keywords}”为关键词进行了检索，{result}。")


def _step_fields(request, kind, consultation):
    fields = {}
    correction = request.corrections.order_by("-id").first()
    if correction:
        fields.update(correction_items=correction.items, correction_deadline=correction.period_ends_on,
                      correction_notice_date=correction.notice_sent_on)
    extension = request.extensions.order_by("-id").first()
    if extension:
        fields.update(extension_reason=extension.reason, extension_workdays=extension.workdays,
                      new_due_date=extension.new_due)
    fee = request.fee_notices.order_by("-id").first()
    if fee:
        fields.update(fee_basis=fee.basis, fee_amount=fee.amount, fee_payment_due=fee.payment_due)
    consultation = consultation or consultation_for(request, kind)
    if consultation:
        fields.update(consultation_party=consultation.party_name, consultation_party_address=consultation.party_address,
                      consultation_information=consultation.information, consultation_sent_date=consultation.sent_on)
    return fields


def consultation_for(request, kind):
    """The latest consultation a consultation letter of this kind is about (None for other kinds)."""
    if kind not in CONSULTATION_KINDS:
        return None
    party = CO_PRODUCER if kind == LetterKind.AGENCY_CONSULTATION else THIRD_PARTY
    return request.consultations.filter(party_kind=party).order_by("-sent_on", "-id").first()


# Dates printed by each kind that come from workday arithmetic: (label, field with the date, field with its start).
_COUNTED_DATES = {
    LetterKind.CORRECTION_NOTICE: ("补正期限", "correction_deadline", "correction_notice_date"),
    LetterKind.EXTENSION_NOTICE: ("延长后的答复期限", "new_due_date", "receipt_date"),
    LetterKind.FEE_NOTICE: ("缴费期限", "fee_payment_due", "receipt_date"),
}


def provisional_notes(request, kind, fields):
    """A note for each printed date that rests on a year whose official holiday notice is not yet published."""
    if kind == LetterKind.ACKNOWLEDGEMENT:
        if request.due_provisional and request.due_date:
            return (provisional_note("答复期限", request.due_date),)
        return ()
    if kind not in _COUNTED_DATES:
        return ()
    label, date_field, start_field = _COUNTED_DATES[kind]
    end, start = fields.get(date_field), fields.get(start_field) or request.received_on
    if end and _unofficial_years(request.agency.calendar_region, start, end):
        return (provisional_note(label, end),)
    return ()


def _unofficial_years(region, start, end):
    from workday_calendars.registry import calendar_for_region

    return calendar_for_region(region).unofficial_years(start, end)


def provisional_note(label, date):
    return (f"本文书所载{label}{format_date(date)}系在国务院公布该年度节假日安排之前推算，为暂定日期；"
            f"如公布的安排与推算不同，以重新计算的日期为准")
