"""The case page: what it shows, to whom, escaped, in a bounded number of queries."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from requests_cms.services import deadlines, handling, registration

from .views_support import days_ago, recent_request, walk


def url(req):
    return reverse("request_detail", kwargs={"pk": req.pk})


def test_it_shows_the_request_deadline_timeline_and_actions(client, staff, make_request):
    req = recent_request(make_request)
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    assert req.number in page and "张伟" in page and "请公开2025年度部门预算" in page
    assert req.due_date.strftime("%Y年%-m月%-d日") in page and "剩余" in page and "计算过程" in page
    assert "登记" in page and "刘芳" in page  # the register event and its actor
    assert reverse("request_action", kwargs={"pk": req.pk, "action": "accept"}) in page
    assert reverse("request_action", kwargs={"pk": req.pk, "action": "request_correction"}) in page
    assert reverse("request_action", kwargs={"pk": req.pk, "action": "approve"}) not in page


@pytest.mark.parametrize("state, who, hint", [
    ("approved", "approver", "下一步：送达，由承办人、登记人员办理。"),
    ("pending_approval", "handler", "下一步：批准，由负责人（审批）办理。"),
    ("approved", "handler", None),  # the handler takes it: it is the first button, no hint
])
def test_a_user_who_cannot_take_the_next_step_is_told_what_it_is_and_who_takes_it(client, staff, make_request,
                                                                                   state, who, hint):
    req = walk(recent_request(make_request), staff, state)
    client.force_login(staff[who])
    page = client.get(url(req)).content.decode()
    if hint:
        assert hint in re.sub(r"<[^>]+>", "", page)
    else:
        assert 'id="next-by-others"' not in page


@pytest.mark.parametrize("state, first", [("registered", "accept"), ("accepted", "propose_opinion"),
                                          ("decided", "submit_for_approval")])
def test_the_usual_next_step_comes_first_and_withdrawal_last(client, staff, make_request, state, first):
    req = recent_request(make_request)
    req = req if state == "registered" else walk(req, staff, state)
    client.force_login(staff["handler"])
    actions = [name for name, *_ in client.get(url(req)).context["actions"]]
    assert actions[0] == first and actions[-1] == "withdraw"
    assert "申请人撤回申请" in client.get(url(req)).content.decode()


def test_blocked_actions_are_listed_with_their_reasons(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "pending_approval")
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    assert "暂不能办理的操作" in page and "只有负责人（审批人）可以审批" in page
    assert reverse("request_action", kwargs={"pk": req.pk, "action": "approve"}) not in page


def test_user_text_is_escaped(client, staff, make_request):
    req = recent_request(make_request, description="<script>alert('x')</script> & 预算")
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; 预算" in page


def test_another_agencys_user_gets_404(client, staff, make_request):
    req = recent_request(make_request)
    client.force_login(staff["other_handler"])
    assert client.get(url(req)).status_code == 404


@pytest.mark.parametrize("role", ["auditor", "oversight"])
def test_read_only_users_see_everything_but_no_forms(client, staff, make_request, role):
    req = recent_request(make_request)
    client.force_login(staff[role])
    response = client.get(url(req))
    page = response.content.decode()
    assert response.status_code == 200 and req.number in page and "只读" in page
    assert "/actions/" not in page and reverse("attachment_upload", kwargs={"pk": req.pk}) not in page
    action = reverse("request_action", kwargs={"pk": req.pk, "action": "accept"})
    assert client.get(action).status_code == 403


def test_the_correction_state_shows_the_stopped_clock(client, staff, make_request):
    req = recent_request(make_request)
    handling.request_correction(request=req, by=staff["handler"], items="请写明文件名称", notice_sent_on=days_ago(8))
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    assert "期限停止计算" in page and "请写明文件名称" in page


def test_an_extension_shows_and_a_due_date_in_a_year_without_official_calendar_is_provisional(client, staff,
                                                                                             make_request):
    req = walk(recent_request(make_request), staff, "accepted")  # received 2026-11-22, extended into 2027
    req = handling.request_extend(request=req, by=staff["approver"], workdays=20, reason="需调取档案")
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    assert "延长 20 个工作日" in page and "需调取档案" in page
    result = deadlines.reply_deadline(req)
    assert result.due.year == 2027 and result.provisional
    assert "暂定" in page and result.provisional_reasons[0] in page


def test_a_due_date_within_the_official_calendars_is_not_provisional(client, staff, make_request, fixed_clock):
    fixed_clock.move_to(datetime(2026, 5, 6, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    req = walk(recent_request(make_request), staff, "accepted")
    req = handling.request_extend(request=req, by=staff["approver"], workdays=20, reason="需调取档案")
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    assert not deadlines.reply_deadline(req).provisional
    assert "延长 20 个工作日" in page and "暂定" not in page


def _with_events(make_request, staff, n):
    req = recent_request(make_request)
    for i in range(n - 1):
        req = registration.request_override_received_on(request=req, by=staff["registrar"], received_on=days_ago(10),
                                                        reason=f"核对第{i}次")
    return req


@pytest.mark.parametrize("events", [3, 30])
def test_the_case_page_runs_a_bounded_number_of_queries(client, staff, make_request, django_assert_max_num_queries,
                                                         events):
    req = walk(_with_events(make_request, staff, events), staff, "delivered")
    client.force_login(staff["handler"])
    client.get(url(req))  # warm the calendar caches
    # The page (38, flat: notices, departments, REG 35 panels; +1 the responsive documents), plus the record's
    # verification (services/audit_verify.read_record): the request, its events, frozen letters and uploads, and one
    # query per history table its events anchor — flat in the events.
    with django_assert_max_num_queries(48):
        response = client.get(url(req))
    assert response.status_code == 200
    assert 'id="audit-alert"' not in response.content.decode()
    assert response.content.decode().count('class="tl-head"') == events + 6


def test_the_acknowledgement_is_one_click_from_the_case_page(client, staff, make_request):
    req = recent_request(make_request)
    client.force_login(staff["registrar"])
    page = client.get(url(req) + "?registered=1").content.decode()
    draft_url = reverse("letter_draft", kwargs={"pk": req.pk, "kind": "acknowledgement"})
    assert draft_url in page
    response = client.post(draft_url, {"then": "preview"})
    assert response.status_code == 302
    pdf = client.get(response["Location"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and pdf["X-Content-Type-Options"] == "nosniff"
    letter = req.letters.get()
    assert "登记回执" in client.get(url(req)).content.decode()
    client.force_login(staff["other_handler"])
    assert client.get(response["Location"]).status_code == 404
    assert client.post(draft_url).status_code == 404
    client.force_login(staff["auditor"])
    assert client.get(response["Location"]).status_code == 200
    assert client.post(draft_url).status_code == 403
    assert client.get(reverse("letter_edit", kwargs={"pk": req.pk, "letter_pk": letter.pk})).status_code == 403


def test_a_draft_letter_text_can_be_edited(client, staff, make_request):
    req = recent_request(make_request)
    client.force_login(staff["handler"])
    client.post(reverse("letter_draft_select", kwargs={"pk": req.pk}), {"kind": "acknowledgement"})
    letter = req.letters.get()
    edit = reverse("letter_edit", kwargs={"pk": req.pk, "letter_pk": letter.pk})
    assert letter.text.splitlines()[0] in client.get(edit).content.decode()
    response = client.post(edit, {"text": letter.text + "\n特此告知。"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.text.endswith("特此告知。")


def test_after_the_applicant_receives_the_reply_the_remedy_periods_are_shown(client, staff, make_request):
    from requests_cms.services import delivery
    from requests_cms.services.deadlines import lawsuit_due, reconsideration_due

    req = walk(recent_request(make_request), staff, "delivered")
    req = delivery.delivery_record_receipt(request=req, delivery=req.deliveries.get(), by=staff["registrar"],
                                           received_on=days_ago(0))
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    assert f"申请行政复议至 <strong>{reconsideration_due(days_ago(0)).due.isoformat()}" in page
    assert f"提起行政诉讼至 <strong>{lawsuit_due(days_ago(0)).due.isoformat()}" in page


def test_the_approval_page_shows_the_answer_being_approved(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "pending_approval")
    client.force_login(staff["approver"])
    page = client.get(reverse("request_action", kwargs={"pk": req.pk, "action": "approve"})).content.decode()
    assert "拟作出的答复" in page and "予以公开" in page and "第三十六条第（二）项" in page
    letter = req.letters.get(kind="reply")
    assert reverse("letter_pdf", kwargs={"pk": req.pk, "letter_pk": letter.pk}) in page


def test_the_draft_selector_suggests_the_notice_the_state_calls_for(client, staff, make_request):
    req = recent_request(make_request)
    client.force_login(staff["handler"])
    assert client.get(url(req)).context["letters"]["suggested"] == "acknowledgement"
    req = handling.request_correction(request=handling.request_accept(request=req, by=staff["handler"]),
                                      by=staff["handler"], items="请写明文号", notice_sent_on=days_ago(3))
    page = client.get(url(req))
    assert page.context["letters"]["suggested"] == "correction_notice"
    assert '<option value="correction_notice" selected>补正告知书（建议）</option>' in page.content.decode()


def test_after_a_correction_every_page_reads_the_corrected_wording_and_the_original_is_one_click_away(
        client, staff, make_request):
    req = handling.request_correction(request=recent_request(make_request), by=staff["handler"],
                                      items="请写明文件名称", notice_sent_on=days_ago(1))
    req = handling.request_receive_correction(request=req, by=staff["registrar"], received_on=days_ago(0),
                                              corrected_description="请公开《2025年部门预算》全文")
    client.force_login(staff["handler"])
    page = client.get(url(req)).content.decode()
    shown = page.split('id="current-description">', 1)[1].split("<details", 1)[0]
    assert "请公开《2025年部门预算》全文" in shown and req.description not in shown
    assert "原申请内容" in page and req.description in page.split('class="original"', 1)[1]
    action_page = client.get(reverse("request_action", kwargs={"pk": req.pk, "action": "propose_opinion"}))
    summary = action_page.content.decode().split('class="context', 1)[1].split("</p>", 1)[0]
    assert "请公开《2025年部门预算》全文" in summary and req.description not in summary
