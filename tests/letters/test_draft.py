"""letter_draft writes a letter from the request's facts; the preview is marked 草稿 and has no number."""

import pytest

from letters.kinds import WORDED_KINDS, LetterKind
from letters.layout import MissingGlyphError
from letters.models import LetterState
from letters.remedies import LetterDataError
from letters.services import LetterError
from requests_cms.services.request_letters import letter_draft, letter_pdf

from .conftest import add_steps, decide, freeze
from .pdf import fonts, text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", WORDED_KINDS)
def test_every_kind_is_drafted_from_the_request_and_shows_its_facts(letter_request, handler, kind):
    request = letter_request("jyj", outcome="partly_disclosed")
    add_steps(request, handler)
    letter = letter_draft(request=request, kind=kind, by=handler)
    assert letter.state == LetterState.DRAFT
    content = text(letter_pdf(letter))
    assert "草稿" in content and "〔" not in content  # no number before approval
    assert "高平市教育局" in content
    assert "2025年度部门预算" in content
    facts = {
        LetterKind.ACKNOWLEDGEMENT: ["2026年3月2日", request.number],
        LetterKind.CORRECTION_NOTICE: ["请写明所需信息的年度", "2026年3月18日"],
        LetterKind.EXTENSION_NOTICE: ["信息量大", "20个工作日", "2026年4月1日"],
        LetterKind.THIRD_PARTY_CONSULTATION: ["某某建材有限公司：", "环评报告中的原料配比", "第三十二条"],
        LetterKind.AGENCY_CONSULTATION: ["高平市财政局：", "第三十四条"],
        LetterKind.DISCLOSURE_OVER_OBJECTION: ["某某建材有限公司：", "公共利益", "行政复议"],
        LetterKind.FEE_NOTICE: ["100.00元", "按件计收", "2026年4月1日", "非税收入收缴渠道"],
        LetterKind.REASONS_NOTICE: ["本月内已提出申请48件", "2026年3月25日", "第三十五条"],
        LetterKind.DELAY_NOTICE: ["档案分散，需逐件调取", "2026年5月3日", "2026年3月4日", "第三十五条"],
        LetterKind.REPLY: ["张伟：", "第十五条、第三十七条", "以纸质形式邮寄", "应当先自收到本答复书之日起60日内"],
    }[kind]
    for fact in facts:
        assert fact in content, fact
    assert all(embedded for _, _, embedded in fonts(letter_pdf(letter)))


def test_drafting_again_rewrites_the_open_draft_from_the_new_decision(letter_request, handler):
    request = letter_request("jyj", outcome="disclosed")
    first = letter_draft(request=request, kind=LetterKind.REPLY, by=handler)
    decide(request, "withheld_process_info", handler)
    second = letter_draft(request=request, kind=LetterKind.REPLY, by=handler)
    assert second.pk == first.pk and second.outcome == "withheld_process_info"
    assert "过程性信息" in second.text and "行政复议" in second.text


def test_a_frozen_letter_is_not_redrafted(letter_request, handler, approver):
    request = letter_request("jyj", outcome="disclosed")
    freeze(letter=letter_draft(request=request, kind=LetterKind.REPLY, by=handler), by=approver)
    with pytest.raises(LetterError, match="新版本"):
        letter_draft(request=request, kind=LetterKind.REPLY, by=handler)


def test_a_reply_needs_a_decision(letter_request, handler):
    with pytest.raises(LetterDataError, match="尚未作出答复决定"):
        letter_draft(request=letter_request("jyj"), kind=LetterKind.REPLY, by=handler)


def test_a_correction_notice_needs_the_correction_record(letter_request, handler):
    with pytest.raises(LetterDataError, match="需要补正的事项"):
        letter_draft(request=letter_request("jyj"), kind=LetterKind.CORRECTION_NOTICE, by=handler)


def test_a_name_no_face_can_print_is_refused_at_drafting(letter_request, handler):
    request = letter_request("jyj", outcome="disclosed", name="王\U00030000")
    with pytest.raises(MissingGlyphError, match="U\\+30000"):
        letter_draft(request=request, kind=LetterKind.REPLY, by=handler)


def test_a_rare_name_is_drafted_with_the_fallback_face(letter_request, handler):
    request = letter_request("jyj", outcome="disclosed", name="鍾𠈌")
    pdf = letter_pdf(letter_draft(request=request, kind=LetterKind.REPLY, by=handler))
    assert "鍾𠈌：" in text(pdf)


def test_user_text_in_the_request_prints_literally(letter_request, handler):
    request = letter_request("jyj", outcome="disclosed", description='<b>预算</b> & <font color="red">决算</font>')
    content = text(letter_pdf(letter_draft(request=request, kind=LetterKind.REPLY, by=handler)))
    assert '“<b>预算</b>&<fontcolor=‘red’>决算</font>”' in content  # inner quotes printed as ‘…’
