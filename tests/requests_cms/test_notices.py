"""Every notice a real document: drafted at its step, editable while drafted, issued with a gap-free number, delivered
through the reply's delivery records, its proof filed, in the case file; the clocks that wait for a notice start
only when it has gone out."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from requests_cms.casefile.documents import collect
from requests_cms.models import ClockPause, Delivery, EventAction, InformationRequest, PauseReason
from requests_cms.services import deadlines as engine
from requests_cms.services import decision, delivery, delivery_records, handling, notices
from requests_cms.services.errors import WorkflowError
from requests_cms.services.request_letters import letter_update_text
from tests.clock import FIXED_TODAY

from .casefile_support import scan
from .delivery_support import WAYBILL, at, pdf_bytes
from .views_support import days_ago, recent_request, walk

TODAY = FIXED_TODAY  # not days_ago(0): module constants are made before the fixed clock runs


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def fresh(req):
    return InformationRequest.objects.get(pk=req.pk)


def notice(req, kind, consultation=None):
    return req.letters.get(kind=kind, consultation=consultation)


def issue(req, letter, by):
    notices.notice_issue(request=fresh(req), letter=letter, by=by)
    letter.refresh_from_db()
    return letter


def post(req, letter, by, on=TODAY):
    delivery_records.delivery_record(request=fresh(req), by=by, method="post", handed_over_on=on, letter=letter,
                                     waybill_number=WAYBILL)
    return letter.deliveries.get()


def corrected(make_request, staff):
    req = walk(make_request(received=days_ago(3)), staff, "accepted")  # within REG 30's 7 workdays
    return handling.request_correction(request=req, by=staff["handler"], items="请写明所需文件的名称和年份")


def consulting(make_request, staff, *parties):
    req = walk(recent_request(make_request), staff, "accepted")
    for kind, name in parties:
        req = handling.consultation_start(request=req, by=staff["handler"], party_kind=kind, party_name=name,
                                          party_address=f"{name}地址", information="该单位的检查记录")
    return req


@pytest.fixture
def per_page(education):
    education.fee_method = "per_page"
    education.save()


def fee_pending(make_request, staff):
    req = walk(recent_request(make_request), staff, "accepted")
    return handling.fee_issue_notice(request=req, by=staff["handler"], pages=150)


def extended(make_request, staff):
    req = walk(recent_request(make_request), staff, "accepted")
    return handling.request_extend(request=req, by=staff["approver"], workdays=15, reason="需调取历年档案")


# --- drafted at the step, editable, issued with a gap-free number ----------------------------------------------------
def test_the_correction_notice_is_drafted_at_the_step_from_its_items(make_request, staff):
    req = corrected(make_request, staff)
    letter = notice(req, "correction_notice")
    assert letter.state == "draft" and letter.document_number == ""
    assert "请写明所需文件的名称和年份" in letter.text
    assert notices.letter_status(letter, []) == notices.DRAFTED


def test_a_drafted_notice_is_editable_and_frozen_once_issued(make_request, staff):
    req = corrected(make_request, staff)
    letter = notice(req, "correction_notice")
    letter_update_text(letter=letter, text=letter.text + "\n联系人：陈磊", by=staff["handler"])
    letter = issue(req, letter, staff["handler"])
    assert letter.state == "frozen" and letter.sha256 and letter.letter_date == TODAY
    assert letter.document_number == "高教公开补〔2026〕1号"
    assert "联系人：陈磊" in letter.text
    with pytest.raises(ValueError, match="只有草稿可以修改"):
        letter_update_text(letter=letter, text="改写", by=staff["handler"])
    with pytest.raises(WorkflowError, match="已签发"):
        notices.notice_issue(request=fresh(req), letter=letter, by=staff["handler"])
    event = fresh(req).events.order_by("-seq").first()
    assert event.action == EventAction.ISSUE_NOTICE and event.payload["letter"] == letter.pk


def test_an_unedited_notice_issued_later_prints_its_period_from_its_own_date(make_request, staff, fixed_clock):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from letters.layout import format_date

    req = corrected(make_request, staff)
    drafted = notice(req, "correction_notice")
    assert format_date(engine.correction_period_ends(TODAY, region="national")) in drafted.text
    fixed_clock.move_to(datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    letter = issue(req, drafted, staff["handler"])
    later = engine.correction_period_ends(letter.letter_date, region="national")
    assert letter.letter_date.isoformat() == "2026-12-07" and format_date(later) in letter.text


def test_an_edited_notice_is_issued_as_edited(make_request, staff):
    req = corrected(make_request, staff)
    letter = notice(req, "correction_notice")
    edited = letter.text.replace("特此告知。", "特此告知。如有疑问请来电。")
    letter_update_text(letter=letter, text=edited, by=staff["handler"])
    assert issue(req, letter, staff["handler"]).text == edited


def test_numbers_are_gap_free_per_agency_and_number_word(make_request, staff):
    numbers = []
    for _ in range(3):
        req = corrected(make_request, staff)
        numbers.append(issue(req, notice(req, "correction_notice"), staff["handler"]).document_number)
    req = extended(make_request, staff)
    extension = issue(req, notice(req, "extension_notice"), staff["approver"])
    assert numbers == ["高教公开补〔2026〕1号", "高教公开补〔2026〕2号", "高教公开补〔2026〕3号"]
    assert extension.document_number == "高教公开延〔2026〕1号"


def test_a_failed_issue_takes_no_number(make_request, staff, monkeypatch):
    req = corrected(make_request, staff)
    letter = notice(req, "correction_notice")

    def broken(content):
        raise ValueError("字体缺失")

    monkeypatch.setattr("letters.services.render_content", broken)
    with pytest.raises(ValueError, match="字体缺失"):
        notices.notice_issue(request=fresh(req), letter=letter, by=staff["handler"])
    monkeypatch.undo()
    assert issue(req, letter, staff["handler"]).document_number == "高教公开补〔2026〕1号"


def test_the_extension_notice_is_drafted_at_extend_and_only_the_approver_issues_it(make_request, staff):
    req = extended(make_request, staff)
    letter = notice(req, "extension_notice")
    assert "需调取历年档案" in letter.text and letter.state == "draft"
    with pytest.raises(WorkflowError, match="须经负责人（审批人）签发（条例第三十三条）"):
        notices.notice_issue(request=fresh(req), letter=letter, by=staff["handler"])
    assert issue(req, letter, staff["approver"]).state == "frozen"


def test_the_agency_setting_makes_every_notice_the_approvers_to_issue(make_request, staff, education):
    education.notices_need_approval = True
    education.save()
    req = corrected(make_request, staff)
    letter = notice(req, "correction_notice")
    with pytest.raises(WorkflowError, match="须经负责人（审批人）签发（本机关的设置）"):
        notices.notice_issue(request=fresh(req), letter=letter, by=staff["handler"])
    assert issue(req, letter, staff["approver"]).state == "frozen"


def test_read_only_and_registrar_cannot_issue(make_request, staff):
    req = corrected(make_request, staff)
    letter = notice(req, "correction_notice")
    assert "只读" in notices.issue_refusal(fresh(req), letter, staff["auditor"])
    assert "只有承办人或负责人" in notices.issue_refusal(fresh(req), letter, staff["registrar"])
    assert "只能办理本机关" in notices.issue_refusal(fresh(req), letter, staff["other_handler"])


def test_one_consultation_letter_per_party_of_the_right_kind(make_request, staff):
    req = consulting(make_request, staff, ("third_party", "甲公司"), ("agency", "高平市财政局"),
                     ("third_party", "乙公司"))
    letters = {(letter.kind, letter.consultation.party_name) for letter in req.letters.all()}
    assert letters == {("third_party_consultation", "甲公司"), ("agency_consultation", "高平市财政局"),
                       ("third_party_consultation", "乙公司")}
    numbers = [issue(req, letter, staff["handler"]).document_number for letter in req.letters.order_by("id")]
    assert numbers == ["高教公开征〔2026〕1号", "高教公开函〔2026〕1号", "高教公开征〔2026〕2号"]


def test_the_fee_notice_is_drafted_with_the_amount(make_request, staff, per_page):
    req = fee_pending(make_request, staff)
    letter = notice(req, "fee_notice")
    assert "1,700.00" in letter.text and letter.state == "draft"


def disclosed_over_objection(make_request, staff):
    req = consulting(make_request, staff, ("third_party", "甲公司"), ("third_party", "乙公司"))
    for letter in req.letters.order_by("id"):
        post(req, issue(req, letter, staff["handler"]), staff["registrar"])
    first, second = fresh(req).consultations.order_by("id")
    req = handling.consultation_record_reply(request=fresh(req), consultation=first, by=staff["registrar"],
                                             answer="object", answered_on=TODAY, reasons="涉及商业秘密")
    req = handling.consultation_record_reply(request=req, consultation=second, by=staff["registrar"],
                                             answer="agree", answered_on=TODAY)
    req = handling.consultation_finish(request=req, by=staff["handler"])
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="disclosed",
                                   articles="第二十七条、第三十二条", reasons="公开有利于维护重大公共利益",
                                   form_of_provision="纸质，邮寄")
    return decision.request_decide(request=req, by=staff["handler"])


def test_disclosure_over_an_objection_drafts_the_notice_to_the_objecting_party(make_request, staff):
    req = disclosed_over_objection(make_request, staff)
    drafted = req.letters.filter(kind="disclosure_over_objection")
    assert [letter.consultation.party_name for letter in drafted] == ["甲公司"]
    assert "甲公司" in drafted.get().addressee


def test_a_decision_that_withholds_drafts_no_disclosure_notice(make_request, staff):
    req = consulting(make_request, staff, ("third_party", "甲公司"))
    post(req, issue(req, req.letters.get(), staff["handler"]), staff["registrar"])
    req = handling.consultation_record_reply(request=fresh(req), consultation=req.consultations.get(),
                                             by=staff["registrar"], answer="object", answered_on=TODAY,
                                             reasons="涉及商业秘密")
    req = handling.consultation_finish(request=req, by=staff["handler"])
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="withheld_third_party",
                                   articles="第十五条", reasons="涉及第三方商业秘密")
    req = decision.request_decide(request=req, by=staff["handler"])
    assert not req.letters.filter(kind="disclosure_over_objection").exists()


# Each notice kind: (how its step is reached, who issues it, its number word, the step record before it).
KINDS = {
    "correction_notice": (corrected, "handler", "补"),
    "extension_notice": (extended, "approver", "延"),
    "third_party_consultation": (lambda m, s: consulting(m, s, ("third_party", "甲公司")), "handler", "征"),
    "agency_consultation": (lambda m, s: consulting(m, s, ("agency", "高平市财政局")), "handler", "函"),
    "fee_notice": (fee_pending, "handler", "费"),
    "disclosure_over_objection": (disclosed_over_objection, "handler", "告"),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_notice_is_drafted_issued_delivered_proved_and_filed(kind, make_request, staff, per_page):
    step, issuer, word = KINDS[kind]
    req = step(make_request, staff)
    letter = req.letters.get(kind=kind)
    assert letter.state == "draft" and not letter.document_number
    letter = issue(req, letter, staff[issuer])
    assert letter.document_number == f"高教公开{word}〔2026〕1号" and letter.pdf and letter.sha256
    sent = post(req, letter, staff["registrar"])
    delivery_records.delivery_upload_proof(request=fresh(req), delivery=sent, by=staff["registrar"],
                                           kind="proof_of_service", uploaded_file=_upload())
    assert notices.letter_status(letter, list(letter.deliveries.all())) == notices.PROOF_FILED
    titles = [doc.title for doc in collect(fresh(req))]
    pos = titles.index(f"{letter.title}（{letter.document_number}）")
    assert titles[pos + 1] == f"送达记录：{letter.get_kind_display()} {letter.document_number}"
    assert titles[pos + 2].startswith("签收的送达回证"), titles


# --- delivered, the clock that waits for it, the proof filed ---------------------------------------------------------
def test_a_notice_cannot_be_delivered_before_it_is_issued(make_request, staff):
    req = corrected(make_request, staff)
    with pytest.raises(WorkflowError, match="尚未签发"):
        post(req, notice(req, "correction_notice"), staff["registrar"])


def test_the_correction_period_does_not_start_before_the_notice_is_sent(make_request, staff):
    req = corrected(make_request, staff)
    correction = req.corrections.get()
    assert correction.notice_sent_on is None and correction.period_ends_on is None
    with pytest.raises(WorkflowError, match="补正告知书尚未发出"):
        handling.request_receive_correction(request=fresh(req), by=staff["registrar"], received_on=TODAY)
    letter = issue(req, notice(req, "correction_notice"), staff["handler"])
    with pytest.raises(WorkflowError, match="补正告知书尚未发出"):
        handling.request_receive_correction(request=fresh(req), by=staff["registrar"], received_on=TODAY)
    sent = post(req, letter, staff["registrar"])
    correction.refresh_from_db()
    assert correction.notice_sent_on == TODAY
    assert correction.period_ends_on == engine.correction_period_ends(TODAY, region="national")
    assert sent.for_reply is False and sent.letter_label == "补正告知书 高教公开补〔2026〕1号"
    req = handling.request_receive_correction(request=fresh(req), by=staff["registrar"], received_on=TODAY)
    assert req.state == "accepted" and req.clock_start == TODAY


def test_a_correction_notice_sent_after_seven_workdays_is_noted_as_late(make_request, staff):
    req = walk(make_request(received=days_ago(30)), staff, "accepted")
    req = handling.request_correction(request=req, by=staff["handler"], items="请写明年份",
                                      late_consent_by=staff["approver"])
    post(req, issue(req, notice(req, "correction_notice"), staff["handler"]), staff["registrar"])
    event = fresh(req).events.filter(action=EventAction.RECORD_DELIVERY).get()
    due = engine.correction_notice_due(days_ago(30), region="national").due
    assert f"注意：补正告知晚于法定期限，应于{due.isoformat()}前发出" in event.note


def test_an_extension_notice_posted_after_the_original_due_date_is_noted_as_late(make_request, staff):
    req = extended(make_request, staff)
    letter = issue(req, notice(req, "extension_notice"), staff["approver"])
    extension = req.extensions.get()
    extension.original_due = days_ago(1)  # as if the notice went out a day after the original period ended
    extension.save()
    post(req, letter, staff["registrar"])
    event = fresh(req).events.filter(action=EventAction.RECORD_DELIVERY).get()
    assert f"注意：延期告知晚于原答复期限{days_ago(1).isoformat()}" in event.note


def test_returned_correction_notice_stops_the_period_until_it_is_delivered_again(make_request, staff):
    req = corrected(make_request, staff)
    letter = issue(req, notice(req, "correction_notice"), staff["handler"])
    first = post(req, letter, staff["registrar"])
    delivery.delivery_add_postal_event(request=fresh(req), delivery=first, by=staff["registrar"], status="returned",
                                       occurred_at=at(TODAY, 9))  # the clock says 10:00
    correction = fresh(req).corrections.get()
    assert correction.notice_sent_on is None and correction.period_ends_on is None
    again = delivery_records.delivery_redeliver(request=fresh(req), returned=Delivery.objects.get(pk=first.pk),
                                                by=staff["registrar"], method="direct", handed_over_on=TODAY)
    assert again.deliveries.filter(letter=letter).count() == 2
    assert fresh(req).corrections.get().notice_sent_on == TODAY


def test_the_consultation_window_and_pause_wait_for_the_letter(make_request, staff):
    req = consulting(make_request, staff, ("third_party", "甲公司"))
    consultation = req.consultations.get()
    assert consultation.sent_on is None and consultation.window_ends_on is None
    assert not ClockPause.objects.filter(request=req).exists()
    with pytest.raises(WorkflowError, match="征求意见书尚未发出"):
        handling.consultation_record_reply(request=fresh(req), consultation=consultation, by=staff["registrar"],
                                           answer="agree", answered_on=TODAY)
    letter = issue(req, notice(req, "third_party_consultation", consultation), staff["handler"])
    sent = post(req, letter, staff["registrar"])
    consultation.refresh_from_db()
    assert sent.recipient_name == "甲公司" and sent.address == "甲公司地址"
    assert consultation.sent_on == TODAY
    assert consultation.window_ends_on == engine.consultation_due(TODAY, region="national").due
    assert ClockPause.objects.filter(request=req, reason=PauseReason.CONSULTATION, start=TODAY).exists()


def test_the_third_partys_fifteen_workdays_run_from_its_receipt(make_request, staff):
    req = consulting(make_request, staff, ("third_party", "甲公司"))
    letter = issue(req, notice(req, "third_party_consultation", req.consultations.get()), staff["handler"])
    sent = post(req, letter, staff["registrar"], on=TODAY)
    delivery.delivery_record_receipt(request=fresh(req), delivery=sent, by=staff["registrar"], received_on=TODAY)
    consultation = fresh(req).consultations.get()
    assert consultation.letter_received_on == TODAY
    assert consultation.window_ends_on == engine.consultation_due(TODAY, region="national").due


def test_the_fee_period_waits_for_the_fee_notice(make_request, staff, per_page):
    req = fee_pending(make_request, staff)
    fee = req.fee_notices.get()
    assert fee.issued_on is None and fee.payment_due is None
    assert not req.pauses.filter(reason=PauseReason.FEE).exists()
    with pytest.raises(WorkflowError, match="收费通知书尚未发出"):
        handling.fee_record_payment(request=fresh(req), by=staff["registrar"], paid_on=TODAY)
    letter = issue(req, notice(req, "fee_notice"), staff["handler"])
    sent = post(req, letter, staff["registrar"])
    delivery.delivery_add_postal_event(request=fresh(req), delivery=sent, by=staff["registrar"], status="delivered",
                                       occurred_at=at(TODAY, 9), signer="张伟")  # before the 10:00 clock
    fee.refresh_from_db()
    assert fee.issued_on == TODAY and fee.notice_received_on == TODAY
    assert fee.payment_due == engine.fee_payment_due(TODAY, region="national").due
    assert fresh(req).pauses.get(reason=PauseReason.FEE).start == TODAY
    req = handling.fee_record_payment(request=fresh(req), by=staff["registrar"], paid_on=TODAY)
    assert req.state == "accepted"


def test_status_runs_drafted_issued_delivered_proof_filed(make_request, staff):
    req = extended(make_request, staff)
    letter = notice(req, "extension_notice")

    def status():
        return notices.letter_status(letter, list(letter.deliveries.all()))

    assert status() == "已起草"
    letter = issue(req, letter, staff["approver"])
    assert status() == "已签发"
    sent = post(req, letter, staff["registrar"])
    assert status() == "已送达"
    delivery_records.delivery_upload_proof(request=fresh(req), delivery=sent, by=staff["registrar"],
                                           kind="proof_of_service", uploaded_file=_upload())
    assert status() == "已归档回证"


def _upload():
    from .delivery_support import upload

    return upload("回证.pdf", pdf_bytes("NOTICE-PROOF"), "application/pdf")


def test_notice_deliveries_never_close_the_request_or_set_the_reply_date(make_request, staff):
    req = extended(make_request, staff)
    letter = issue(req, notice(req, "extension_notice"), staff["approver"])
    sent = post(req, letter, staff["registrar"])
    delivery.delivery_record_receipt(request=fresh(req), delivery=sent, by=staff["registrar"], received_on=TODAY)
    req = fresh(req)
    assert req.replied_on is None and req.applicant_received_on is None and req.state == "accepted"


# --- the case file ---------------------------------------------------------------------------------------------------
def test_the_case_file_holds_each_notice_followed_by_its_delivery_and_proof(make_request, staff):
    req = corrected(make_request, staff)
    letter = issue(req, notice(req, "correction_notice"), staff["handler"])
    sent = post(req, letter, staff["registrar"])
    delivery_records.delivery_upload_proof(request=fresh(req), delivery=sent, by=staff["registrar"],
                                           kind="tracking_printout", uploaded_file=_upload())
    req = handling.request_receive_correction(request=fresh(req), by=staff["registrar"], received_on=TODAY,
                                              corrected_description="2025年部门预算")
    scan(req, "corrected_application", pdf_bytes("CORRECTED"), staff["registrar"], content_type="application/pdf")
    req = handling.request_extend(request=req, by=staff["approver"], workdays=10, reason="需调取档案")
    extension = issue(req, notice(req, "extension_notice"), staff["approver"])
    post(req, extension, staff["registrar"])
    titles = [doc.title for doc in collect(fresh(req))]
    expected = ["申请登记信息", "补正记录", f"{letter.title}（高教公开补〔2026〕1号）",
                "送达记录：补正告知书 高教公开补〔2026〕1号", "邮件查询记录", "补正后的申请",
                "延期审批记录", f"{extension.title}（高教公开延〔2026〕1号）",
                "送达记录：延期答复告知书 高教公开延〔2026〕1号"]
    positions = [next(i for i, t in enumerate(titles) if t.startswith(name)) for name in expected]
    assert positions == sorted(positions), titles


# --- the pages: status, warning, issue, delivery form ----------------------------------------------------------------
def test_the_case_page_shows_status_and_warns_until_the_notice_goes_out(client, make_request, staff):
    req = corrected(make_request, staff)
    client.force_login(staff["handler"])
    url = reverse("request_detail", kwargs={"pk": req.pk})
    page = client.get(url).content.decode()
    assert "补正告知书尚未签发：补正期限自本告知书发出之日起计算" in page
    assert re.search(r'data-testid="letter-status">已起草<', page)
    letter = notice(req, "correction_notice")
    response = client.post(reverse("letter_issue", kwargs={"pk": req.pk, "letter_pk": letter.pk}),
                           {"expected_version": fresh(req).version})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "补正告知书已签发但尚未记录送达" in page and re.search(r'letter-status">已签发<', page)
    post(req, notice(req, "correction_notice"), staff["registrar"])
    page = client.get(url).content.decode()
    assert "尚未记录送达" not in page and re.search(r'letter-status">已送达<', page)


def test_issuing_through_the_page_refuses_in_chinese(client, make_request, staff):
    req = extended(make_request, staff)
    letter = notice(req, "extension_notice")
    client.force_login(staff["handler"])
    response = client.post(reverse("letter_issue", kwargs={"pk": req.pk, "letter_pk": letter.pk}),
                           {"expected_version": fresh(req).version}, follow=True)
    assert "未签发：延期答复告知书须经负责人（审批人）签发" in response.content.decode()
    letter.refresh_from_db()
    assert letter.state == "draft"


def test_another_agency_cannot_issue_or_deliver(client, make_request, staff):
    req = corrected(make_request, staff)
    letter = notice(req, "correction_notice")
    client.force_login(staff["other_handler"])
    response = client.post(reverse("letter_issue", kwargs={"pk": req.pk, "letter_pk": letter.pk}),
                           {"expected_version": fresh(req).version})
    assert response.status_code == 404
    letter.refresh_from_db()
    assert letter.state == "draft"


def test_the_delivery_form_offers_issued_notices_and_keeps_bad_input(client, make_request, staff):
    req = corrected(make_request, staff)
    draft = notice(req, "correction_notice")
    client.force_login(staff["registrar"])
    url = reverse("delivery_new", kwargs={"pk": req.pk})
    response = client.post(url, {"new-expected_version": fresh(req).version, "new-letter": draft.pk,
                                 "new-method": "post", "new-handed_over_on": TODAY, "new-waybill_number": WAYBILL})
    assert response.status_code == 400 and "请选择本申请已签发的文书" in response.content.decode()
    letter = issue(req, draft, staff["handler"])
    page = client.get(reverse("delivery_panel", kwargs={"pk": req.pk}) + f"?letter={letter.pk}")
    assert page.context["new_form"].initial["letter"] == str(letter.pk)
    response = client.post(url, {"new-expected_version": fresh(req).version, "new-letter": letter.pk,
                                 "new-method": "post", "new-handed_over_on": TODAY,
                                 "new-waybill_number": "EA123456789CN"})
    html = response.content.decode()
    assert response.status_code == 400 and "EA123456789CN" in html and "校验位" in html
    assert f'<option value="{letter.pk}" selected>' in html
    assert not letter.deliveries.exists()
    response = client.post(url, {"new-expected_version": fresh(req).version, "new-letter": letter.pk,
                                 "new-method": "post", "new-handed_over_on": TODAY, "new-waybill_number": WAYBILL})
    assert response.status_code == 302 and letter.deliveries.get().waybill_number == WAYBILL


def test_a_consultation_without_the_information_keeps_what_was_typed(client, make_request, staff):
    req = walk(recent_request(make_request), staff, "accepted")
    client.force_login(staff["handler"])
    url = reverse("request_action", kwargs={"pk": req.pk, "action": "start_consultation"})
    response = client.post(url, {"expected_version": fresh(req).version, "party_kind": "third_party",
                                 "party_name": "山西某建筑工程有限公司", "party_address": "高平市建设路1号"})
    html = response.content.decode()
    assert response.status_code == 200 and "此项为必填项" in html
    assert 'value="山西某建筑工程有限公司"' in html and 'value="高平市建设路1号"' in html
    assert not fresh(req).consultations.exists() and not fresh(req).letters.exists()


def test_a_step_whose_notice_cannot_be_drafted_is_refused_and_nothing_changes(make_request, staff, monkeypatch):
    req = walk(make_request(received=days_ago(3)), staff, "accepted")

    def broken(**kwargs):
        raise notices.letter_services.LetterError("模板缺少占位符")

    monkeypatch.setattr(notices.letter_services, "letter_draft", broken)
    with pytest.raises(WorkflowError, match="生成补正告知书草稿失败：模板缺少占位符"):
        handling.request_correction(request=fresh(req), by=staff["handler"], items="请写明年份")
    req = fresh(req)
    assert req.state == "accepted" and not req.corrections.exists()


# --- the migration of the reply's deliveries -------------------------------------------------------------------------
def test_the_migration_points_existing_reply_deliveries_at_the_reply_letter(make_request, staff):
    import importlib

    req = walk(recent_request(make_request), staff, "delivered")
    reply = req.letters.get(kind="reply", state="frozen")
    Delivery.objects.filter(request=req).update(letter=None)
    migration = importlib.import_module("requests_cms.migrations.0011_notices_as_documents")
    migration.link_reply_deliveries(apps, None)
    assert req.deliveries.get().letter == reply


@pytest.mark.parametrize("parties", [1, 4])
def test_the_case_page_reads_notices_in_a_fixed_number_of_queries(client, make_request, staff, parties):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    req = consulting(make_request, staff, *[("third_party", f"第{i}公司") for i in range(parties)])
    for letter in req.letters.order_by("id"):
        post(req, issue(req, letter, staff["handler"]), staff["registrar"])
    client.force_login(staff["handler"])
    url = reverse("request_detail", kwargs={"pk": req.pk})
    client.get(url)  # warm the calendar caches
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert page.count('letter-status">已送达<') == parties
    print(f"case page with {parties} issued and posted consultation letters: {len(queries)} queries")
    assert len(queries) <= 36
