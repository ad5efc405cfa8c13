"""Letter kinds, reply outcomes and what each letter must contain (domain.md §5, §7).

The outcome codes are the stored values of requests_cms' Outcome; letters keeps its own list so that the dependency
points one way (requests_cms uses letters). A test checks that both lists agree.
"""

from django.db import models


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "登记回执"
    CORRECTION_NOTICE = "correction_notice", "补正告知书"
    EXTENSION_NOTICE = "extension_notice", "延期答复告知书"
    THIRD_PARTY_CONSULTATION = "third_party_consultation", "第三方征求意见书"
    AGENCY_CONSULTATION = "agency_consultation", "征求意见函"
    DISCLOSURE_OVER_OBJECTION = "disclosure_over_objection", "决定公开告知第三方书"
    FEE_NOTICE = "fee_notice", "收费通知书"
    REPLY = "reply", "答复书"
    PROOF_OF_SERVICE = "proof_of_service", "送达回证"
    ENVELOPE = "envelope", "邮寄信封"


# Forms printed on demand for a request: no template, no number, never frozen.
FORM_KINDS = (LetterKind.PROOF_OF_SERVICE, LetterKind.ENVELOPE)
WORDED_KINDS = tuple(kind for kind in LetterKind if kind not in FORM_KINDS)
CONSULTATION_KINDS = (
    LetterKind.THIRD_PARTY_CONSULTATION, LetterKind.AGENCY_CONSULTATION, LetterKind.DISCLOSURE_OVER_OBJECTION,
)

REPLY_OUTCOMES = {
    "already_public": "已主动公开，告知获取途径",
    "disclosed": "予以公开",
    "partly_disclosed": "部分公开",
    "withheld_state_secret": "不予公开：属于国家秘密",
    "withheld_by_law": "不予公开：其他法律行政法规禁止公开",
    "withheld_security": "不予公开：危及“三安全一稳定”",
    "withheld_third_party": "不予公开：保护第三方合法权益",
    "withheld_internal_affairs": "不予公开：属于三类内部事务信息",
    "withheld_process_info": "不予公开：属于四类过程性信息",
    "withheld_enforcement_file": "不予公开：属于行政执法案卷",
    "special_access_route": "属于行政查询事项",
    "not_held": "本机关不掌握相关政府信息",
    "not_this_agency": "非本机关负责公开",
    "needs_creation": "没有现成信息需要另行制作",
    "unclear_after_correction": "补正后申请内容仍不明确",
    "petition": "信访举报投诉类申请",
    "repeat": "重复申请",
    "publication": "要求提供公开出版物",
    "excessive": "无正当理由大量反复申请",
    "confirm_or_reissue": "要求确认或重新出具已获取信息",
    "correction_lapsed": "逾期不补正，不再处理",
    "fee_unpaid": "逾期未缴费，不再处理",
    "withdrawn": "申请人撤回申请",
    "other": "其他处理结果",
}

# Fully favourable replies: the applicant got everything asked for, so no remedy statement is needed (RRL-IR 17
# requires one in every reply that is not fully favourable). Every other outcome carries one.
FAVOURABLE_OUTCOMES = frozenset({"already_public", "disclosed"})
# 不予公开 and 部分公开: reconsideration must come first (RRL 23), then 15 days to sue after the decision.
RECONSIDERATION_FIRST_OUTCOMES = frozenset(
    {"partly_disclosed"} | {outcome for outcome in REPLY_OUTCOMES if outcome.startswith("withheld_")}
)
# Outcomes that provide information, so the letter must say in what form and through which channel.
PROVIDING_OUTCOMES = frozenset({"already_public", "disclosed", "partly_disclosed"})

# The word that tells the kinds apart in a document number, e.g. 高教公开〔2026〕12号 / 高教公开补〔2026〕3号.
NUMBER_WORDS = {
    LetterKind.ACKNOWLEDGEMENT: "公开登",
    LetterKind.CORRECTION_NOTICE: "公开补",
    LetterKind.EXTENSION_NOTICE: "公开延",
    LetterKind.THIRD_PARTY_CONSULTATION: "公开征",
    LetterKind.AGENCY_CONSULTATION: "公开函",
    LetterKind.DISCLOSURE_OVER_OBJECTION: "公开告",
    LetterKind.FEE_NOTICE: "公开费",
    LetterKind.REPLY: "公开",
}

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
    "consultation_party": "被征求意见方",
    "consultation_information": "拟公开的信息",
    "consultation_sent_date": "征求意见书发出日期",
    "fee_basis": "收费依据与标准",
    "fee_amount": "收费金额",
    "fee_payment_due": "缴费期限",
    "fee_clock_note": "缴费期间是否计入答复期限",
    "agency_name": "机关名称",
    "contact": "联系方式",
}

_REPLY_BASE = ("receipt_date", "request_description", "legal_basis", "reasons")
REQUIRED = {
    LetterKind.ACKNOWLEDGEMENT: ("receipt_date", "request_description", "reply_due_date"),
    LetterKind.CORRECTION_NOTICE: ("receipt_date", "request_description", "correction_items", "correction_deadline"),
    LetterKind.EXTENSION_NOTICE: ("receipt_date", "request_description", "legal_basis", "extension_reason",
                                  "new_due_date"),
    LetterKind.THIRD_PARTY_CONSULTATION: ("request_description", "consultation_information", "legal_basis"),
    LetterKind.AGENCY_CONSULTATION: ("request_description", "consultation_information", "legal_basis"),
    LetterKind.DISCLOSURE_OVER_OBJECTION: ("consultation_information", "legal_basis", "reasons",
                                           "remedy_statement"),
    LetterKind.FEE_NOTICE: ("receipt_date", "request_description", "legal_basis", "fee_basis", "fee_amount",
                            "fee_payment_due"),
}


def required_elements(kind, outcome=""):
    """The placeholders a template of this kind (and reply outcome) must keep."""
    if kind != LetterKind.REPLY:
        return REQUIRED[kind]
    elements = list(_REPLY_BASE)
    if outcome in PROVIDING_OUTCOMES:
        elements.append("form_of_provision")
    if needs_remedy_statement(outcome):
        elements.append("remedy_statement")
    if outcome == "not_this_agency":
        elements.append("right_agency")
    if outcome == "not_held":
        elements.append("search_summary")
    return tuple(elements)


def needs_remedy_statement(outcome):
    return outcome not in FAVOURABLE_OUTCOMES

