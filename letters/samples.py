"""Specimen letters: every kind, and the reply for every outcome, for a made-up request to a given agency.

Used by `render_letter --sample all`; nothing is saved. Dates are fixed (a request received on 2 March 2026,
letters dated 20 March 2026) so that specimens are reproducible.
"""

import datetime
from dataclasses import replace
from decimal import Decimal

from .drafting import draft_from_facts, wording_for
from .facts import LetterFacts
from .kinds import FORM_KINDS, REPLY_OUTCOMES, WORDED_KINDS, LetterKind
from .numbering import format_number
from .renderers import EnvelopeRenderer, LetterContent, ProofOfServiceRenderer, ServedLetter, render_content

LETTER_DATE = datetime.date(2026, 3, 20)
RECEIVED = datetime.date(2026, 3, 2)
SAMPLE_REASONS = {
    "already_public": "您申请获取的信息属于本机关应当主动公开的政府信息。",
    "disclosed": "您申请获取的信息属于本机关在履行行政管理职能过程中制作的政府信息。",
    "partly_disclosed": "您申请获取的信息中含有个人身份证号码、联系电话等个人隐私，本机关已作区分处理。",
    "withheld_state_secret": "该信息已由定密责任人确定为秘密级国家秘密。",
    "withheld_by_law": "该信息属于《中华人民共和国统计法》规定不得对外提供的单项调查资料。",
    "withheld_security": "该信息涉及重要设施的具体位置和安全防范措施。",
    "withheld_third_party": "该信息涉及第三方商业秘密，第三方不同意公开，且不公开不会对公共利益造成重大影响。",
    "withheld_internal_affairs": "该信息为本机关内部考勤和车辆使用管理记录。",
    "withheld_process_info": "该信息为本机关党组会议讨论记录。",
    "withheld_enforcement_file": "该信息为行政处罚案件的调查笔录。",
    "special_access_route": "不动产登记资料的查询应当依照《不动产登记资料查询暂行办法》的规定办理。",
    "not_held": "本机关未制作或者获取过该信息。",
    "not_this_agency": "部门预算的汇总编制由财政部门负责。",
    "needs_creation": "您要求按乡镇汇总统计的数据需要本机关另行加工分析。",
    "unclear_after_correction": "补正后的申请仍未写明所需信息的名称、文号或者其他特征性描述。",
    "petition": "您反映的问题属于对学校收费行为的投诉。",
    "repeat": "本机关已于2026年1月15日就相同内容的申请作出答复。",
    "publication": "您申请获取的是已公开出版的《高平年鉴》。",
    "excessive": "您在本月内提出的申请达60件，所说明的理由不能证明该数量、频次的合理性。",
    "confirm_or_reissue": "您要求本机关对已获取的文件加盖印章予以确认。",
    "other": "您的申请已按相关规定处理。",
}
FORMS = {
    "already_public": "该信息已在高平市人民政府门户网站“政府信息公开”栏目公开，您可登录查阅。",
    "disclosed": "以纸质形式随本答复书一并邮寄，共计12页。",
    "partly_disclosed": "对可以公开的部分以纸质形式随本答复书一并邮寄，共计8页。",
}


def sample_facts(agency, kind, outcome=""):
    """LetterFacts of the specimen request to `agency` (AgencyFacts), for a letter of `kind`."""
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
    if kind == LetterKind.DISCLOSURE_OVER_OBJECTION:
        return replace(facts, reasons="该信息涉及周边居民的环境安全，公开有利于维护重大公共利益。")
    if kind != LetterKind.REPLY:
        return facts
    return replace(
        facts, outcome=outcome, reasons=SAMPLE_REASONS.get(outcome, ""),
        form_of_provision=FORMS.get(outcome, ""), right_agency="高平市财政局（联系电话：0356-5222001）",
        search_summary="2026年3月10日，本机关在公文管理系统和档案室纸质档案中以“三公经费”为关键词进行了检索，"
                       "未找到相关信息。",
    )


def specimens():
    """(kind, outcome) of every specimen: the worded kinds, a reply per outcome, then the forms."""
    for kind in WORDED_KINDS:
        if kind == LetterKind.REPLY:
            yield from ((kind, outcome) for outcome in REPLY_OUTCOMES)
        else:
            yield kind, ""
    yield from ((kind, "") for kind in FORM_KINDS)


def render_specimen(agency, kind, outcome="", *, agency_id=None, number=1):
    """PDF bytes of one specimen, worded with the agency's templates when it is in the database."""
    if kind in FORM_KINDS:
        return _render_form(agency, kind, number)
    facts = sample_facts(agency, kind, outcome)
    draft = draft_from_facts(facts, kind, wording_for(agency_id, kind, outcome))
    content = LetterContent(
        kind=kind, agency_name=agency.name, title=draft.title, addressee=draft.addressee, text=draft.text,
        outcome=outcome, document_number=_number(agency, kind, number), letter_date=LETTER_DATE, notes=draft.notes,
        final=True,
    )
    return render_content(content, invariant=True)


def _number(agency, kind, number):
    return format_number(agency.document_number_format, short_name=agency.short_name, kind=kind,
                         year=LETTER_DATE.year, number=number)


def _render_form(agency, kind, number):
    facts = sample_facts(agency, LetterKind.REPLY, "disclosed")
    served = ServedLetter(
        title="政府信息公开申请答复书", document_number=_number(agency, LetterKind.REPLY, number),
        addressee=facts.applicant_name, address=facts.applicant_address, postcode=facts.applicant_postcode,
        method=facts.delivery_method,
    )
    if kind == LetterKind.PROOF_OF_SERVICE:
        return ProofOfServiceRenderer(agency.name, served).render(invariant=True)
    return EnvelopeRenderer(agency, served).render(invariant=True)
