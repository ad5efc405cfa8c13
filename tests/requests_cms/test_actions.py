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
    act(client, req, "decide")  # decides and submits: the same person takes both steps
    response = act(client, req, "approve")
    assert response.status_code == 403 and "审批人不能审批自己起草的答复" in response.content.decode()


def issue_and_post(issuer, poster, req, kind):
    """The notice of `kind` drafted at its step: issued on the case page, posted on the delivery page today."""
    letter = req.letters.get(kind=kind)
    req.refresh_from_db()
    issued = issuer.post(reverse("letter_issue", kwargs={"pk": req.pk, "letter_pk": letter.pk}),
                         {"expected_version": req.version})
    assert issued.status_code == 302
    req.refresh_from_db()
    posted = poster.post(reverse("delivery_new", kwargs={"pk": req.pk}), {
        "new-expected_version": req.version, "new-letter": letter.pk, "new-method": "post",
        "new-handed_over_on": days_ago(0), "new-waybill_number": "EA123456785CN"})
    assert posted.status_code == 302, re.findall(r'role="alert">(.*?)<', posted.content.decode())
    return None


def test_a_whole_case_through_the_forms(client, staff, make_request):
    req = recent_request(make_request)
    h = as_user(Client(), staff, "handler")
    a = as_user(Client(), staff, "approver")
    r = as_user(Client(), staff, "registrar")
    steps = [
        (r, "accept", {"note": "材料齐全"}),
        (h, "request_correction", {"items": "请写明文件名称",  # 8 workdays after receipt: with consent
                                   "late_consent_by": lambda q: staff["approver"].pk}),
        (h, "correction_notice", r),
        (r, "receive_correction", {"received_on": days_ago(0), "corrected_description": "2025年部门预算"}),
        (h, "start_consultation", {"party_kind": "third_party", "party_name": "某某公司",
                                   "information": "该公司的检查记录"}),
        (h, "third_party_consultation", r),
        (r, "record_consultation_reply", {"consultation": lambda q: q.consultations.get().pk, "answer": "object",
                                          "answered_on": days_ago(0), "reasons": "涉及商业秘密"}),
        (h, "finish_consultation", {}),
        (a, "extend", {"workdays": 10, "reason": "需调取档案"}),
        (h, "propose_opinion", {"outcome": "not_held", "articles": "第三十六条第（四）项", "reasons": "经检索不存在"}),
        (h, "record_search", {"systems": "公文系统、档案室", "keywords": "预算", "searched_on": days_ago(1)}),
        (h, "decide", {}),  # 作出决定并报批: one click, two events
        (a, "return_for_revision", {"comment": "请改为部分公开"}),
        (h, "propose_opinion", {"outcome": "partly_disclosed", "articles": "第十四条、第三十七条",
                                "reasons": "部分涉密", "form_of_provision": "纸质，邮寄"}),
        (h, "decide", {}),
        (a, "approve", {"comment": "同意"}),
        (r, "deliver", {"method": "post", "handed_over_on": days_ago(0), "waybill_number": "EA123456785CN"}),
        (r, "file_proof", {"no_proof_reason": "申请人拒签", "witnesses": "李四、王五", "confirm": "on"}),
        (h, "reopen", {"order_received_on": days_ago(0), "workdays": 15, "reason": "复议决定责令重新答复"}),
        (r, "withdraw", {"reason": "申请人书面撤回"}),
    ]
    expected = ["accepted", "correction_requested", "correction_requested", "accepted", "consulting", "consulting",
                "consulting", "accepted", "accepted",
                "opinion_proposed", "opinion_proposed", "pending_approval", "opinion_proposed",
                "opinion_proposed", "pending_approval", "approved", "delivered", "closed", "accepted", "withdrawn"]
    for (who, name, data), state in zip(steps, expected, strict=True):
        if isinstance(data, Client):  # a notice drafted at the step before: issued and posted
            issue_and_post(who, data, req, name)
            req.refresh_from_db()
            assert req.state == state, name
            continue
        data = {k: (v(req) if callable(v) else v) for k, v in data.items()}
        response = act(who, req, name, **data)
        assert response.status_code == 302, (name, re.findall(r"<li>(.*?)</li>", response.content.decode()))
        req.refresh_from_db()
        assert req.state == state, name
    assert req.extensions.get().workdays == 10 and req.search_records.count() == 1
    assert req.deliveries.get(for_reply=True).waybill_number == "EA123456785CN"
    assert req.deliveries.filter(for_reply=False, letter__isnull=False).count() == 2


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
    response = act(as_user(client, staff, "handler"), req, "issue_fee_notice", pages=7)
    page = response.content.decode()
    assert response.status_code == 200 and "按收费标准本申请免费" in page
    assert 'value="7"' in page


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


def _stale_opinion(client, staff, make_request, *, changed_by, posted_by):
    """`changed_by` extends the request after `posted_by` opened the opinion form; `posted_by` then sends it."""
    req = walk(recent_request(make_request), staff, "accepted")
    stale = req.version
    handling.request_extend(request=req, by=staff[changed_by], workdays=5, reason="先办理了延期")
    client.force_login(staff[posted_by])
    response = client.post(action_url(req, "propose_opinion"), {
        "expected_version": stale, "outcome": "disclosed", "articles": "第三十六条", "reasons": "我写的理由",
        "form_of_provision": "纸质"})
    return req, response, response.content.decode()


def test_a_conflict_is_shown_plainly_and_keeps_the_typed_data(client, staff, make_request):
    req, response, page = _stale_opinion(client, staff, make_request, changed_by="approver", posted_by="handler")
    assert response.status_code == 409 and "我写的理由" in page
    assert "由 郭慧（高平市教育局） 办理了“延期答复”" in page  # who, and by which action
    fresh = InformationRequest.objects.get(pk=req.pk)
    assert fresh.state == "accepted"
    assert f'name="expected_version" value="{fresh.version}"' in page  # sending again acts on what is now
    assert action_url(req, "propose_opinion") in page.split('id="conflict"', 1)[1].split("</div>", 1)[0]


def test_a_conflict_with_oneself_in_another_tab_says_so(client, staff, make_request):
    _req, response, page = _stale_opinion(client, staff, make_request, changed_by="approver2", posted_by="approver2")
    assert response.status_code == 409 and "您已在另一窗口或标签页中办理了“延期答复”" in page and "他人" not in page


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
    reply = req.letters.get(kind="reply", state="frozen")
    assert form.initial["recipient_name"] == applicant.name and form.initial["letter"] == str(reply.pk)
    assert form.initial["address"] == "048400 山西省高平市东城街道建设路8号"


def test_deciding_submits_for_approval_in_the_same_click_with_both_events(client, staff, make_request):
    from requests_cms.models import EventAction

    req = walk(recent_request(make_request), staff, "opinion_proposed")
    response = act(as_user(client, staff, "handler"), req, "decide")
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.state == "pending_approval"
    assert list(req.events.order_by("-seq").values_list("action", flat=True)[:2]) == [
        EventAction.SUBMIT_FOR_APPROVAL, EventAction.DECIDE]


def test_a_request_left_decided_can_still_be_submitted_alone(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "decided")  # e.g. decided before this release
    assert act(as_user(client, staff, "handler"), req, "submit_for_approval").status_code == 302
    req.refresh_from_db()
    assert req.state == "pending_approval"


def test_confirmation_steps_are_taken_from_the_case_page_with_one_button(client, staff, make_request):
    req = walk(recent_request(make_request), staff, "opinion_proposed")
    client = as_user(client, staff, "handler")
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    form = page.split(f'action="{action_url(req, "decide")}"', 1)[1].split("</form>", 1)[0]
    assert f'name="expected_version" value="{req.version}"' in form and "作出决定并报批" in form
    response = client.post(action_url(req, "decide"), {"expected_version": req.version})
    assert response.status_code == 302 and response["Location"] == reverse("request_detail", kwargs={"pk": req.pk})


def test_a_decision_stands_and_says_why_when_its_submission_is_refused(client, staff, make_request, officers,
                                                                      departments, settings, tmp_path):
    from requests_cms.services import decision

    from .redaction_support import consulted_request

    settings.MEDIA_ROOT = tmp_path
    req, _document = consulted_request(make_request, staff, officers, departments)  # no released copy yet
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="partly_disclosed",
                                   articles="第十五条、第三十七条", reasons="含个人隐私", form_of_provision="电子文件")
    client = as_user(client, staff, "handler")
    response = client.post(action_url(req, "decide"), {"expected_version": req.version}, follow=True)
    req.refresh_from_db()
    assert req.state == "decided"
    assert "已作出决定；未报批：以下文件尚未生成公开件，不能报批：《学校名单》" in response.content.decode()
