"""The facts a letter is written from, read from a request and its step records (letters is given them, never
reads a request): `LetterFacts` for a worded letter, `ServedLetter` for the forms that go with one."""

from dataclasses import replace

from django.conf import settings
from django.utils import timezone

from letters.facts import AgencyFacts, LetterFacts
from letters.kinds import Addressee, kind_spec
from letters.layout import format_date
from letters.remedies import LetterDataError
from letters.renderers import ServedLetter
from letters.samples import SAMPLE_DATES
from requests_cms.models import ConsultationParty, DeliveryMethod

from . import deadlines, responsive

CONSULTED = {Addressee.THIRD_PARTY: ConsultationParty.THIRD_PARTY, Addressee.CO_PRODUCER: ConsultationParty.AGENCY}


def agency_facts(agency):
    """From an Agency (saved or not): its effective reconsideration body, court and contact data."""
    return AgencyFacts(
        name=agency.name, short_name=agency.short_name, reconsideration_body=agency.effective_reconsideration_body,
        court=agency.court, online_reconsideration_channel=agency.online_reconsideration_channel,
        address=agency.address, postcode=agency.postcode, phone=agency.phone,
        disclosure_office=agency.disclosure_office, document_number_format=agency.document_number_format,
        calendar_region=agency.calendar_region, id=agency.pk,
    )


def facts_for(request, kind, *, consultation=None):
    """LetterFacts for a letter of `kind` about `request` (a saved InformationRequest)."""
    spec = kind_spec(kind)
    fields = dict(
        agency=agency_facts(request.agency),
        applicant_name=request.applicant.name,
        applicant_address=request.applicant.address,
        applicant_postcode=request.applicant.postcode,
        receipt_date=request.received_on,
        description=_description(request),
        request_number=request.number,
        delivery_online=request.delivery_method == DeliveryMethod.ELECTRONIC,
        delivery_method=request.get_delivery_method_display(),
        reply_due_date=request.due_date,
        fee_pauses_clock=getattr(settings, "FEE_PERIOD_PAUSES_CLOCK", True),
    )
    fields.update(_decision_fields(request, spec))
    fields.update(_step_fields(request, kind, consultation))
    fields["provisional_notes"] = provisional_notes(request, spec, fields)
    return LetterFacts(**fields)


def _description(request):
    return request.current_description


def reply_outcome(request):
    decision = request.current_decision
    outcome = decision.outcome if decision else request.outcome
    if not outcome:
        raise LetterDataError(f"申请{request.number}尚未作出答复决定，无法生成答复书")
    return outcome


def _decision_fields(request, spec):
    """The current decision's facts, for the letters that state it (the reply, the disclosure over objection)."""
    if not spec.states_decision:
        return {}
    decision = request.current_decision
    fields = {"outcome": reply_outcome(request)} if spec.per_outcome else {}
    if decision:
        fields.update(reasons=decision.reasons, form_of_provision=decision.form_of_provision,
                      right_agency=decision.right_agency)
        if spec.per_outcome:
            fields["legal_basis"] = decision.articles
    search = request.search_records.order_by("-searched_on", "-id").first()
    if search:
        fields["search_summary"] = search_summary(search)
    released = responsive.released_titles(request)
    if released and spec.per_outcome:
        fields["released_documents"] = released
    return fields


def search_summary(search):
    result = search.result.strip().rstrip("。") if search.result else "未找到相关信息"
    return (f"{format_date(search.searched_on)}，本机关在{search.systems.strip().rstrip('。')}中"
            f"以“{search.keywords}”为关键词进行了检索，{result}。")


def _step_fields(request, kind, consultation):
    """The step records' facts. A notice not yet sent prints the periods counted from today, the day it is
    written: the period the system applies counts from its recorded sending, which is never earlier."""
    today = timezone.localdate()
    region = request.agency.calendar_region
    fields = {}
    correction = request.corrections.order_by("-id").first()
    if correction:
        sent = correction.notice_sent_on or today
        fields.update(correction_items=correction.items, correction_notice_date=sent,
                      correction_deadline=correction.period_ends_on
                      or deadlines.correction_period_ends(sent, region=region))
    extension = request.extensions.order_by("-id").first()
    if extension:
        fields.update(extension_reason=extension.reason, extension_workdays=extension.workdays,
                      new_due_date=extension.new_due)
    reasons = request.reasons_requests.order_by("-id").first()
    if reasons:
        fields.update(reasons_grounds=reasons.grounds, reasons_notice_date=reasons.asked_on,
                      reasons_deadline=reasons.period_ends_on, delay_reason=reasons.delay_reason,
                      delayed_due_date=reasons.delayed_due,
                      reasons_pause_clock=getattr(settings, "REASONS_PERIOD_PAUSES_CLOCK", True))
    fee = request.fee_notices.order_by("-id").first()
    if fee:
        due = fee.payment_due or deadlines.fee_payment_due(fee.issued_on or today, region=region).due
        fields.update(fee_basis=fee.basis, fee_amount=fee.amount, fee_payment_due=due)
    consultation = consultation or consultation_for(request, kind)
    if consultation:
        fields.update(consultation_party=consultation.party_name, consultation_party_address=consultation.party_address,
                      consultation_information=consultation.information,
                      consultation_sent_date=consultation.sent_on or today)
    return fields


def consultation_for(request, kind):
    """The latest consultation a letter of this kind to a consulted party is about (None for other kinds)."""
    spec = kind_spec(kind)
    if not spec.consulted:
        return None
    return request.consultations.filter(party_kind=CONSULTED[spec.addressee]).order_by("-id").first()


def provisional_notes(request, spec, fields):
    """A note for the counted date the letter prints when it rests on a year whose official holiday notice is not
    yet published. The reply due date is the request's own: the request knows whether it is provisional."""
    counted = spec.counted_date
    end = fields.get(counted.field) if counted else None
    if not end:
        return ()
    if counted.field == "reply_due_date":
        provisional = request.due_provisional
    else:
        start = fields.get(counted.start) or request.received_on
        provisional = bool(deadlines.unofficial_years(start, end, region=request.agency.calendar_region))
    return (provisional_note(counted.label, end),) if provisional else ()


def provisional_note(label, date):
    return (f"本文书所载{label}{format_date(date)}系在国务院公布该年度节假日安排之前推算，为暂定日期；"
            f"如公布的安排与推算不同，以重新计算的日期为准")


def served_letter(request, letter):
    """What a proof of service or an envelope prints about the letter it goes with (None: the applicant's address
    on an envelope without a letter)."""
    to_party = letter is not None and letter.consultation_id is not None
    return ServedLetter(
        title=letter.title if letter else "",
        document_number=letter.document_number if letter else "",
        addressee=letter.addressee if letter else request.applicant.name,
        address=letter.consultation.party_address if to_party else request.applicant.address,
        postcode="" if to_party else request.applicant.postcode,
        method=request.get_delivery_method_display(),
    )


def sample_dates(region="national", timeline=None):
    """The specimen timeline (letters.samples.SampleDates) with every counted date recomputed by the workday engine
    for `region` from the timeline's own event dates, as a request's letters count them."""
    timeline = timeline or SAMPLE_DATES
    received = timeline.received
    return replace(
        timeline,
        reply_due=deadlines.reply_due(received=received, region=region).due,
        correction_deadline=deadlines.correction_period_ends(timeline.correction_sent, region=region),
        new_due=deadlines.reply_due(received=received, extension=timeline.extension_workdays, region=region).due,
        fee_payment_due=deadlines.fee_payment_due(timeline.fee_notice_sent, region=region).due,
        reasons_deadline=deadlines.reasons_period_ends(timeline.reasons_sent, region=region),
    )
