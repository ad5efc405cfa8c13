"""Default wording ships as files; agencies override it in the admin; required elements are the system's."""

import pytest
from django.core.exceptions import ValidationError

from letters.drafting import wording_for
from letters.kinds import WORDED_KINDS, LetterKind, kind_spec, required_elements
from letters.models import LetterTemplate
from letters.outcomes import OUTCOME_CODES
from letters.templating import check_template, default_file, default_wording, template_problems
from requests_cms.services.request_letters import letter_draft

from .conftest import add_steps


def every_template():
    for kind in WORDED_KINDS:
        for outcome in OUTCOME_CODES if kind_spec(kind).per_outcome else [""]:
            yield kind, outcome


@pytest.mark.parametrize("kind, outcome", list(every_template()))
def test_every_kind_and_outcome_has_a_default_that_keeps_its_required_elements(kind, outcome):
    assert default_file(kind, outcome).is_file()
    wording = default_wording(kind, outcome)
    assert wording.title
    check_template(kind, outcome, wording.title, wording.body)


def test_a_template_that_drops_the_remedy_statement_is_refused_naming_it():
    wording = default_wording(LetterKind.REPLY, "withheld_process_info")
    body = wording.body.replace("{{ remedy_statement }}", "")
    problems = template_problems(LetterKind.REPLY, "withheld_process_info", wording.title, body)
    assert problems == ["模板缺少必备要素：救济途径告知（{{ remedy_statement }}）"]


@pytest.mark.parametrize("placeholder, label", [
    ("receipt_date", "收到申请日期"), ("request_description", "申请内容"), ("legal_basis", "法律依据"),
    ("reasons", "理由"), ("form_of_provision", "提供信息的形式和途径"),
])
def test_each_required_element_is_named_when_missing(placeholder, label):
    wording = default_wording(LetterKind.REPLY, "partly_disclosed")
    body = wording.body.replace("{{ " + placeholder + " }}", "")
    (problem,) = template_problems(LetterKind.REPLY, "partly_disclosed", wording.title, body)
    assert label in problem and placeholder in problem


def test_a_favourable_reply_needs_the_remedy_statement_too():
    assert "remedy_statement" in required_elements(LetterKind.REPLY, "disclosed")
    assert "remedy_statement" in required_elements(LetterKind.REPLY, "not_held")


def test_an_unknown_placeholder_is_refused():
    (problem,) = template_problems(LetterKind.ACKNOWLEDGEMENT, "", "回执",
                                   "{{ receipt_date }}{{ request_description }}{{ reply_due_date }}{{ secret }}")
    assert "{{ secret }}" in problem


@pytest.mark.django_db
def test_the_model_refuses_an_override_without_a_required_element(organisation):
    template = LetterTemplate(agency=organisation["jyj"], kind=LetterKind.REPLY, outcome="not_held",
                              title="告知书", body="{{ receipt_date }}收到。")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "救济途径告知" in str(error.value) and "检索情况" in str(error.value)


@pytest.mark.django_db
def test_an_agency_override_is_used_for_that_agency_only_and_keeps_history(organisation, letter_request, handler):
    wording = default_wording(LetterKind.ACKNOWLEDGEMENT)
    template = LetterTemplate(agency=organisation["jyj"], kind=LetterKind.ACKNOWLEDGEMENT, title="教育局登记回执",
                              body="教育局专用措辞。" + wording.body)
    template.full_clean()
    template.save()
    template.body = template.body.replace("专用", "特别")
    template.save()
    assert template.history.count() == 2
    assert wording_for(organisation["jyj"].pk, LetterKind.ACKNOWLEDGEMENT).title == "教育局登记回执"
    assert wording_for(organisation["msz"].pk, LetterKind.ACKNOWLEDGEMENT).title == wording.title
    request = letter_request("jyj")
    add_steps(request, handler)
    letter = letter_draft(request=request, kind=LetterKind.ACKNOWLEDGEMENT, by=handler)
    assert letter.title == "教育局登记回执" and letter.text.startswith("教育局特别措辞。")
    assert letter.template_source == f"机关模板#{template.pk}"
