"""Specimens that cannot hide date errors (issue 11 deliverable 5): every specimen is dated on one timeline and each
date it counts is the workday engine's result from the specimen's own dates."""

from dataclasses import fields

import pytest
from django.core.management import call_command

from letters.facts import AgencyFacts
from letters.kinds import FORM_KINDS, LetterKind, kind_spec
from letters.layout import format_date
from letters.samples import COUNTED, SAMPLE_DATES, sample_facts, specimen_content, specimens
from requests_cms.services import deadlines
from requests_cms.services.letter_facts import sample_dates

from ..letters.pdf import text

pytestmark = pytest.mark.django_db

AGENCY = AgencyFacts(name="高平市教育局", short_name="高教", reconsideration_body="高平市人民政府",
                     court="高平市人民法院")
WORDED = [(kind, outcome) for kind, outcome in specimens() if kind not in FORM_KINDS]


def engine_value(field, dates):
    """What services/deadlines.py computes for a counted field of a specimen, written out per field."""
    received = dates.received
    return {
        "reply_due_date": deadlines.reply_due(received=received).due,
        "correction_deadline": deadlines.add_workdays(dates.correction_sent, deadlines.correction_period_workdays()),
        "new_due_date": deadlines.reply_due(received=received, extension=dates.extension_workdays).due,
        "fee_payment_due": deadlines.fee_payment_due(dates.fee_notice_sent).due,
        "reasons_deadline": deadlines.add_workdays(dates.reasons_sent, deadlines.reasons_period_workdays()),
    }[field]


def test_the_timeline_written_in_letters_is_the_engines():
    assert sample_dates("national") == SAMPLE_DATES
    assert {f.name for f in fields(SAMPLE_DATES)} >= set(COUNTED)


@pytest.mark.parametrize("kind, outcome", WORDED)
def test_every_counted_date_lies_after_the_letters_own_date_and_is_the_engines(kind, outcome):
    content = specimen_content(AGENCY, kind, outcome)
    facts = sample_facts(AGENCY, kind, outcome)
    assert content.letter_date >= facts.receipt_date
    counted = kind_spec(kind).counted_date
    if counted is not None:
        value = getattr(facts, counted.field)
        assert value > content.letter_date, (kind, value, content.letter_date)
        assert value == engine_value(counted.field, SAMPLE_DATES)
        assert format_date(value) in content.text


def test_each_notice_is_dated_on_its_step_and_in_its_legal_window():
    d = SAMPLE_DATES
    assert specimen_content(AGENCY, LetterKind.ACKNOWLEDGEMENT).letter_date == d.received
    assert specimen_content(AGENCY, LetterKind.CORRECTION_NOTICE).letter_date == d.correction_sent
    assert d.correction_sent <= deadlines.correction_notice_due(d.received).due  # REG 30: within 7 workdays
    extension = specimen_content(AGENCY, LetterKind.EXTENSION_NOTICE)
    assert d.received < extension.letter_date <= d.reply_due  # REG 33: before the original due date
    for kind in (LetterKind.THIRD_PARTY_CONSULTATION, LetterKind.AGENCY_CONSULTATION):
        assert specimen_content(AGENCY, kind).letter_date == d.consultation_sent
    objection = specimen_content(AGENCY, LetterKind.DISCLOSURE_OVER_OBJECTION)
    assert objection.letter_date > d.consultation_sent
    assert format_date(d.consultation_sent) in objection.text
    assert specimen_content(AGENCY, LetterKind.REASONS_NOTICE).letter_date == d.reasons_sent
    delay = specimen_content(AGENCY, LetterKind.DELAY_NOTICE)
    assert d.reasons_sent < delay.letter_date < d.reply_due < d.delayed_due  # a period beyond REG 33's
    assert format_date(d.delayed_due) in delay.text and format_date(d.reasons_sent) in delay.text
    reply = specimen_content(AGENCY, LetterKind.REPLY, "disclosed")
    assert d.received < reply.letter_date <= d.reply_due  # replied in time


def test_the_timeline_is_recounted_on_the_agencys_calendar(monkeypatch, settings):
    settings.CORRECTION_PERIOD_WORKDAYS = 10
    assert sample_dates("national").correction_deadline == deadlines.add_workdays(SAMPLE_DATES.correction_sent, 10)


def test_render_letter_sample_prints_each_notice_on_its_own_date(tmp_path):
    call_command("render_letter", "--sample", "correction_notice", "--out", str(tmp_path), "--agency", "高平市教育局")
    (pdf,) = tmp_path.glob("*.pdf")
    content = text(pdf.read_bytes())
    assert format_date(SAMPLE_DATES.correction_sent) in content
    assert format_date(SAMPLE_DATES.correction_deadline) in content
    assert format_date(SAMPLE_DATES.replied) not in content
