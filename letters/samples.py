"""Specimen letters: every kind, and the reply for every outcome, for a made-up request to a given agency.

Used by `render_letter --sample all`; nothing is saved. The dates are fixed so that specimens are reproducible, and
consistent (domain.md §4): one timeline of a made-up request (`SampleDates`: received on Monday 2 March 2026, each
letter dated the day its step is taken), and every date a letter counts (reply due, correction period, extended due
date, fee payment due) is the workday engine's result from the timeline's own dates. letters cannot ask the engine
(requests_cms' services/deadlines.py is its only door), so the counted dates are written here and a test compares them
with the engine's; `render_letter` recomputes them for the agency's calendar region (requests_cms passes `dates`).
"""

import datetime
from dataclasses import dataclass, fields, replace
from decimal import Decimal

from .drafting import draft_from_facts, wording_for
from .facts import LetterFacts
from .kinds import FORM_KINDS, WORDED_KINDS, LetterKind, kind_spec
from .numbering import format_number
from .outcomes import OUTCOME_CODES, outcome_rule
from .renderers import LetterContent, ServedLetter, render_content, render_form

_D = datetime.date


@dataclass(frozen=True)
class SampleDates:
    """The specimen request's timeline. Event dates first (each letter is dated the day of its step), then the
    counted dates, each the engine's result from the event dates it names (national calendar, the default
    CORRECTION_PERIOD_WORKDAYS of 15): requests_cms.services.letter_facts.sample_dates recomputes them."""

    received: datetime.date = _D(2026, 3, 2)  # a Monday
    acknowledged: datetime.date = _D(2026, 3, 2)  # the acknowledgement is handed over on receipt
    correction_sent: datetime.date = _D(2026, 3, 4)  # within the 7 workdays of REG 30 (due 2026-03-11)
    consultation_sent: datetime.date = _D(2026, 3, 5)
    reasons_sent: datetime.date = _D(2026, 3, 6)  # REG 35: reasons asked for
    delay_sent: datetime.date = _D(2026, 3, 18)  # reasons accepted, a delayed reply period set by the agency
    delayed_due: datetime.date = _D(2026, 5, 29)  # set by the agency (not counted), after the REG 33 due date
    fee_notice_sent: datetime.date = _D(2026, 3, 10)
    replied: datetime.date = _D(2026, 3, 20)  # the reply and the disclosure over objection
    extension_sent: datetime.date = _D(2026, 3, 25)  # before the original due date (REG 33)
    extension_workdays: int = 20
    # counted by the engine:
    reply_due: datetime.date = _D(2026, 3, 30)  # 20 workdays after `received`
    correction_deadline: datetime.date = _D(2026, 3, 25)  # CORRECTION_PERIOD_WORKDAYS after `correction_sent`
    new_due: datetime.date = _D(2026, 4, 28)  # 20 + extension workdays after `received`
    fee_payment_due: datetime.date = _D(2026, 4, 8)  # 20 workdays after `fee_notice_sent` (its receipt unknown)
    reasons_deadline: datetime.date = _D(2026, 3, 27)  # REASONS_PERIOD_WORKDAYS (15) after `reasons_sent`

    def letter_date(self, kind):
        """The date a specimen of `kind` bears: the day of the step that issues it."""
        return {
            LetterKind.ACKNOWLEDGEMENT: self.acknowledged,
            LetterKind.CORRECTION_NOTICE: self.correction_sent,
            LetterKind.EXTENSION_NOTICE: self.extension_sent,
            LetterKind.THIRD_PARTY_CONSULTATION: self.consultation_sent,
            LetterKind.AGENCY_CONSULTATION: self.consultation_sent,
            LetterKind.FEE_NOTICE: self.fee_notice_sent,
            LetterKind.REASONS_NOTICE: self.reasons_sent,
            LetterKind.DELAY_NOTICE: self.delay_sent,
        }.get(kind, self.replied)


SAMPLE_DATES = SampleDates()
COUNTED = ("reply_due", "correction_deadline", "new_due", "fee_payment_due", "reasons_deadline")
EVENTS = tuple(f.name for f in fields(SampleDates) if f.name not in COUNTED)
LETTER_DATE = SAMPLE_DATES.replied  # the reply's date (kept for callers that date a reply specimen)
RECEIVED = SAMPLE_DATES.received


def sample_facts(agency, kind, outcome="", dates=SAMPLE_DATES):
    """LetterFacts of the specimen request to `agency` (AgencyFacts), for a letter of `kind`: the facts every
    specimen shares (dated by `dates`), then the kind's own sample facts (its spec), then the outcome's (its rule)."""
    facts = LetterFacts(
        agency=agency, applicant_name="王鍾", receipt_date=dates.received, request_number="2026-0001",
        description=f"{agency.name}2025年度“三公”经费使用情况",
        applicant_address="山西省高平市米山镇米西村1号", applicant_postcode="048400",
        reply_due_date=dates.reply_due,
        correction_items="请明确所需信息的具体名称、文号或者所属年度", correction_notice_date=dates.correction_sent,
        correction_deadline=dates.correction_deadline,
        extension_reason="申请公开的信息数量较大，需要调取档案逐页审查", extension_workdays=dates.extension_workdays,
        new_due_date=dates.new_due,
        consultation_party="高平市某某建材有限公司", consultation_party_address="山西省高平市建设路88号",
        consultation_information="该公司2025年度环境影响评价报告中的生产工艺及原料配比部分",
        consultation_sent_date=dates.consultation_sent,
        fee_basis="按件计收，申请人本月第11件至第30件申请每件收取100元", fee_amount=Decimal("100.00"),
        fee_payment_due=dates.fee_payment_due,
        reasons_grounds="您在2026年2月内向本机关提出政府信息公开申请48件，其中31件申请的内容基本相同",
        reasons_notice_date=dates.reasons_sent, reasons_deadline=dates.reasons_deadline,
        delayed_due_date=dates.delayed_due,
    )
    spec = kind_spec(kind)
    facts = replace(facts, **spec.sample)
    if not spec.per_outcome:
        return facts
    sample = outcome_rule(outcome).sample
    return replace(facts, outcome=outcome, reasons=sample.reasons, form_of_provision=sample.form_of_provision,
                   legal_basis=sample.articles)


def specimens():
    """(kind, outcome) of every specimen: the worded kinds, a reply per outcome, then the forms."""
    for kind in WORDED_KINDS:
        if kind_spec(kind).per_outcome:
            yield from ((kind, outcome) for outcome in OUTCOME_CODES)
        else:
            yield kind, ""
    yield from ((kind, "") for kind in FORM_KINDS)


def specimen_content(agency, kind, outcome="", *, number=1, dates=SAMPLE_DATES):
    """The LetterContent of one worded specimen (title, text, number, date), before rendering."""
    facts = sample_facts(agency, kind, outcome, dates)
    draft = draft_from_facts(facts, kind, wording_for(agency.id, kind, outcome))
    letter_date = dates.letter_date(kind)
    return LetterContent(
        agency_name=agency.name, title=draft.title, addressee=draft.addressee, text=draft.text,
        document_number=_number(agency, kind, number, letter_date.year), letter_date=letter_date, notes=draft.notes,
        final=True,
    )


def render_specimen(agency, kind, outcome="", *, number=1, dates=SAMPLE_DATES):
    """PDF bytes of one specimen, worded with the agency's templates when it is in the database (agency.id)."""
    if kind in FORM_KINDS:
        return _render_form(agency, kind, number, dates)
    return render_content(specimen_content(agency, kind, outcome, number=number, dates=dates), invariant=True)


def _number(agency, kind, number, year):
    return format_number(agency.document_number_format, short_name=agency.short_name, kind=kind,
                         year=year, number=number)


def _render_form(agency, kind, number, dates):
    facts = sample_facts(agency, kind, dates=dates)
    served = ServedLetter(
        title="政府信息公开申请答复书", document_number=_number(agency, LetterKind.REPLY, number, dates.replied.year),
        addressee=facts.applicant_name, address=facts.applicant_address, postcode=facts.applicant_postcode,
        method=facts.delivery_method,
    )
    return render_form(kind, agency, served, invariant=True)
