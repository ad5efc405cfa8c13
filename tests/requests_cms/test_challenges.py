"""Reconsiderations and lawsuits: the agency's answer deadline, the result, and a new reply when one is ordered."""

from datetime import date

import pytest
from django.urls import reverse

from requests_cms.models import Challenge
from requests_cms.services import decision, delivery
from requests_cms.services.challenges import challenge_record, challenge_record_result
from requests_cms.services.deadlines import add_workdays, challenge_answer_due
from requests_cms.services.errors import WorkflowError

from .delivery_support import at, days_ago, posted, reply_delivery, today


@pytest.mark.parametrize("kind, simple, received, due", [
    ("reconsideration", False, date(2025, 9, 25), date(2025, 10, 15)),  # 10 workdays across National Day
    ("reconsideration", True, date(2025, 9, 25), date(2025, 10, 9)),  # 5 workdays, simple procedure
    ("lawsuit_direct", False, date(2025, 9, 25), date(2025, 10, 10)),  # 15 days
    ("lawsuit_direct", False, date(2025, 9, 20), date(2025, 10, 9)),  # 15th day in the holiday: next workday
])
@pytest.mark.django_db
def test_the_answer_deadline_follows_the_kind_and_procedure(kind, simple, received, due):
    assert challenge_answer_due(kind=kind, received_on=received, simple_procedure=simple, region="national") == due


def record(req, staff, **extra):
    values = {"kind": "reconsideration", "body": "高平市人民政府", "received_on": today(),
              "case_number": "高政复〔2026〕12号"} | extra
    challenge_record(request=req, by=staff["handler"], **values)
    return Challenge.objects.filter(request=req).order_by("-id").first()


def test_recording_a_reconsideration_computes_and_stores_its_answer_deadline(make_request, staff):
    req = posted(make_request, staff)
    challenge = record(req, staff, simple_procedure=True)
    assert challenge.answer_due == add_workdays(today(), 5)
    assert challenge.result == "pending"
    assert req.events.order_by("-seq").first().action == "record_challenge"


@pytest.mark.parametrize("extra, fragment", [
    ({"body": " "}, "复议机关或法院"),
    ({"received_on": date(2020, 1, 2)}, "不能早于收到政府信息公开申请"),
    ({"kind": "lawsuit_direct", "simple_procedure": True}, "简易程序"),
])
def test_bad_challenge_input_is_refused(make_request, staff, extra, fragment):
    req = posted(make_request, staff)
    with pytest.raises(WorkflowError, match=fragment):
        record(req, staff, **extra)
    assert not req.challenges.exists()


def test_an_upheld_result_is_recorded_and_the_request_stays_as_it_was(make_request, staff):
    req = posted(make_request, staff)
    challenge = record(req, staff)
    req = challenge_record_result(challenge=challenge, by=staff["handler"], result="upheld", result_on=today())
    challenge.refresh_from_db()
    assert (challenge.result, challenge.result_on) == ("upheld", today())
    assert req.state == "delivered"


def test_a_result_that_orders_a_new_reply_reopens_the_request_with_the_ordered_period(make_request, staff):
    req = posted(make_request, staff)
    challenge = record(req, staff)
    req = challenge_record_result(challenge=challenge, by=staff["handler"], result="corrected", result_on=today(),
                                  orders_new_reply=True, new_reply_workdays=15)
    assert req.state == "accepted" and req.reopened_on == today() and req.reopen_workdays == 15
    assert req.due_date == add_workdays(today(), 15)
    assert req.replied_on is None and req.outcome == ""
    assert list(req.events.order_by("-seq").values_list("action", flat=True)[:2]) == [
        "reopen", "record_challenge_result"]


@pytest.mark.parametrize("result", ["upheld", "pending"])
def test_only_a_correcting_result_can_order_a_new_reply(make_request, staff, result):
    req = posted(make_request, staff)
    challenge = record(req, staff)
    with pytest.raises(WorkflowError, match="不能责令重新答复"):
        challenge_record_result(challenge=challenge, by=staff["handler"], result=result, result_on=today(),
                                orders_new_reply=True, new_reply_workdays=15)


def test_a_reopening_refused_to_the_user_leaves_the_result_unrecorded(make_request, staff):
    req = posted(make_request, staff)
    challenge = record(req, staff)
    with pytest.raises(WorkflowError):
        challenge_record_result(challenge=challenge, by=staff["registrar"], result="corrected", result_on=today(),
                                orders_new_reply=True, new_reply_workdays=15)
    challenge.refresh_from_db()
    req.refresh_from_db()
    assert challenge.result == "pending" and req.state == "delivered"


def test_after_reopening_the_old_delivery_does_not_prove_the_new_reply(make_request, staff):
    req = posted(make_request, staff, on=days_ago(2))
    req = delivery.delivery_add_postal_event(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                             status="delivered", occurred_at=at(days_ago(1)))
    req = delivery.request_file_proof(request=req, by=staff["registrar"])
    challenge = record(req, staff)
    req = challenge_record_result(challenge=challenge, by=staff["handler"], result="corrected", result_on=today(),
                                  orders_new_reply=True, new_reply_workdays=15)
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="disclosed", articles="条例第三十六条",
                                   reasons="重新答复", form_of_provision="纸质文本，直接送达")
    req = decision.request_decide(request=req, by=staff["handler"])
    req = decision.request_submit_for_approval(request=req, by=staff["handler"])
    req = decision.request_approve(request=req, by=staff["approver"])
    req = delivery.request_deliver(request=req, by=staff["registrar"], method="direct", handed_over_on=today())
    with pytest.raises(WorkflowError, match="送达回证"):
        delivery.request_file_proof(request=req, by=staff["registrar"])


def test_the_challenge_pages_record_a_challenge_and_its_result(client, make_request, staff):
    req = posted(make_request, staff)
    client.force_login(staff["handler"])
    url = reverse("challenge_new", kwargs={"pk": req.pk})
    assert "高平市人民政府" in client.get(url).content.decode()  # the agency's reconsideration body by default
    response = client.post(url, {"kind": "lawsuit_direct", "body": "高平市人民法院",
                                 "case_number": "（2026）晋0581行初5号",
                                 "received_on": today().isoformat(), "expected_version": req.version}, follow=True)
    challenge = req.challenges.get()
    assert challenge.body == "高平市人民法院" and f"{challenge.answer_due:%Y-%m-%d}" in response.content.decode()
    req.refresh_from_db()
    url = reverse("challenge_result", kwargs={"pk": req.pk, "challenge_pk": challenge.pk})
    response = client.post(url, {"result": "corrected", "orders_new_reply": "on", "expected_version": req.version})
    assert response.status_code == 400 and "须填写结果日期" in response.content.decode()
    client.post(url, {"result": "corrected", "result_on": today().isoformat(), "orders_new_reply": "on",
                      "new_reply_workdays": 10, "expected_version": req.version})
    req.refresh_from_db()
    assert req.state == "accepted" and req.reopen_workdays == 10


def test_another_agency_cannot_open_the_challenge_pages(client, make_request, staff):
    req = posted(make_request, staff)
    client.force_login(staff["other_handler"])
    assert client.get(reverse("challenge_new", kwargs={"pk": req.pk})).status_code == 404
