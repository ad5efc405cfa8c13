"""The wording rules of the letters (domain.md §5, §7), tested on the rules themselves and on every specimen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from letters.drafting import draft_from_facts
from letters.facts import AgencyFacts, placeholder_values, quoted
from letters.kinds import WORDED_KINDS, LetterKind, carries_remedy, kind_spec, required_elements
from letters.outcomes import OUTCOME_CODES, REG, basis_problems, decidable_rules, outcome_rule
from letters.remedies import LetterDataError
from letters.samples import sample_facts, specimens
from letters.templating import default_wording, template_problems
from requests_cms.forms.actions import OpinionForm
from requests_cms.reports.labels import outcome_row
from requests_cms.services import decision, handling
from requests_cms.services.errors import WorkflowError

AGENCY = AgencyFacts(name="高平市教育局", short_name="高教", reconsideration_body="高平市人民政府",
                     court="高平市人民法院")
REPLIES = [outcome for kind, outcome in specimens() if kind == LetterKind.REPLY]


def draft(kind, outcome="", **facts):
    from dataclasses import replace

    return draft_from_facts(replace(sample_facts(AGENCY, kind, outcome), **facts), kind,
                            default_wording(kind, outcome))


def reply(outcome, **facts):
    return draft(LetterKind.REPLY, outcome, **facts)


# --- A. not_government_information ---------------------------------------------------------------------------

def test_not_government_information_is_a_decidable_outcome_counted_in_other_handling():
    rule = outcome_rule("not_government_information")
    assert rule.label == "不属于政府信息" and rule in decidable_rules()
    assert outcome_row("not_government_information") == "六.3"
    assert rule.articles == f"{REG}第二条"


def test_the_not_government_information_letter_is_a_notice_citing_article_2_with_the_remedy():
    letter = reply("not_government_information")
    assert letter.title.endswith("告知书")
    assert "第二条" in letter.text and "不属于《中华人民共和国政府信息公开条例》所称的政府信息" in letter.text
    assert "村民委员会" in letter.text
    assert "如对本告知书不服" in letter.text and "答复书" not in letter.text


# --- B. wording rules --------------------------------------------------------------------------------------

def test_partly_disclosed_needs_the_exemption_article_next_to_article_37():
    assert basis_problems("partly_disclosed", f"{REG}第三十七条") == [
        "部分公开须同时写明对不予公开部分所适用的条款（条例第十四条、第十五条或者第十六条）"]
    assert len(basis_problems("partly_disclosed", f"{REG}第十五条")) == 1  # 37 itself is missing
    assert basis_problems("partly_disclosed", f"{REG}第十六条第二款、第三十七条") == []
    letter = reply("partly_disclosed")
    assert "第十五条、第三十七条" in letter.text
    with pytest.raises(LetterDataError, match="第十四条、第十五条或者第十六条"):
        reply("partly_disclosed", legal_basis=f"{REG}第三十七条")


def test_other_cannot_be_printed_without_typed_reasons_and_an_article():
    assert basis_problems("other", "") == ["请填写所依据的法律条款"]
    assert basis_problems("other", REG) == ["须写明所依据的具体条款（第×条）"]
    assert basis_problems("other", "《中华人民共和国档案法》第二十八条") == []
    with pytest.raises(LetterDataError, match="具体条款"):
        reply("other", legal_basis=REG)
    with pytest.raises(LetterDataError, match="理由"):
        reply("other", reasons="")
    assert "other" not in OpinionForm.default_articles()["articles"]  # never offered: typed by the handler


def test_the_withdrawal_letter_is_a_plain_confirmation_citing_no_article():
    letter = reply("withdrawn")
    assert "第三十三条" not in letter.text and "根据" not in letter.text and "规定" not in letter.text
    assert "终止办理" in letter.text and "您已撤回该政府信息公开申请" in letter.text
    assert "legal_basis" not in required_elements(LetterKind.REPLY, "withdrawn")
    assert outcome_rule("withdrawn").articles == ""


def test_confirm_or_reissue_does_not_cite_article_39_but_article_2():
    letter = reply("confirm_or_reissue")
    assert "第三十九条" not in letter.text and "第二条" in letter.text
    assert basis_problems("confirm_or_reissue", f"{REG}第三十九条")
    with pytest.raises(LetterDataError, match="不适用条例第三十九条"):
        reply("confirm_or_reissue", legal_basis=f"{REG}第三十九条")


@pytest.mark.parametrize("basis, accepted", [
    (f"{REG}第三十六条第（七）项", False),
    (f"{REG}第三十六条第（七）项、《不动产登记资料查询暂行办法》第四条", False),  # a ministerial rule
    (f"{REG}第三十六条第（七）项、《不动产登记暂行条例》第二十七条", True),  # an administrative regulation
    (f"{REG}第三十六条第（七）项、《中华人民共和国档案法》第二十八条", True),  # a law
])
def test_a_special_access_route_cites_the_law_or_administrative_regulation_that_sets_it(basis, accepted):
    assert (basis_problems("special_access_route", basis) == []) is accepted


def test_the_special_access_route_specimen_cites_an_administrative_regulation():
    letter = reply("special_access_route")
    assert "《不动产登记暂行条例》第二十七条" in letter.text and "办法" not in letter.text


@pytest.mark.parametrize("outcome", REPLIES)
def test_a_notice_never_calls_itself_a_reply(outcome):
    letter = reply(outcome)
    if letter.title.endswith("告知书"):
        assert "答复书" not in letter.text
        assert "本告知书" in letter.remedy_statement


def test_a_template_titled_notice_that_says_reply_is_refused():
    wording = default_wording(LetterKind.REPLY, "not_held")
    problems = template_problems(LetterKind.REPLY, "not_held", wording.title, wording.body + "本答复书。")
    assert problems == ["告知书的正文不能自称“答复书”"]


@pytest.mark.parametrize("description, printed", [
    ("2025年度“三公”经费", "2025年度‘三公’经费"),
    ('关于"河东村"征地的批复', "关于‘河东村’征地的批复"),
    ("「一事一议」资金", "‘一事一议’资金"),
])
def test_quotation_marks_inside_the_quoted_request_become_single(description, printed):
    assert quoted(description) == printed
    letter = reply("not_held", description=description)
    assert f"“{printed}”" in letter.text


@pytest.mark.parametrize("outcome", REPLIES)
def test_every_reply_carries_the_remedy_statement_favourable_ones_included(outcome):
    letter = reply(outcome)
    assert letter.remedy_statement and letter.remedy_statement in letter.text
    assert "60日内向高平市人民政府申请行政复议" in letter.text


def test_the_notices_that_end_or_refuse_carry_the_remedy_and_the_others_do_not():
    carrying = {kind for kind in WORDED_KINDS if carries_remedy(kind)}
    assert carrying == {LetterKind.REPLY, LetterKind.DISCLOSURE_OVER_OBJECTION}
    assert "行政复议" in draft(LetterKind.DISCLOSURE_OVER_OBJECTION).text


def test_the_fee_notice_sends_the_applicant_to_the_treasury_collection_channel():
    text = draft(LetterKind.FEE_NOTICE).text
    assert "非税收入收缴渠道" in text and "财政票据" in text
    assert "到本机关政府信息公开工作机构办理缴费" not in text
    assert "fee_payment_channel" in required_elements(LetterKind.FEE_NOTICE)
    assert "fee_payment_channel" in kind_spec(LetterKind.FEE_NOTICE).required


def test_the_publication_letter_names_where_it_can_be_obtained():
    letter = reply("publication")
    assert "高平市图书馆" in letter.text and "新华书店" in letter.text
    assert "form_of_provision" in required_elements(LetterKind.REPLY, "publication")
    with pytest.raises(LetterDataError, match="提供信息的形式和途径"):
        reply("publication", form_of_provision="")


@pytest.mark.parametrize("outcome", OUTCOME_CODES)
def test_every_reply_specimen_passes_its_own_basis_rule(outcome):
    facts = sample_facts(AGENCY, LetterKind.REPLY, outcome)
    values = placeholder_values(facts, LetterKind.REPLY, outcome)
    assert basis_problems(outcome, values["legal_basis"]) == []


# --- the rules applied where the handler decides -------------------------------------------------------------

@pytest.fixture
def accepted(make_request, staff):
    req = make_request(received=timezone.localdate() - timedelta(days=3))
    return handling.request_accept(request=req, by=staff["registrar"])


def propose(req, staff, outcome, articles, **extra):
    return decision.opinion_propose(request=req, by=staff["handler"], outcome=outcome, articles=articles,
                                    reasons=extra.pop("reasons", "经审查，理由如下"), **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("outcome, articles, message", [
    ("partly_disclosed", f"{REG}第三十七条", "第十四条、第十五条或者第十六条"),
    ("other", REG, "具体条款"),
    ("confirm_or_reissue", f"{REG}第三十九条", "不适用条例第三十九条"),
    ("special_access_route", f"{REG}第三十六条第（七）项", "法律或者行政法规"),
])
def test_the_opinion_is_refused_when_its_basis_breaks_the_outcomes_rule(accepted, staff, outcome, articles, message):
    with pytest.raises(WorkflowError, match=message):
        propose(accepted, staff, outcome, articles, form_of_provision="纸质邮寄")
    accepted.refresh_from_db()
    assert accepted.state == "accepted" and not accepted.decisions.exists()


@pytest.mark.django_db
def test_a_publication_opinion_must_say_where_to_obtain_it(accepted, staff):
    with pytest.raises(WorkflowError, match="获取方式"):
        propose(accepted, staff, "publication", f"{REG}第三十九条第二款")
    req = propose(accepted, staff, "publication", f"{REG}第三十九条第二款", form_of_provision="高平市图书馆")
    assert req.state == "opinion_proposed"


@pytest.mark.django_db
def test_the_opinion_form_names_the_basis_problem_and_keeps_what_was_typed():
    data = {"expected_version": "1", "outcome": "partly_disclosed", "articles": f"{REG}第三十七条",
            "reasons": "含个人隐私", "form_of_provision": "纸质邮寄"}
    form = OpinionForm(data=data)
    assert not form.is_valid()
    assert "第十四条、第十五条或者第十六条" in form.errors["articles"][0]
    assert form["articles"].value() == f"{REG}第三十七条"
    assert OpinionForm(data={**data, "articles": f"{REG}第十五条、第三十七条"}).is_valid()
