"""The facts a letter is written from, as plain data, and the placeholder values derived from them.

requests_cms builds them from a request and its step records (requests_cms/services/letter_facts.py);
`samples.py` makes them up for the demo organisation. Nothing here reads the database.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .kinds import PLACEHOLDERS, carries_remedy, kind_spec, letter_noun, required_elements
from .layout import format_date
from .outcomes import basis_problems, find_rule
from .remedies import LetterDataError, remedy_statement


@dataclass(frozen=True)
class AgencyFacts:
    name: str
    short_name: str = ""
    reconsideration_body: str = ""
    court: str = ""
    online_reconsideration_channel: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    disclosure_office: str = ""
    document_number_format: str = "{short_name}公开〔{year}〕{number}号"
    calendar_region: str = "national"
    id: int | None = None  # the Agency row: its own wording and letterhead; None for a made-up agency


@dataclass(frozen=True)
class LetterFacts:
    agency: AgencyFacts
    applicant_name: str
    receipt_date: datetime.date
    description: str
    request_number: str = ""
    applicant_address: str = ""
    applicant_postcode: str = ""
    delivery_online: bool = False
    delivery_method: str = "邮寄送达"
    outcome: str = ""
    legal_basis: str = ""
    reasons: str = ""
    form_of_provision: str = ""
    right_agency: str = ""
    search_summary: str = ""
    reply_due_date: datetime.date | None = None
    correction_items: str = ""
    correction_deadline: datetime.date | None = None
    correction_notice_date: datetime.date | None = None
    extension_reason: str = ""
    extension_workdays: int | None = None
    new_due_date: datetime.date | None = None
    reasons_grounds: str = ""
    reasons_notice_date: datetime.date | None = None
    reasons_deadline: datetime.date | None = None
    reasons_pause_clock: bool = True
    delay_reason: str = ""
    delayed_due_date: datetime.date | None = None
    consultation_party: str = ""
    consultation_party_address: str = ""
    consultation_information: str = ""
    consultation_sent_date: datetime.date | None = None
    fee_basis: str = ""
    fee_amount: Decimal | None = None
    fee_payment_due: datetime.date | None = None
    fee_pauses_clock: bool = True
    provisional_notes: tuple[str, ...] = field(default=())
    # The released copies of the responsive documents (区分处理后的公开件), each "《title》，共N页": the reply lists
    # them under 提供信息的形式和途径.
    released_documents: tuple[str, ...] = field(default=())


def sentence(text):
    """User text used as a sentence: trimmed, ending with a full stop."""
    text = (text or "").strip()
    if text and text[-1] not in "。！？；”）":
        text += "。"
    return text


def phrase(text):
    """User text used inside a sentence: trimmed, without a trailing full stop."""
    return (text or "").strip().rstrip("。；，,.;")


def released_list(documents):
    """The sentence naming the released copies sent with the reply (empty when there are none)."""
    if not documents:
        return ""
    return (f"随本答复书提供经区分处理的文件{len(documents)}份：" + "；".join(documents)
            + "（不予公开部分已作遮盖处理，遮盖理由及依据见所附区分处理记录）。")


def _date(value):
    return format_date(value) if value else ""


def addressee(facts, kind):
    return facts.consultation_party if kind_spec(kind).consulted else facts.applicant_name


def contact(agency):
    parts = [f"本机关政府信息公开工作机构：{agency.disclosure_office or agency.name}"]
    if agency.phone:
        parts.append(f"联系电话：{agency.phone}")
    if agency.address:
        parts.append(f"通讯地址：{agency.address}" + (f"（邮政编码：{agency.postcode}）" if agency.postcode else ""))
    return "，".join(parts) + "。"


# Fees are non-tax revenue paid through the treasury's collection channel, never in cash at the desk (domain.md §6).
FEE_PAYMENT_CHANNEL = ("通过政府非税收入收缴渠道缴纳（可凭本通知书所载金额在非税收入收缴系统或者代收银行缴款），"
                       "缴款后取得财政票据；本机关不直接收取现金")


def quoted(text):
    """The applicant's words as printed inside “…”: quotation marks within them become single ones (‘…’)."""
    text = phrase(text).replace("“", "‘").replace("”", "’").replace("「", "‘").replace("」", "’")
    parts = text.split('"')
    return "".join(part + ("‘" if i % 2 == 0 else "’") for i, part in enumerate(parts[:-1])) + parts[-1]


def placeholder_values(facts, kind, outcome="", title=""):
    """Every placeholder's text for a letter of this kind (titled `title`: a reply names itself after it);
    raises LetterDataError when a required one is empty or the legal basis breaks its outcome's rule."""
    values = _values(facts, kind, outcome)
    if carries_remedy(kind, outcome):
        values["remedy_statement"] = remedy_statement(facts.agency, outcome, online=facts.delivery_online,
                                                      noun=letter_noun(kind, title))
    missing = [PLACEHOLDERS[name] for name in required_elements(kind, outcome) if not values.get(name)]
    if missing:
        raise LetterDataError(f"无法生成{kind_spec(kind).label}：缺少{'、'.join(missing)}")
    if kind_spec(kind).per_outcome and (problems := basis_problems(outcome, values["legal_basis"])):
        raise LetterDataError(f"无法生成{kind_spec(kind).label}：{'；'.join(problems)}")
    return values


def _values(facts, kind, outcome):
    rule = find_rule(outcome)
    legal_basis = facts.legal_basis or kind_spec(kind).legal_basis or (rule.articles if rule else "")
    return {
        "applicant_name": facts.applicant_name,
        "request_number": facts.request_number,
        "receipt_date": _date(facts.receipt_date),
        "request_description": quoted(facts.description),
        "legal_basis": phrase(legal_basis),
        "reasons": sentence(facts.reasons or (rule.event_reason if rule else "")),
        "form_of_provision": sentence(facts.form_of_provision) + released_list(facts.released_documents),
        "remedy_statement": "",
        "right_agency": phrase(facts.right_agency),
        "search_summary": sentence(facts.search_summary),
        "reply_due_date": _date(facts.reply_due_date),
        "correction_items": sentence(facts.correction_items),
        "correction_deadline": _date(facts.correction_deadline),
        "correction_notice_date": _date(facts.correction_notice_date),
        "extension_reason": phrase(facts.extension_reason),
        "extension_workdays": str(facts.extension_workdays or ""),
        "new_due_date": _date(facts.new_due_date),
        "reasons_grounds": sentence(facts.reasons_grounds),
        "reasons_notice_date": _date(facts.reasons_notice_date),
        "reasons_deadline": _date(facts.reasons_deadline),
        "reasons_clock_note": "说明理由期间不计算在答复期限内。" if facts.reasons_pause_clock else "",
        "delay_reason": sentence(facts.delay_reason),
        "delayed_due_date": _date(facts.delayed_due_date),
        "consultation_party": facts.consultation_party,
        "consultation_information": sentence(facts.consultation_information),
        "consultation_sent_date": _date(facts.consultation_sent_date),
        "fee_basis": phrase(facts.fee_basis),
        "fee_amount": f"{facts.fee_amount:,.2f}" if facts.fee_amount is not None else "",
        "fee_payment_due": _date(facts.fee_payment_due),
        "fee_clock_note": "缴费期间不计算在答复期限内。" if facts.fee_pauses_clock else "",
        "fee_payment_channel": FEE_PAYMENT_CHANNEL,
        "agency_name": facts.agency.name,
        "contact": contact(facts.agency),
    }
