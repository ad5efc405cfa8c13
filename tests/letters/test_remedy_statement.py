"""The remedy clause per outcome and agency level, as printed in the reply (domain.md §7)."""

import pytest

from letters.drafting import wording_for
from letters.facts import AgencyFacts
from letters.kinds import LetterKind, letter_noun
from letters.outcomes import OUTCOME_CODES, reconsideration_first
from letters.remedies import LetterDataError, remedy_statement
from letters.samples import render_specimen
from requests_cms.services.letter_facts import agency_facts

from .pdf import text

pytestmark = pytest.mark.django_db

EXPECTED = {
    # code: (agency, reconsideration body, court)
    "jyj": ("高平市教育局", "高平市人民政府", "高平市人民法院"),
    "msz": ("高平市米山镇人民政府", "高平市人民政府", "高平市人民法院"),
    "gpszf": ("高平市人民政府", "晋城市人民政府", "晋城市中级人民法院"),
    "swju": ("国家税务总局高平市税务局", "国家税务总局晋城市税务局", "高平市人民法院"),
}


@pytest.mark.parametrize("code", EXPECTED)
def test_each_reply_carries_the_right_remedy_clause_for_its_agency(organisation, code):
    name, body, court = EXPECTED[code]
    agency = organisation[code]
    assert agency.name == name
    for outcome in OUTCOME_CODES:
        check_remedy_clause(text(render_specimen(agency_facts(agency), LetterKind.REPLY, outcome)), outcome,
                            body, court)


def check_remedy_clause(content, outcome, body, court):
    """Every reply carries it (favourable ones included), naming the letter as its title does (本告知书…)."""
    noun = letter_noun(LetterKind.REPLY, wording_for(None, LetterKind.REPLY, outcome).title)
    if reconsideration_first(outcome):
        assert f"应当先自收到{noun}之日起60日内向{body}申请行政复议" in content
        assert f"自收到行政复议决定书之日起15日内向{court}提起行政诉讼" in content
        assert "6个月" not in content
    else:
        assert f"自收到{noun}之日起60日内向{body}申请行政复议" in content
        assert f"或者自收到{noun}之日起6个月内向{court}提起行政诉讼" in content
        assert "应当先" not in content
    assert "上一级主管部门" not in content


def test_a_county_department_is_never_sent_to_its_superior_department(organisation):
    statement = remedy_statement(agency_facts(organisation["jyj"]), "withheld_by_law")
    assert "高平市人民政府" in statement and "主管部门" not in statement


def test_an_online_delivery_names_the_online_channel(organisation):
    agency = agency_facts(organisation["jyj"])
    agency = AgencyFacts(**{**agency.__dict__, "online_reconsideration_channel": "山西省行政复议网上申请平台"})
    statement = remedy_statement(agency, "not_held", online=True)
    assert statement.endswith("您也可以通过山西省行政复议网上申请平台在线申请行政复议。")
    assert "网上" not in remedy_statement(agency, "not_held", online=False)


def test_an_online_delivery_without_a_channel_is_refused(organisation):
    agency = agency_facts(organisation["jyj"])
    agency = AgencyFacts(**{**agency.__dict__, "online_reconsideration_channel": ""})
    with pytest.raises(LetterDataError, match="网上申请行政复议渠道"):
        remedy_statement(agency, "not_held", online=True)


@pytest.mark.parametrize("missing, message", [("reconsideration_body", "行政复议机关"), ("court", "管辖法院")])
def test_missing_agency_data_refuses_the_letter_instead_of_leaving_a_gap(missing, message):
    agency = AgencyFacts(name="某局", reconsideration_body="某政府", court="某法院")
    agency = AgencyFacts(**{**agency.__dict__, missing: ""})
    with pytest.raises(LetterDataError, match=message):
        remedy_statement(agency, "withheld_by_law")
