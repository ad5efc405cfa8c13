"""Letter kinds (domain.md §7): one spec per kind, with everything about it, in the order the lists show them.

`LetterKind` (the stored values and labels) is built from `KIND_SPECS`; numbering reads the number word, drafting the
required elements, legal basis and addressee, the renderers whether it is a fixed form, requests_cms the stage that
issues it (the case file files it there) and the date it prints from workday arithmetic. A new kind is a new spec
here, its wording file `templates/letters/defaults/<code>.txt`, and the facts it needs (a field of `LetterFacts`,
filled by requests_cms/services/letter_facts.py).
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import models

from .outcomes import REG, find_rule


class Stage(StrEnum):
    """The stage of the procedure whose step issues a letter; the case file has a section of the same name."""

    REGISTRATION = "registration"
    CORRECTION = "correction"
    EXTENSION = "extension"
    REASONS = "reasons"  # REG 35: reasons asked for, a delayed reply period
    CONSULTATION = "consultation"
    FEE = "fee"
    REPLY = "reply"
    DELIVERY = "delivery"


class Clock(StrEnum):
    """A period that counts from a notice's recorded sending or receipt (requests_cms/services/notices.py applies
    it when the notice's delivery is recorded); the label names it in the case page's warning."""

    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    FEE = "fee"

    @property
    def label(self):
        return CLOCK_LABELS[self]


CLOCK_LABELS = {
    Clock.CORRECTION: "补正期限自本告知书发出之日起计算，答复期限自收到补正后的申请之日起重新计算",
    Clock.EXTENSION: "延期须在原答复期限届满前告知申请人（条例第三十三条）",
    Clock.CONSULTATION: "对方的15个工作日答复期限自收到征求意见书之日起计算，征求意见期间自发出之日起不计入答复期限",
    Clock.FEE: "缴费期限自申请人收到本通知书之日起计算，缴费期间自发出之日起不计入答复期限",
}


class Addressee(StrEnum):
    APPLICANT = "applicant"
    THIRD_PARTY = "third_party"  # a third party whose interests the information touches (REG 32)
    CO_PRODUCER = "co_producer"  # an agency that made the information together with this one (REG 34)


@dataclass(frozen=True)
class CountedDate:
    """A date the letter prints that comes from workday arithmetic: its label, and the LetterFacts fields holding the
    date and the day the count starts from (a note says when it rests on a year without an official calendar)."""

    label: str
    field: str
    start: str


@dataclass(frozen=True)
class KindSpec:
    code: str  # the stored value
    label: str
    stage: Stage
    number_word: str = ""  # tells the kinds apart in a document number: 高教公开补〔2026〕3号; forms have none
    required: tuple[str, ...] = ()  # placeholders its wording must keep (a reply adds its outcome's)
    legal_basis: str = ""  # cited unless the facts carry one; a reply cites its outcome's articles
    addressee: Addressee = Addressee.APPLICANT
    form: bool = False  # a fixed form printed on demand (送达回证, envelope): no wording, no number, never frozen
    counted_date: CountedDate | None = None
    states_decision: bool = False  # its reasons (form of provision, right agency) are the current decision's
    remedy_noun: str = ""  # carries the remedy statement, naming itself so (本答复书, 本决定); a reply names itself
    # after its title (a 告知书 is 本告知书, never 本答复书: letter_noun)
    per_outcome: bool = False  # wording and required elements per reply outcome (letters/outcomes.py)
    sample: dict = field(default_factory=dict, hash=False)  # LetterFacts fields its specimen sets (samples.py)
    # A notice: the step (an EventAction value of requests_cms) whose service drafts it from the step's own data;
    # it is issued (numbered, frozen) on its own and delivered like the reply (requests_cms/services/notices.py).
    drafted_at: str = ""
    needs_approver: bool = False  # issuing always needs the approver (else: the agency's setting decides)
    clock: Clock | None = None  # the period that waits for it to go out (the case page warns until it has)

    @property
    def consulted(self):
        """Addressed to a consulted party rather than the applicant."""
        return self.addressee is not Addressee.APPLICANT


_RECEIPT = ("receipt_date", "request_description")
_CONSULTATION = ("request_description", "consultation_information", "legal_basis")

KIND_SPECS = (
    KindSpec(
        "acknowledgement", "登记回执", Stage.REGISTRATION, number_word="公开登",
        required=(*_RECEIPT, "reply_due_date"),
        counted_date=CountedDate("答复期限", "reply_due_date", "receipt_date"),
    ),
    KindSpec(
        "correction_notice", "补正告知书", Stage.CORRECTION, number_word="公开补",
        required=(*_RECEIPT, "correction_items", "correction_deadline"),
        counted_date=CountedDate("补正期限", "correction_deadline", "correction_notice_date"),
        drafted_at="request_correction", clock=Clock.CORRECTION,
    ),
    KindSpec(
        "extension_notice", "延期答复告知书", Stage.EXTENSION, number_word="公开延",
        required=(*_RECEIPT, "legal_basis", "extension_reason", "new_due_date"),
        legal_basis=f"{REG}第三十三条第二款",
        counted_date=CountedDate("延长后的答复期限", "new_due_date", "receipt_date"),
        drafted_at="extend", needs_approver=True, clock=Clock.EXTENSION,  # REG 33: approved by the office's head
    ),
    KindSpec(
        "reasons_notice", "说明理由告知书", Stage.REASONS, number_word="公开理",
        required=(*_RECEIPT, "legal_basis", "reasons_grounds", "reasons_deadline"),
        legal_basis=f"{REG}第三十五条",
        counted_date=CountedDate("说明理由期限", "reasons_deadline", "reasons_notice_date"),
    ),
    KindSpec(
        "delay_notice", "延迟答复告知书", Stage.REASONS, number_word="公开迟",
        required=(*_RECEIPT, "legal_basis", "reasons_notice_date", "delay_reason", "delayed_due_date"),
        legal_basis=f"{REG}第三十五条",
        sample={"delay_reason": "您申请的48件信息分散于2015年以来的纸质档案，需逐件调取、审查。"},
    ),
    KindSpec(
        "third_party_consultation", "第三方征求意见书", Stage.CONSULTATION, number_word="公开征",
        required=_CONSULTATION, legal_basis=f"{REG}第三十二条", addressee=Addressee.THIRD_PARTY,
        drafted_at="start_consultation", clock=Clock.CONSULTATION,
    ),
    KindSpec(
        "agency_consultation", "征求意见函", Stage.CONSULTATION, number_word="公开函",
        required=_CONSULTATION, legal_basis=f"{REG}第三十四条", addressee=Addressee.CO_PRODUCER,
        drafted_at="start_consultation", clock=Clock.CONSULTATION,
    ),
    KindSpec(
        "disclosure_over_objection", "决定公开告知第三方书", Stage.CONSULTATION, number_word="公开告",
        required=("consultation_information", "legal_basis", "reasons"), legal_basis=f"{REG}第三十二条",
        addressee=Addressee.THIRD_PARTY, states_decision=True, remedy_noun="本决定",
        sample={"reasons": "该信息涉及周边居民的环境安全，公开有利于维护重大公共利益。"},
        drafted_at="decide",  # to each third party that objected, when the decision discloses (REG 32)
    ),
    KindSpec(
        "fee_notice", "收费通知书", Stage.FEE, number_word="公开费",
        required=(*_RECEIPT, "legal_basis", "fee_basis", "fee_amount", "fee_payment_due", "fee_payment_channel"),
        legal_basis=f"{REG}第四十二条、《政府信息公开信息处理费管理办法》",
        counted_date=CountedDate("缴费期限", "fee_payment_due", "receipt_date"),
        drafted_at="issue_fee_notice", clock=Clock.FEE,
    ),
    KindSpec(
        "reply", "答复书", Stage.REPLY, number_word="公开",
        required=(*_RECEIPT, "legal_basis", "reasons"),
        states_decision=True, remedy_noun="本答复书", per_outcome=True,
        sample={
            "right_agency": "高平市财政局（联系电话：0356-5222001）",
            "search_summary": "2026年3月10日，本机关在公文管理系统和档案室纸质档案中以“三公经费”为关键词进行了检索，"
                              "未找到相关信息。",
        },
    ),
    KindSpec("proof_of_service", "送达回证", Stage.DELIVERY, form=True),
    KindSpec("envelope", "邮寄信封", Stage.DELIVERY, form=True),
)

LetterKind = models.TextChoices(
    "LetterKind", [(spec.code.upper(), (spec.code, spec.label)) for spec in KIND_SPECS], module=__name__,
)
_BY_CODE = {spec.code: spec for spec in KIND_SPECS}
NOTICE_KINDS = tuple(LetterKind(spec.code) for spec in KIND_SPECS if spec.drafted_at)
FORM_KINDS = tuple(LetterKind(spec.code) for spec in KIND_SPECS if spec.form)
WORDED_KINDS = tuple(LetterKind(spec.code) for spec in KIND_SPECS if not spec.form)


def kind_spec(code):
    """The spec of a letter kind; LookupError naming the code when there is none."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise LookupError(f"未知的文书种类：{code!r}") from None


def find_kind(code):
    return _BY_CODE.get(code)


def drafted_at(step):
    """The specs of the notices the step `step` drafts."""
    return tuple(spec for spec in KIND_SPECS if spec.drafted_at == str(step))


# Placeholders a template may use, with the Chinese name used in validation messages.
PLACEHOLDERS = {
    "applicant_name": "申请人姓名或名称",
    "request_number": "申请编号",
    "receipt_date": "收到申请日期",
    "request_description": "申请内容",
    "legal_basis": "法律依据",
    "reasons": "理由",
    "form_of_provision": "提供信息的形式和途径",
    "remedy_statement": "救济途径告知",
    "right_agency": "负责公开的机关",
    "search_summary": "检索情况",
    "reply_due_date": "答复期限",
    "correction_items": "需要补正的事项",
    "correction_deadline": "补正期限",
    "correction_notice_date": "补正告知书发出日期",
    "extension_reason": "延期理由",
    "extension_workdays": "延长的工作日数",
    "new_due_date": "延长后的答复期限",
    "reasons_grounds": "申请数量、频次明显超过合理范围的情况",
    "reasons_notice_date": "说明理由告知书发出日期",
    "reasons_deadline": "说明理由期限",
    "reasons_clock_note": "说明理由期间是否计入答复期限",
    "delay_reason": "无法在法定期限内答复的理由",
    "delayed_due_date": "延迟答复期限",
    "consultation_party": "被征求意见方",
    "consultation_information": "拟公开的信息",
    "consultation_sent_date": "征求意见书发出日期",
    "fee_basis": "收费依据与标准",
    "fee_amount": "收费金额",
    "fee_payment_due": "缴费期限",
    "fee_clock_note": "缴费期间是否计入答复期限",
    "fee_payment_channel": "缴费渠道（非税收入收缴渠道）",
    "agency_name": "机关名称",
    "contact": "联系方式",
}


def carries_remedy(kind, outcome=""):
    """Whether a letter of this kind must print the remedy statement: every reply, favourable ones included, and
    every notice that ends or refuses the request (domain.md §7; `outcome` is kept for the callers' symmetry)."""
    return bool(kind_spec(kind).remedy_noun)


_DOCUMENT_WORD = re.compile(r"(答复书|告知书|通知书|决定书|确认书|征询书|意见书|函)$")


def letter_noun(kind, title=""):
    """How the letter names itself in its remedy statement: a reply after the word its title ends with (本告知书,
    本答复书…), any other kind by its spec; a reply whose title ends otherwise is 本答复书."""
    spec = kind_spec(kind)
    if spec.per_outcome and (match := _DOCUMENT_WORD.search((title or "").strip())):
        return "本" + match.group(1)
    return spec.remedy_noun


def required_elements(kind, outcome=""):
    """The placeholders a template of this kind (and reply outcome) must keep."""
    spec = kind_spec(kind)
    rule = find_rule(outcome) if spec.per_outcome else None
    elements = list(spec.required)
    if rule is not None and not rule.cites_articles:
        elements.remove("legal_basis")
    if rule is not None and rule.provides_information:
        elements.append("form_of_provision")
    if carries_remedy(kind, outcome):
        elements.append("remedy_statement")
    if rule is not None:
        elements.extend(fact.element for fact in rule.requires)
    return tuple(dict.fromkeys(elements))
