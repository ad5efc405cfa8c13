"""letter_facts reads what a letter is written from out of a request and its step records (fixed dates)."""

from datetime import UTC, date, datetime, timedelta

import pytest

from letters.kinds import LetterKind
from letters.remedies import LetterDataError
from requests_cms.models import ConsultationParty, Correction, Decision, Extension, Outcome, SearchRecord
from requests_cms.services import letter_facts

pytestmark = pytest.mark.django_db

RECEIVED = date(2025, 9, 25)
PROPOSED = datetime(2025, 10, 9, 10, 0, tzinfo=UTC)


def decide(req, by, outcome, **fields):
    values = dict(articles="条例第三十六条", reasons="经审查，符合规定", proposed_by=by, proposed_at=PROPOSED)
    values.update(fields)
    req.decisions.update(is_current=False)
    return Decision.objects.create(request=req, outcome=outcome, **values)


def test_the_agency_facts_carry_its_row_and_its_effective_reconsideration_body(organisation):
    facts = letter_facts.agency_facts(organisation["jyj"])
    assert (facts.id, facts.name, facts.reconsideration_body) == (organisation["jyj"].pk, "高平市教育局",
                                                                  "高平市人民政府")


def test_a_reply_is_written_from_the_current_decision_and_the_latest_search(make_request, staff):
    req = make_request(received=RECEIVED)
    decide(req, staff["handler"], Outcome.DISCLOSED, reasons="旧理由")
    decide(req, staff["handler"], Outcome.NOT_HELD, articles="条例第三十六条第（四）项", reasons="未制作")
    SearchRecord.objects.create(request=req, systems="OA系统", keywords="旧", searched_on=date(2025, 10, 1),
                                searched_by="陈磊")
    SearchRecord.objects.create(request=req, systems="档案室。", keywords="预算", searched_on=date(2025, 10, 8),
                                searched_by="陈磊", result="未找到。")
    facts = letter_facts.facts_for(req, LetterKind.REPLY)
    assert (facts.outcome, facts.legal_basis, facts.reasons) == (Outcome.NOT_HELD, "条例第三十六条第（四）项", "未制作")
    assert facts.search_summary == "2025年10月8日，本机关在档案室中以“预算”为关键词进行了检索，未找到。"
    assert (facts.applicant_name, facts.receipt_date, facts.delivery_method) == ("张伟", RECEIVED, "邮寄送达")


def test_a_reply_without_a_decision_or_an_outcome_is_refused_by_name(make_request):
    req = make_request(received=RECEIVED)
    with pytest.raises(LetterDataError, match=f"申请{req.number}尚未作出答复决定"):
        letter_facts.facts_for(req, LetterKind.REPLY)


def test_a_notice_that_states_no_decision_ignores_it(make_request, staff):
    req = make_request(received=RECEIVED)
    decide(req, staff["handler"], Outcome.DISCLOSED, reasons="理由")
    facts = letter_facts.facts_for(req, LetterKind.ACKNOWLEDGEMENT)
    assert (facts.outcome, facts.reasons, facts.legal_basis) == ("", "", "")


def test_the_corrected_description_replaces_the_original(make_request):
    req = make_request(received=RECEIVED, description="预算")
    Correction.objects.create(request=req, items="请写明年度", notice_sent_on=date(2025, 9, 28),
                              period_ends_on=date(2025, 10, 20), corrected_received_on=date(2025, 10, 9),
                              corrected_description="2025年度部门预算")
    facts = letter_facts.facts_for(req, LetterKind.CORRECTION_NOTICE)
    assert facts.description == "2025年度部门预算"
    assert (facts.correction_items, facts.correction_deadline) == ("请写明年度", date(2025, 10, 20))


def test_a_consultation_letter_is_about_the_latest_consultation_of_its_party(make_request):
    req = make_request(received=RECEIVED)
    third, agency = ConsultationParty.THIRD_PARTY, ConsultationParty.AGENCY
    for kind, name, sent in ((third, "甲公司", 10), (third, "乙公司", 12), (agency, "财政局", 11)):
        req.consultations.create(party_kind=kind, party_name=name, party_address=f"{name}地址",
                                 sent_on=date(2025, 10, sent), window_ends_on=date(2025, 11, 1))
    assert letter_facts.facts_for(req, LetterKind.THIRD_PARTY_CONSULTATION).consultation_party == "乙公司"
    assert letter_facts.facts_for(req, LetterKind.AGENCY_CONSULTATION).consultation_party == "财政局"
    assert letter_facts.consultation_for(req, LetterKind.REPLY) is None


def test_a_provisional_due_date_is_noted_on_the_acknowledgement(make_request):
    req = make_request(received=RECEIVED)
    req.due_provisional = True
    (note,) = letter_facts.facts_for(req, LetterKind.ACKNOWLEDGEMENT).provisional_notes
    assert note.startswith(f"本文书所载答复期限{req.due_date.year}年") and "暂定日期" in note
    req.due_provisional = False
    assert letter_facts.facts_for(req, LetterKind.ACKNOWLEDGEMENT).provisional_notes == ()


def test_a_counted_date_in_a_year_without_an_official_calendar_is_noted(make_request, staff):
    req = make_request(received=RECEIVED)
    Extension.objects.create(request=req, workdays=20, reason="信息量大", approved_by=staff["approver"],
                             approved_on=RECEIVED + timedelta(days=7), original_due=date(2025, 10, 30),
                             new_due=date(2031, 1, 20))
    (note,) = letter_facts.facts_for(req, LetterKind.EXTENSION_NOTICE).provisional_notes
    assert note.startswith("本文书所载延长后的答复期限2031年1月20日")
    extension = req.extensions.get()
    extension.new_due = date(2025, 11, 27)
    extension.save()
    assert letter_facts.facts_for(req, LetterKind.EXTENSION_NOTICE).provisional_notes == ()


def test_a_form_for_a_consultation_letter_goes_to_the_party_and_otherwise_to_the_applicant(make_request, staff):
    req = make_request(received=RECEIVED)
    consultation = req.consultations.create(party_kind=ConsultationParty.THIRD_PARTY, party_name="甲公司",
                                            party_address="建设路1号", sent_on=date(2025, 10, 10),
                                            window_ends_on=date(2025, 11, 1))
    letter = req.letters.create(agency=req.agency, kind=LetterKind.THIRD_PARTY_CONSULTATION, title="征求意见书",
                                addressee="甲公司", text="正文", template_source="default", consultation=consultation)
    to_party = letter_facts.served_letter(req, letter)
    assert (to_party.addressee, to_party.address, to_party.postcode) == ("甲公司", "建设路1号", "")
    to_applicant = letter_facts.served_letter(req, None)
    assert (to_applicant.addressee, to_applicant.postcode, to_applicant.method) == ("张伟", "048400", "邮寄送达")
