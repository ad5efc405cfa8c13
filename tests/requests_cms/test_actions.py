"""The action registry (actions.py) through the case page: actions offered exactly when the state machine allows,
each mapped to its service, errors kept in Chinese."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from requests_cms.actions import CASE_ACTIONS, allowed_actions
from requests_cms.models import InformationRequest
from requests_cms.services import handling

from .views_support import days_ago, recent_request, walk


def action_url(req, name):
    return reverse("request_action", kwargs={"pk": req.pk, "action": name})


def act(client, req, name, **data):
    req.refresh_from_db()
    return client.post(action_url(req, name), {"expected_version": req.version, **data})


def as_user(client, staff, role):
    client.force_login(staff[role])
    return client


@pytest.mark.parametrize("stage", ["registered", "accepted", "pending_approval", "delivered"])
def test_every_action_form_is_reachable_only_when_available(client, staff, make_request, stage):
    req = recent_request(make_request)
    if stage != "registered":
        req = walk(req, staff, stage)
    for role in ("registrar", "handler", "approver", "auditor"):
        user = staff[role]
        client.force_login(user)
        allowed = set(allowed_actions(req, user))
        page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
        for name in CASE_ACTIONS:
            status = client.get(action_url(req, name)).status_code
            shown = 302 if name == "deliver" else 200  # the reply is delivered on the delivery page
            assert status == (shown if name in allowed else 403), (stage, role, name)
            assert (f'data-action="{name}"' in page) == (name in allowed), (stage, role, name)


def test_a_registrar_posting_approve_is_refused_with_the_reason(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "pending_approval")
    response = act(as_user(client, staff, "registrar"), req, "approve", comment="同意")
    assert response.status_code == 403
    assert "只有负责人（审批人）可以审批" in response.content.decode()
    req.refresh_from_db()
    assert req.state == "pending_approval"


def test_the_drafter_cannot_approve_their_own_reply(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "accepted")
    as_user(client, staff, "approver2")  # approver and handler
    act(client, req, "propose_opinion", outcome="disclosed", articles="第三十六条", reasons="予以公开",
        form_of_provision="纸质")
    act(client, req, "decide")
    act(client, req, "submit_for_approval")
    response = act(client, req, "approve")
    assert response.status_code == 403 and "审批人不能审批自己起草的答复" in response.content.decode()


def test_a_whole_case_through_the_forms(client, staff, make_request):
    req = recent_request(make_request)
    h = as_user(Client(), staff, "handler")
    a = as_user(Client(), staff, "approver")
    r = as_user(Client(), staff, "registrar")
    steps = [
        (r, "accept", {"note": "材料齐全"}),
        (h, "request_correction", {"items": "请写明文件名称", "notice_sent_on": days_ago(9)}),
        (r, "receive_correction", {"received_on": days_ago(7), "corrected_description": "2025年部门预算"}),
        (h, "start_consultation", {"party_kind": "third_party", "party_name": "某某公司", "sent_on": days_ago(6)}),
        (r, "record_consultation_reply", {"consultation": lambda q: q.consultations.get().pk, "answer": "object",
                                          "answered_on": days_ago(3), "reasons": "涉及商业秘密"}),
        (h, "finish_consultation", {}),
        (a, "extend", {"workdays": 10, "reason": "需调取档案"}),
        (h, "propose_opinion", {"outcome": "not_held", "articles": "第三十六条第（四）项", "reasons": "经检索不存在"}),
        (h, "record_search", {"systems": "公文系统、档案室", "keywords": "预算", "searched_on": days_ago(1)}),
        (h, "decide", {}),
        (h, "submit_for_approval", {}),
        (a, "return_for_revision", {"comment": "请改为部分公开"}),
        (h, "propose_opinion", {"outcome": "partly_disclosed", "articles": "第十四条、第三十七条",
                                "reasons": "部分涉密", "form_of_provision": "纸质，邮寄"}),
        (h, "decide", {}),
        (h, "submit_for_approval", {}),
        (a, "approve", {"comment": "同意"}),
        (r, "deliver", {"method": "post", "handed_over_on": days_ago(0), "waybill_number": "EA123456785CN"}),
        (r, "file_proof", {"no_proof_reason": "申请人拒签", "witnesses": "李四、王五"}),
        (h, "reopen", {"order_received_on": days_ago(0), "workdays": 15, "reason": "复议决定责令重新答复"}),
        (r, "withdraw", {"reason": "申请人书面撤回"}),
    ]
    expected = ["accepted", "correction_requested", "accepted", "consulting", "consulting", "accepted", "accepted",
                "opinion_proposed", "opinion_proposed", "decided", "pending_approval", "opinion_proposed",
                "opinion_proposed", "decided", "pending_approval", "approved", "delivered", "closed", "accepted",
                "withdrawn"]
    for (who, name, data), state in zip(steps, expected, strict=True):
        data = {k: (v(req) if callable(v) else v) for k, v in data.items()}
        response = act(who, req, name, **data)
        assert response.status_code == 302, (name, re.findall(r"<li>(.*?)</li>", response.content.decode()))
        req.refresh_from_db()
        assert req.state == state, name
    assert req.extensions.get().workdays == 10 and req.search_records.count() == 1
    assert req.deliveries.get().waybill_number == "EA123456785CN"


def test_lapses_need_the_period_over(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "accepted")
    handling.request_correction(request=req, by=staff["handler"], items="补充", notice_sent_on=days_ago(9),
                                period_ends_on=days_ago(1))
    response = act(as_user(client, staff, "handler"), req, "lapse_correction")
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.state == "abandoned" and req.outcome == "correction_lapsed"


def test_a_service_refusal_is_shown_in_chinese_and_the_form_keeps_the_input(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "accepted")
    response = act(as_user(client, staff, "handler"), req, "issue_fee_notice", issued_on=days_ago(1), pages=7)
    page = response.content.decode()
    assert response.status_code == 200 and "按收费标准本申请免费" in page
    assert 'value="7"' in page and days_ago(1).isoformat() in page


def test_validation_errors_are_in_chinese_and_keep_the_input(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "accepted")
    response = act(as_user(client, staff, "handler"), req, "propose_opinion", outcome="not_this_agency",
                   articles="第三十六条第（五）项", reasons="<b>应向市场监管局申请</b>")
    page = response.content.decode()
    assert "须写明负责公开的机关" in page and "&lt;b&gt;应向市场监管局申请&lt;/b&gt;" in page
    response = act(client, req, "deliver", method="post", handed_over_on="")
    assert response.status_code == 403  # not available in this state: refused, nothing saved
    req.refresh_from_db()
    assert req.state == "accepted"


def test_a_conflict_is_shown_plainly_and_keeps_the_typed_data(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "accepted")
    stale = req.version
    handling.request_extend(request=req, by=staff["approver"], workdays=5, reason="他人已操作")
    client.force_login(staff["handler"])
    response = client.post(action_url(req, "propose_opinion"), {
        "expected_version": stale, "outcome": "disclosed", "articles": "第三十六条", "reasons": "我写的理由",
        "form_of_provision": "纸质"})
    page = response.content.decode()
    assert response.status_code == 409 and "该申请已被他人更新" in page and "我写的理由" in page
    assert "重新载入表单" in page
    assert InformationRequest.objects.get(pk=req.pk).state == "accepted"


def test_csrf_is_enforced(staff, make_request):
    req = recent_request(make_request)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["registrar"])
    response = client.post(action_url(req, "accept"), {"expected_version": req.version})
    assert response.status_code == 403
    req.refresh_from_db()
    assert req.state == "registered"
    page = client.get(action_url(req, "accept"))
    token = page.cookies["csrftoken"].value
    response = client.post(action_url(req, "accept"), {"expected_version": req.version, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_another_agencys_user_gets_404_on_actions(client, staff, make_request):
    req = recent_request(make_request)
    client.force_login(staff["other_handler"])
    assert client.get(action_url(req, "accept")).status_code == 404
    assert act(client, req, "accept").status_code == 404


def test_an_unknown_action_is_404(client, staff, make_request):
    req = recent_request(make_request)
    client.force_login(staff["handler"])
    assert client.get(action_url(req, "delete_everything")).status_code == 404


def test_the_delivery_form_starts_from_the_applicant_name_postcode_and_address(client, staff, make_request, applicant):
    applicant.postcode, applicant.address = "048400", "山西省高平市东城街道建设路8号"
    applicant.save()
    req = walk(recent_request(make_request), staff, "approved")
    client.force_login(staff["handler"])
    response = client.get(action_url(req, "deliver"))  # one place records deliveries: the delivery page
    assert response.status_code == 302
    assert response["Location"] == reverse("delivery_panel", kwargs={"pk": req.pk}) + "#deliveries"
    case_page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert f'href="{response["Location"]}" data-action="deliver"' in case_page
    form = client.get(response["Location"]).context["new_form"]
    assert form.initial["recipient_name"] == applicant.name and form.initial["letter_label"] == "答复书"
    assert form.initial["address"] == "048400 山西省高平市东城街道建设路8号"
