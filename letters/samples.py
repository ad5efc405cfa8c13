"""Specimen letters: every kind, and the reply for every outcome, for a made-up request to a given agency.

Used by `render_letter --sample all`; nothing is saved. Dates are fixed (a request received on 2 March 2026,
letters dated 20 March 2026) so that specimens are reproducible.
"""

import datetime
from dataclasses import replace
from decimal import Decimal

from .drafting import draft_from_facts, wording_for
from .facts import LetterFacts
from .kinds import FORM_KINDS, WORDED_KINDS, LetterKind, kind_spec
from .numbering import format_number
from .outcomes import OUTCOME_CODES, outcome_rule
from .renderers import LetterContent, ServedLetter, render_content, render_form

LETTER_DATE = datetime.date(2026, 3, 20)
RECEIVED = datetime.date(2026, 3, 2)


def sample_facts(agency, kind, outcome=""):
    """LetterFacts of the specimen request to `agency` (AgencyFacts), for a letter of `kind`: the facts every
    specimen shares, then the kind's own sample facts (its spec), then the outcome's (its rule)."""
    facts = LetterFacts(
        agency=agency, applicant_name="王鍾", receipt_date=RECEIVED, request_number="2026-0001",
        description=f"{agency.name}2025年度“三公”经费使用情况",
        applicant_address="山西省高平市米山镇米西村1号", applicant_postcode="048400",
        reply_due_date=datetime.date(2026, 3, 30),
        correction_items="请明确所需信息的具体名称、文号或者所属年度", correction_notice_date=datetime.date(2026, 3, 4),
        correction_deadline=datetime.date(2026, 3, 18),
        extension_reason="申请公开的信息数量较大，需要调取档案逐页审查", extension_workdays=20,
        new_due_date=datetime.date(2026, 4, 28),
        consultation_party="高平市某某建材有限公司", consultation_party_address="山西省高平市建设路88号",
        consultation_information="该公司2025年度环境影响评价报告中的生产工艺及原料配比部分",
        consultation_sent_date=datetime.date(2026, 3, 5),
        fee_basis="按件计收，申请人本月第11件至第30件申请每件收取100元", fee_amount=Decimal("100.00"),
        fee_payment_due=datetime.date(2026, 4, 17),
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


def render_specimen(agency, kind, outcome="", *, number=1):
    """PDF bytes of one specimen, worded with the agency's templates when it is in the database (agency.id)."""
    if kind in FORM_KINDS:
        return _render_form(agency, kind, number)
    facts = sample_facts(agency, kind, outcome)
    draft = draft_from_facts(facts, kind, wording_for(agency.id, kind, outcome))
    content = LetterContent(
        agency_name=agency.name, title=draft.title, addressee=draft.addressee, text=draft.text,
        document_number=_number(agency, kind, number), letter_date=LETTER_DATE, notes=draft.notes,
        final=True,
    )
    return render_content(content, invariant=True)


def _number(agency, kind, number):
    return format_number(agency.document_number_format, short_name=agency.short_name, kind=kind,
                         year=LETTER_DATE.year, number=number)


def _render_form(agency, kind, number):
    facts = sample_facts(agency, kind)
    served = ServedLetter(
        title="政府信息公开申请答复书", document_number=_number(agency, LetterKind.REPLY, number),
        addressee=facts.applicant_name, address=facts.applicant_address, postcode=facts.applicant_postcode,
        method=facts.delivery_method,
    )
    return render_form(kind, agency, served, invariant=True)
