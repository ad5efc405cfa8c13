"""The statutory path and its guards, through the services."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from requests_cms.models import ConsultationAnswer
from requests_cms.services import decision, delivery, handling
from requests_cms.services.deadlines import add_workdays, workdays_between
from requests_cms.services.errors import WorkflowError

TODAY = timezone.localdate


def recent(days=3):
    return TODAY() - timedelta(days=days)


def propose(req, staff, outcome="disclosed", **extra):
    return decision.opinion_propose(request=req, by=staff["handler"], outcome=outcome,
                                    articles=extra.pop("articles", "条例第三十六条第（二）项"),
                                    reasons=extra.pop("reasons", "属于公开范围"),
                                    form_of_provision=extra.pop("form_of_provision", "纸质复印件邮寄"), **extra)


def to_pending_approval(req, staff, outcome="disclosed", **extra):
    req = handling.request_accept(request=req, by=staff["registrar"])
    req = propose(req, staff, outcome, **extra)
    req = decision.request_decide(request=req, by=staff["handler"])
    return decision.request_submit_for_approval(request=req, by=staff["handler"])


def test_the_whole_path_from_registration_to_closing(make_request, staff):
    req = to_pending_approval(make_request(received=recent()), staff)
    req = decision.request_approve(request=req, by=staff["approver"])
    assert req.state == "approved" and req.outcome == "disclosed"
    req = delivery.request_deliver(request=req, by=staff["registrar"], method="post", handed_over_on=TODAY(),
                                   waybill_number="EA123456785CN")
    assert req.state == "delivered" and req.replied_on == TODAY()
    with pytest.raises(WorkflowError, match="送达回证"):
        delivery.request_file_proof(request=req, by=staff["registrar"])
    req = delivery.request_file_proof(request=req, by=staff["registrar"],
                                      no_proof_reason="申请人拒签，见证人：李四、王五")
    assert req.state == "closed"
    actions = list(req.events.order_by("seq").values_list("action", flat=True))
    assert actions == ["register", "accept", "propose_opinion", "decide", "submit_for_approval", "approve", "deliver",
                       "file_proof"]


def test_a_correction_can_be_requested_only_once_and_restarts_the_clock(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    req = handling.request_correction(request=req, by=staff["handler"], items="请明确时间范围",
                                      notice_sent_on=date(2025, 9, 26))
    assert req.state == "correction_requested" and req.due_date is None
    req = handling.request_receive_correction(request=req, by=staff["registrar"], received_on=date(2025, 9, 25 + 5))
    assert req.state == "accepted"
    assert req.clock_start == date(2025, 9, 30)
    assert req.due_date == add_workdays(date(2025, 9, 30), 20)
    with pytest.raises(WorkflowError, match="只能发出一次"):
        handling.request_correction(request=req, by=staff["handler"], items="再补正", notice_sent_on=date(2025, 10, 9))


def test_an_extension_is_approver_only_once_and_at_most_20_workdays(make_request, staff):
    req = handling.request_accept(request=make_request(received=recent()), by=staff["registrar"])
    original = req.due_date
    with pytest.raises(WorkflowError, match="负责人"):
        handling.request_extend(request=req, by=staff["handler"], workdays=10, reason="档案量大")
    with pytest.raises(WorkflowError, match="1至20"):
        handling.request_extend(request=req, by=staff["approver"], workdays=21, reason="档案量大")
    req = handling.request_extend(request=req, by=staff["approver"], workdays=20, reason="档案量大")
    assert workdays_between(original, req.due_date) == 20
    assert req.extensions.get().new_due == req.due_date
    with pytest.raises(WorkflowError, match="只能一次"):
        handling.request_extend(request=req, by=staff["approver"], workdays=5, reason="再延")


def test_an_extension_after_the_due_date_is_refused(make_request, staff):
    req = handling.request_accept(request=make_request(received=date(2025, 9, 25)), by=staff["registrar"])
    with pytest.raises(WorkflowError, match="届满前"):
        handling.request_extend(request=req, by=staff["approver"], workdays=5, reason="档案量大")


def test_the_approver_may_not_approve_what_they_drafted(make_request, staff):
    req = handling.request_accept(request=make_request(received=recent()), by=staff["registrar"])
    req = decision.opinion_propose(request=req, by=staff["approver2"], outcome="disclosed", articles="第三十六条",
                                   reasons="公开", form_of_provision="纸质复印件邮寄")
    req = decision.request_decide(request=req, by=staff["approver2"])
    req = decision.request_submit_for_approval(request=req, by=staff["approver2"])
    with pytest.raises(WorkflowError, match="自己起草"):
        decision.request_approve(request=req, by=staff["approver2"])
    assert decision.request_approve(request=req, by=staff["approver"]).state == "approved"


def test_a_registrar_cannot_approve(make_request, staff):
    req = to_pending_approval(make_request(received=recent()), staff)
    with pytest.raises(WorkflowError, match="负责人"):
        decision.request_approve(request=req, by=staff["registrar"])


def test_a_not_held_reply_needs_a_recorded_search(make_request, staff):
    req = handling.request_accept(request=make_request(received=recent()), by=staff["registrar"])
    req = propose(req, staff, outcome="not_held", reasons="未找到")
    with pytest.raises(WorkflowError, match="检索"):
        decision.request_decide(request=req, by=staff["handler"])
    req = decision.search_record(request=req, by=staff["handler"], systems="档案室、OA系统", keywords="征地 补偿",
                                 searched_on=TODAY())
    assert decision.request_decide(request=req, by=staff["handler"]).state == "decided"


def test_a_decision_needs_an_outcome_and_its_legal_basis(make_request, staff):
    req = handling.request_accept(request=make_request(received=recent()), by=staff["registrar"])
    with pytest.raises(WorkflowError, match="法律条款"):
        propose(req, staff, articles=" ")
    with pytest.raises(WorkflowError, match="形式和途径"):
        propose(req, staff, form_of_provision="")


def test_a_return_for_revision_goes_back_to_the_handler(make_request, staff):
    req = to_pending_approval(make_request(received=recent()), staff)
    req = decision.request_return_for_revision(request=req, by=staff["approver"], comment="理由不充分")
    assert req.state == "opinion_proposed"
    assert req.approvals.get().approved is False


def test_consultation_pauses_the_clock_until_the_reply(make_request, staff):
    req = handling.request_accept(request=make_request(received=date(2025, 9, 25)), by=staff["registrar"])
    before = req.due_date
    req = handling.consultation_start(request=req, by=staff["handler"], party_kind="third_party",
                                      party_name="某公司", information="该公司的检查记录",
                                      sent_on=date(2025, 10, 9))
    consultation = req.consultations.get()
    assert consultation.window_ends_on == add_workdays(date(2025, 10, 9), 15)
    req = handling.consultation_record_reply(request=req, consultation=consultation, by=staff["handler"],
                                             answer=ConsultationAnswer.OBJECT, answered_on=date(2025, 10, 16),
                                             reasons="涉及商业秘密")
    assert req.due_date == add_workdays(before, workdays_between(date(2025, 10, 9), date(2025, 10, 16)))
    req = handling.consultation_finish(request=req, by=staff["handler"])
    assert req.state == "accepted"


def test_an_objection_needs_reasons(make_request, staff):
    req = handling.request_accept(request=make_request(received=recent(5)), by=staff["registrar"])
    req = handling.consultation_start(request=req, by=staff["handler"], party_kind="third_party",
                                      party_name="某公司", information="该公司的检查记录",
                                      sent_on=TODAY())
    with pytest.raises(WorkflowError, match="理由"):
        handling.consultation_record_reply(request=req, consultation=req.consultations.get(), by=staff["handler"],
                                           answer="object", answered_on=TODAY())


def test_a_fee_notice_pauses_the_clock_and_payment_resumes_it(make_request, staff, education):
    education.fee_method = "per_page"
    education.save()
    req = handling.request_accept(request=make_request(received=date(2025, 9, 25)), by=staff["registrar"])
    before = req.due_date
    req = handling.fee_issue_notice(request=req, by=staff["handler"], issued_on=date(2025, 10, 9), pages=150)
    notice = req.fee_notices.get()
    assert notice.amount == 1700 and req.state == "fee_pending"
    req = handling.fee_record_payment(request=req, by=staff["registrar"], paid_on=date(2025, 10, 14))
    assert req.state == "accepted"
    assert req.due_date == add_workdays(before, workdays_between(date(2025, 10, 9), date(2025, 10, 14)))


def test_a_free_request_gets_no_fee_notice(make_request, staff):
    req = handling.request_accept(request=make_request(received=recent()), by=staff["registrar"])
    with pytest.raises(WorkflowError, match="免费"):
        handling.fee_issue_notice(request=req, by=staff["handler"], issued_on=TODAY())


def test_withdrawal_is_possible_from_any_open_state_and_concludes(make_request, staff):
    req = make_request(received=recent())
    req = delivery.request_withdraw(request=req, by=staff["registrar"], reason="申请人书面撤回")
    assert req.state == "withdrawn" and req.outcome == "withdrawn" and req.concluded_on == TODAY()


def test_an_illegal_transition_says_why_in_chinese(make_request, staff):
    req = make_request(received=recent())
    with pytest.raises(WorkflowError) as err:
        decision.request_decide(request=req, by=staff["handler"])
    assert "已登记" in str(err.value) and "作出决定" in str(err.value)


def test_a_stale_version_is_a_conflict(make_request, staff):
    from requests_cms.services.errors import ConflictError

    req = make_request(received=recent())
    handling.request_accept(request=req, by=staff["registrar"], expected_version=req.version)
    with pytest.raises(ConflictError, match="已有新的办理记录"):
        delivery.request_withdraw(request=req, by=staff["registrar"], reason="撤回", expected_version=req.version)
