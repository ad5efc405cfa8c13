"""The letter-kind specs are the one place a kind is declared: a new kind is its spec, its wording and its facts."""

import dataclasses
import datetime

import pytest

from letters.facts import AgencyFacts, LetterFacts, addressee
from letters.kinds import (
    FORM_KINDS,
    KIND_SPECS,
    PLACEHOLDERS,
    WORDED_KINDS,
    Addressee,
    LetterKind,
    Stage,
    carries_remedy,
    kind_spec,
    required_elements,
)
from letters.layout import format_date
from letters.numbering import format_number
from letters.samples import SAMPLE_DATES, render_specimen
from letters.templating import default_file
from requests_cms.casefile.documents import SECTIONS
from requests_cms.models import Outcome

from .pdf import text

AGENCY = AgencyFacts(name="高平市教育局", short_name="高教", reconsideration_body="高平市人民政府",
                     court="高平市人民法院")
FACT_FIELDS = {f.name for f in dataclasses.fields(LetterFacts)}


def test_the_letter_kind_choices_are_the_specs_in_their_order():
    assert LetterKind.choices == [(spec.code, spec.label) for spec in KIND_SPECS]
    assert FORM_KINDS == (LetterKind.PROOF_OF_SERVICE, LetterKind.ENVELOPE)
    assert set(WORDED_KINDS) | set(FORM_KINDS) == set(LetterKind)


def test_every_worded_kind_has_its_own_number_word_so_numbers_never_collide():
    words = [kind_spec(kind).number_word for kind in WORDED_KINDS]
    assert all(words) and len(set(words)) == len(words)
    assert format_number("{short_name}公开〔{year}〕{number}号", short_name="高教", kind=LetterKind.CORRECTION_NOTICE,
                         year=2026, number=3) == "高教公开补〔2026〕3号"


@pytest.mark.parametrize("spec", [spec for spec in KIND_SPECS if not spec.form], ids=lambda spec: spec.code)
def test_every_worded_kind_has_a_wording_file_and_known_required_elements(spec):
    outcome = Outcome.NOT_HELD if spec.per_outcome else ""
    assert default_file(spec.code, outcome).is_file()
    assert set(required_elements(spec.code, outcome)) <= set(PLACEHOLDERS)


def test_a_form_has_no_wording_no_number_and_no_required_elements():
    for kind in FORM_KINDS:
        spec = kind_spec(kind)
        assert not spec.number_word and not spec.required and not spec.remedy_noun
        assert not default_file(kind).exists()


def test_every_stage_that_issues_a_letter_is_a_section_of_the_case_file():
    assert {str(stage) for stage in Stage} <= set(SECTIONS)
    assert kind_spec(LetterKind.DISCLOSURE_OVER_OBJECTION).stage == Stage.CONSULTATION


def test_the_dates_and_samples_a_spec_names_are_fields_of_the_letter_facts():
    for spec in KIND_SPECS:
        if spec.counted_date:
            assert {spec.counted_date.field, spec.counted_date.start} <= FACT_FIELDS
        assert set(spec.sample) <= FACT_FIELDS


def test_a_letter_to_a_consulted_party_is_addressed_to_the_party():
    facts = LetterFacts(agency=AGENCY, applicant_name="张伟", receipt_date=datetime.date(2026, 3, 2),
                        description="预算", consultation_party="某某建材有限公司")
    for spec in KIND_SPECS:
        expected = "张伟" if spec.addressee is Addressee.APPLICANT else "某某建材有限公司"
        assert addressee(facts, spec.code) == expected, spec.code


def test_the_remedy_statement_is_carried_by_the_decision_letters_favourable_ones_included():
    carrying = {kind for kind in WORDED_KINDS if carries_remedy(kind, Outcome.NOT_HELD)}
    assert carrying == {LetterKind.REPLY, LetterKind.DISCLOSURE_OVER_OBJECTION}
    assert carries_remedy(LetterKind.REPLY, Outcome.DISCLOSED)
    assert carries_remedy(LetterKind.DISCLOSURE_OVER_OBJECTION, "")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", WORDED_KINDS)
def test_every_kind_sample_renders_with_its_number(kind):
    outcome = Outcome.DISCLOSED if kind_spec(kind).per_outcome else ""
    content = text(render_specimen(AGENCY, kind, outcome, number=7))
    assert f"高教{kind_spec(kind).number_word}〔2026〕7号" in content
    assert format_date(SAMPLE_DATES.letter_date(kind)) in content  # dated the day of its step


def test_an_unknown_kind_is_named_when_looked_up():
    with pytest.raises(LookupError, match="no_such_notice"):
        kind_spec("no_such_notice")
