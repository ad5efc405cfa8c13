"""The outcome rulebook is the one place an outcome is declared: a new outcome is its rule and its wording file."""

import ast
import re
from pathlib import Path

import pytest
from django.db import models

from letters.facts import AgencyFacts
from letters.kinds import LetterKind, required_elements
from letters.models import OUTCOME_CHOICES
from letters.outcomes import (
    OUTCOME_CODES,
    OUTCOME_RULES,
    RIGHT_AGENCY,
    SEARCH_RECORD,
    decidable_rules,
    outcome_rule,
    reconsideration_first,
)
from letters.samples import render_specimen
from letters.templating import check_template, default_file, default_wording
from requests_cms.forms.actions import OpinionForm
from requests_cms.models import Outcome, choices
from requests_cms.reports.labels import leaf_row_codes, outcome_row
from requests_cms.workflow import State

from .pdf import text

ROOT = Path(__file__).resolve().parents[2]
SPECIMEN_AGENCY = AgencyFacts(name="高平市教育局", short_name="高教", reconsideration_body="高平市人民政府",
                              court="高平市人民法院")


def test_the_outcome_choices_are_the_rulebook_in_its_order():
    expected = [(rule.code, rule.label) for rule in OUTCOME_RULES]
    assert Outcome.choices == expected
    assert OUTCOME_CHOICES[1:] == expected
    assert len(set(OUTCOME_CODES)) == len(OUTCOME_CODES)


@pytest.mark.parametrize("rule", OUTCOME_RULES, ids=lambda rule: rule.code)
def test_every_outcome_has_a_reply_wording_that_keeps_its_required_elements(rule):
    assert default_file(LetterKind.REPLY, rule.code).is_file()
    wording = default_wording(LetterKind.REPLY, rule.code)
    check_template(LetterKind.REPLY, rule.code, wording.title, wording.body)


@pytest.mark.parametrize("rule", OUTCOME_RULES, ids=lambda rule: rule.code)
def test_every_outcome_counts_in_a_row_of_the_annual_report_table(rule):
    assert rule.report_row in leaf_row_codes()


@pytest.mark.django_db
@pytest.mark.parametrize("rule", OUTCOME_RULES, ids=lambda rule: rule.code)
def test_every_outcome_sample_renders_with_its_reasons_and_articles(rule):
    content = text(render_specimen(SPECIMEN_AGENCY, LetterKind.REPLY, rule.code))
    reasons = rule.sample.reasons or rule.event_reason
    assert re.sub(r"\s+", "", reasons) in content
    articles = rule.sample.articles or rule.articles
    assert re.sub(r"\s+", "", articles.split("、")[0]) in content
    assert "行政复议" in content  # every reply, favourable ones included (domain.md §7)


def test_the_outcomes_arising_from_events_are_not_offered_to_a_handler():
    offered = {code for code, _ in OpinionForm.base_fields["outcome"].choices if code}
    assert offered == {rule.code for rule in decidable_rules()}
    assert {rule.code for rule in OUTCOME_RULES if rule.event_reason} == {
        Outcome.CORRECTION_LAPSED, Outcome.FEE_UNPAID, Outcome.WITHDRAWN}
    assert offered.isdisjoint({Outcome.CORRECTION_LAPSED, Outcome.FEE_UNPAID, Outcome.WITHDRAWN})


def test_the_opinion_page_offers_each_rules_articles_except_where_the_handler_must_type_them():
    hints = OpinionForm.default_articles()
    assert Outcome.FEE_UNPAID not in hints["articles"]  # arises from an event: never chosen on this page
    assert hints["articles"][Outcome.PARTLY_DISCLOSED] == outcome_rule(Outcome.PARTLY_DISCLOSED).articles
    assert Outcome.OTHER not in hints["articles"]
    assert hints["right_agency"] == [Outcome.NOT_THIS_AGENCY]


def test_the_fee_unpaid_basis_is_the_regulation_and_the_fee_measures():
    assert outcome_rule(Outcome.FEE_UNPAID).articles == (
        "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》")


def test_the_extra_facts_an_outcome_requires_become_required_elements_of_its_reply():
    assert outcome_rule(Outcome.NOT_HELD).requires == (SEARCH_RECORD,)
    assert outcome_rule(Outcome.NOT_THIS_AGENCY).requires == (RIGHT_AGENCY,)
    assert "search_summary" in required_elements(LetterKind.REPLY, Outcome.NOT_HELD)
    assert "right_agency" in required_elements(LetterKind.REPLY, Outcome.NOT_THIS_AGENCY)
    assert "form_of_provision" in required_elements(LetterKind.REPLY, Outcome.ALREADY_PUBLIC)
    assert "form_of_provision" not in required_elements(LetterKind.REPLY, Outcome.NOT_HELD)


def test_every_reply_carries_the_remedy_and_only_withholding_ones_require_reconsideration_first():
    assert all("remedy_statement" in required_elements(LetterKind.REPLY, code) for code in OUTCOME_CODES)
    first = {code for code in OUTCOME_CODES if reconsideration_first(code)}
    assert first == {Outcome.PARTLY_DISCLOSED} | {code for code in OUTCOME_CODES if code.startswith("withheld_")}
    assert not reconsideration_first("")


def test_not_this_agency_counts_where_the_setting_says(settings):
    settings.NOT_THIS_AGENCY_REPORT_ROW = "六.3"
    assert outcome_row(Outcome.NOT_THIS_AGENCY) == "六.3"
    assert outcome_row(Outcome.NOT_HELD) == "四.1"
    assert outcome_row("") == "六.3"


def test_an_unknown_outcome_is_named_when_looked_up():
    with pytest.raises(LookupError, match="no_such_outcome"):
        outcome_rule("no_such_outcome")


def _shared_codes():
    """Outcome codes that are also the code of another vocabulary (其他 of the applicant kinds, the withdrawn
    state…): a literal of those names the other vocabulary, so the scan below cannot tell them apart."""
    others = [State, *(value for value in vars(choices).values()
                       if isinstance(value, type) and issubclass(value, models.Choices) and value is not Outcome)]
    return {code for vocabulary in others for code in vocabulary.values} & set(OUTCOME_CODES)


def _source_files():
    for folder in ("letters", "requests_cms", "bench", "workday_calendars", "static", "templates", "jinja2"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".js", ".html") and "migrations" not in path.parts:
                yield path


def _literals(path):
    source = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return set(re.findall(r"[\"']([a-z_]+)[\"']", source))
    return {node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)
            and isinstance(node.value, str)}


def test_no_module_but_the_rulebook_spells_an_outcome_code():
    codes = set(OUTCOME_CODES) - _shared_codes()
    rulebook = ROOT / "letters" / "outcomes.py"
    spelled = {str(path.relative_to(ROOT)): sorted(_literals(path) & codes)
               for path in _source_files() if path != rulebook and _literals(path) & codes}
    assert spelled == {}
    assert codes <= _literals(rulebook)


def test_the_scan_finds_a_spelled_outcome_code(tmp_path):
    path = tmp_path / "module.py"
    path.write_text('if decision.outcome == "not_held":\n    pass\n', encoding="utf-8")
    assert _literals(path) & set(OUTCOME_CODES) == {"not_held"}
