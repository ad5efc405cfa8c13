"""The facts a letter is written from, as plain data, and the placeholder values derived from them.

`collect.py` reads them from a request in the database; `samples.py` makes them up for the demo organisation.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from .kinds import CONSULTATION_KINDS, PLACEHOLDERS, LetterKind, needs_remedy_statement, required_elements
from .layout import format_date
from .remedies import LetterDataError, remedy_statement

DEFAULT_LEGAL_BASIS = {
    "already_public": "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
    "disclosed": "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
    "partly_disclosed": "《中华人民共和国政府信息公开条例》第三十七条",
    "withheld_state_secret": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "withheld_by_law": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "withheld_security": "《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项",
    "withheld_third_party": "《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    "withheld_internal_affairs": "《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    "withheld_process_info": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "withheld_enforcement_file": "《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    "special_access_route": "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
    "not_held": "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
    "not_this_agency": "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
    "needs_creation": "《中华人民共和国政府信息公开条例》第三十八条",
    "unclear_after_correction": "《中华人民共和国政府信息公开条例》第三十条",
    "petition": "《中华人民共和国政府信息公开条例》第三十九条第一款",
    "repeat": "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
    "publication": "《中华人民共和国政府信息公开条例》第三十九条第二款",
    "excessive": "《中华人民共和国政府信息公开条例》第三十五条",
    "confirm_or_reissue": "《中华人民共和国政府信息公开条例》第三十九条",
    "correction_lapsed": "《中华人民共和国政府信息公开条例》第三十条",
    "fee_unpaid": "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》",
    "withdrawn": "《中华人民共和国政府信息公开条例》第三十三条",
    "other": "《中华人民共和国政府信息公开条例》",
}
KIND_LEGAL_BASIS = {
    LetterKind.EXTENSION_NOTICE: "《中华人民共和国政府信息公开条例》第三十三条第二款",
    LetterKind.THIRD_PARTY_CONSULTATION: "《中华人民共和国政府信息公开条例》第三十二条",
    LetterKind.AGENCY_CONSULTATION: "《中华人民共和国政府信息公开条例》第三十四条",
    LetterKind.DISCLOSURE_OVER_OBJECTION: "《中华人民共和国政府信息公开条例》第三十二条",
    LetterKind.FEE_NOTICE: "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》",
}
# Reasons for the outcomes that arise from events rather than from a handler's decision.
EVENT_REASONS = {
    "correction_lapsed": "您在补正期限内无正当理由未作出补正，视为放弃申请。",
    "fee_unpaid": "您在缴费期限内未缴纳信息处理费，视为放弃申请。",
    "withdrawn": "您已撤回该政府信息公开申请。",
}


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

    @classmethod
    def of(cls, agency):
        """From an Agency (saved or not): its effective reconsideration body, court and contact data."""
        return cls(
            name=agency.name, short_name=agency.short_name, reconsideration_body=agency.effective_reconsideration_body,
            court=agency.court, online_reconsideration_channel=agency.online_reconsideration_channel,
            address=agency.address, postcode=agency.postcode, phone=agency.phone,
            disclosure_office=agency.disclosure_office, document_number_format=agency.document_number_format,
            calendar_region=agency.calendar_region,
        )


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
    consultation_party: str = ""
    consultation_party_address: str = ""
    consultation_information: str = ""
    consultation_sent_date: datetime.date | None = None
    fee_basis: str = ""
    fee_amount: Decimal | None = None
    fee_payment_due: datetime.date | None = None
    fee_pauses_clock: bool = True
    provisional_notes: tuple[str, ...] = field(default=())


def sentence(text):
    """User text used as a sentence: trimmed, ending with a full stop."""
    text = (text or "").strip()
    if text and text[-1] not in "。！？；”）":
        text += "。"
    return text


def phrase(text):
    """User text used inside a sentence: trimmed, without a trailing full stop."""
    return (text or "").strip().rstrip("。；，,.;")


def _date(value):
    return format_date(value) if value else ""


def addressee(facts, kind):
    return facts.consultation_party if kind in CONSULTATION_KINDS else facts.applicant_name


def contact(agency):
    parts = [f"本机关政府信息公开工作机构：{agency.disclosure_office or agency.name}"]
    if agency.phone:
        parts.append(f"联系电话：{agency.phone}")
    if agency.address:
        parts.append(f"通讯地址：{agency.address}" + (f"（邮政编码：{agency.postcode}）" if agency.postcode else ""))
    return "，".join(parts) + "。"


def placeholder_values(facts, kind, outcome=""):
    """Every placeholder's text for a letter of this kind; raises LetterDataError when a required one is empty."""
    values = _values(facts, kind, outcome)
    if kind == LetterKind.DISCLOSURE_OVER_OBJECTION or kind == LetterKind.REPLY and needs_remedy_statement(outcome):
        noun = "本决定" if kind == LetterKind.DISCLOSURE_OVER_OBJECTION else "本答复书"
        values["remedy_statement"] = remedy_statement(facts.agency, outcome, online=facts.delivery_online, noun=noun)
    missing = [PLACEHOLDERS[name] for name in required_elements(kind, outcome) if not values.get(name)]
    if missing:
        raise LetterDataError(f"无法生成{LetterKind(kind).label}：缺少{'、'.join(missing)}")
    return values


def _values(facts, kind, outcome):
    legal_basis = facts.legal_basis or KIND_LEGAL_BASIS.get(kind) or DEFAULT_LEGAL_BASIS.get(outcome, "")
    return {
        "applicant_name": facts.applicant_name,
        "request_number": facts.request_number,
        "receipt_date": _date(facts.receipt_date),
        "request_description": phrase(facts.description),
        "legal_basis": phrase(legal_basis),
        "reasons": sentence(facts.reasons or EVENT_REASONS.get(outcome, "")),
        "form_of_provision": sentence(facts.form_of_provision),
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
        "consultation_party": facts.consultation_party,
        "consultation_information": sentence(facts.consultation_information),
        "consultation_sent_date": _date(facts.consultation_sent_date),
        "fee_basis": phrase(facts.fee_basis),
        "fee_amount": f"{facts.fee_amount:,.2f}" if facts.fee_amount is not None else "",
        "fee_payment_due": _date(facts.fee_payment_due),
        "fee_clock_note": "缴费期间不计算在答复期限内。" if facts.fee_pauses_clock else "",
        "agency_name": facts.agency.name,
        "contact": contact(facts.agency),
    }
