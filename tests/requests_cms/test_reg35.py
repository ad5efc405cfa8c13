"""REG 35 (domain.md §3): ask the applicant for reasons; refused → `excessive`; accepted → a delayed reply period set
by an approver, with its notice; the request is delayed, not overdue, before that date."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from letters.kinds import LetterKind
from requests_cms.forms.actions import AcceptReasonsForm, AskReasonsForm
from requests_cms.models import PauseReason
from requests_cms.selectors.deadlines import is_overdue
from requests_cms.services import decision, handling, reasons
from requests_cms.services.deadlines import add_workdays, reasons_period_ends, reply_due
from requests_cms.services.errors import WorkflowError
from requests_cms.services.letter_facts import facts_for
from requests_cms.services.request_letters import letter_draft

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 11, 2)
ASKED = date(2026, 11, 4)


@pytest.fixture
def asked(make_request, staff):
    req = handling.request_accept(request=make_request(received=RECEIVED), by=staff["registrar"])
    return reasons.reasons_ask(request=req, by=staff["handler"], grounds="本月内已提出申请48件，内容基本相同",
                               asked_on=ASKED)


def test_asking_for_reasons_waits_for_the_applicant_with_the_clock_paused(asked):
    assert asked.state == "reasons_requested"
    record = asked.reasons_requests.get()
    assert record.period_ends_on == reasons_period_ends(ASKED) == add_workdays(ASKED, 15)
    pause = asked.pauses.get(reason=PauseReason.REASONS)
    assert (pause.start, pause.end) == (ASKED, record.period_ends_on)
    event = asked.events.get(action="ask_reasons")
    assert "本月内已提出申请48件" in event.note and event.to_state == "reasons_requested"


def test_reasons_can_be_asked_for_once_only(asked, staff):
    req = reasons.reasons_accept(request=asked, by=staff["handler"], received_on=date(2026, 11, 10),
                                 applicant_reasons="学术研究需要", assessment="理由合理")
    assert req.state == "accepted"
    with pytest.raises(WorkflowError, match="只能一次"):
        reasons.reasons_ask(request=req, by=staff["handler"], grounds="再次", asked_on=date(2026, 11, 11))


def test_accepted_reasons_without_a_delay_leave_the_reply_period_of_reg_33_with_the_wait_left_out(asked, staff):
    req = reasons.reasons_accept(request=asked, by=staff["handler"], received_on=date(2026, 11, 10),
                                 applicant_reasons="学术研究需要", assessment="理由合理")
    pause = req.pauses.get(reason=PauseReason.REASONS)
    assert (pause.start, pause.end) == (ASKED, date(2026, 11, 10))
    assert req.due_date == reply_due(received=RECEIVED, pauses=[(ASKED, date(2026, 11, 10))]).due


def test_reasons_cannot_be_refused_before_they_arrive_or_the_period_ends(asked, staff, fixed_clock):
    fixed_clock.move_to(timezone.make_aware(timezone.datetime(2026, 11, 20, 10)))  # the period ends 2026-11-25
    with pytest.raises(WorkflowError, match="尚未说明理由"):
        reasons.reasons_refuse(request=asked, by=staff["handler"], assessment="理由不合理")
    asked.refresh_from_db()
    assert asked.state == "reasons_requested" and asked.reasons_requests.get().accepted is None
    assert not asked.decisions.exists()


def test_refused_reasons_propose_the_excessive_outcome_and_its_reply(asked, staff):
    req = reasons.reasons_refuse(request=asked, by=staff["handler"], received_on=date(2026, 11, 10),
                                 applicant_reasons="想看看", assessment="所述理由不能说明申请数量、频次的合理性。")
    assert req.state == "opinion_proposed"
    current = req.current_decision
    assert current.outcome == "excessive" and "第三十五条" in current.articles
    req = decision.request_decide(request=req, by=staff["handler"])
    reply = req.letters.get(kind=LetterKind.REPLY)
    assert "本机关已要求您说明理由" in reply.text and "所述理由不能说明" in reply.text
    assert "第三十五条" in reply.text and "本告知书" in reply.text


def test_no_reasons_within_the_period_may_be_refused(asked, staff, fixed_clock):
    fixed_clock.move_to(timezone.make_aware(timezone.datetime(2026, 11, 30, 10)))
    req = reasons.reasons_refuse(request=asked, by=staff["handler"], assessment="申请人逾期未说明理由。")
    assert req.state == "opinion_proposed" and req.reasons_requests.get().reasons_received_on is None


def test_a_delayed_reply_period_is_set_by_an_approver_only(asked, staff):
    with pytest.raises(WorkflowError, match="须由负责人确定"):
        reasons.reasons_accept(request=asked, by=staff["handler"], received_on=date(2026, 11, 10),
                               applicant_reasons="研究", assessment="合理", delayed_due=date(2027, 2, 26),
                               delay_reason="档案分散")
    asked.refresh_from_db()
    assert asked.state == "reasons_requested"


def test_a_delayed_reply_period_must_go_beyond_the_reg_33_due_date(asked, staff):
    with pytest.raises(WorkflowError, match="须晚于按条例第三十三条计算的答复期限"):
        reasons.reasons_accept(request=asked, by=staff["approver2"], received_on=date(2026, 11, 10),
                               applicant_reasons="研究", assessment="合理", delayed_due=date(2026, 12, 4),
                               delay_reason="档案分散")


def test_a_delayed_reply_is_due_on_the_date_set_and_not_overdue_before_it(asked, staff, fixed_clock):
    req = reasons.reasons_accept(request=asked, by=staff["approver2"], received_on=date(2026, 11, 10),
                                 applicant_reasons="研究", assessment="合理", delayed_due=date(2027, 1, 29),
                                 delay_reason="所需信息分散于历年纸质档案，需逐件调取审查。")
    assert req.state == "accepted" and req.due_date == date(2027, 1, 29)
    assert req.delayed_reply
    normal = reply_due(received=RECEIVED, pauses=[(ASKED, date(2026, 11, 10))]).due
    assert normal < date(2027, 1, 29)
    event = req.events.get(action="accept_reasons")
    assert event.due_after == date(2027, 1, 29) and "延迟答复期限至2027-01-29" in event.note
    fixed_clock.move_to(timezone.make_aware(timezone.datetime(2027, 1, 15, 10)))
    assert not is_overdue(req, timezone.localdate())  # past the REG 33 date, within the delayed period
    assert is_overdue(req, date(2027, 2, 1))


def test_the_delay_notice_is_drafted_from_the_step(asked, staff):
    req = reasons.reasons_accept(request=asked, by=staff["approver2"], received_on=date(2026, 11, 10),
                                 applicant_reasons="研究", assessment="合理", delayed_due=date(2027, 1, 29),
                                 delay_reason="所需信息分散于历年纸质档案，需逐件调取审查。")
    facts = facts_for(req, LetterKind.DELAY_NOTICE)
    assert facts.delayed_due_date == date(2027, 1, 29) and facts.reasons_notice_date == ASKED
    letter = letter_draft(request=req, kind=LetterKind.DELAY_NOTICE, by=staff["handler"])
    assert letter.title == "政府信息公开申请延迟答复告知书"
    assert "2027年1月29日前作出答复" in letter.text and "所需信息分散于历年纸质档案" in letter.text
    assert "第三十五条" in letter.text
    notice = letter_draft(request=req, kind=LetterKind.REASONS_NOTICE, by=staff["handler"])
    assert "本月内已提出申请48件" in notice.text and "说明理由期间不计算在答复期限内" in notice.text


def test_the_reasons_forms_say_what_is_wrong_and_keep_what_was_typed(asked):
    data = {"expected_version": asked.version, "reasons_received_on": "2026-11-10", "applicant_reasons": "研究",
            "assessment": "合理", "delayed_due": "2027-01-29", "delay_reason": ""}
    form = AcceptReasonsForm(data=data, request_obj=asked)
    assert not form.is_valid()
    assert form.errors["delay_reason"] == ["确定延迟答复期限须写明无法在法定期限内答复的理由"]
    assert form["applicant_reasons"].value() == "研究"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    ask = AskReasonsForm(data={"expected_version": 1, "grounds": "48件", "asked_on": tomorrow})
    assert not ask.is_valid() and ask.errors["asked_on"] == ["日期不能晚于今天"]
    assert ask["grounds"].value() == "48件"


def test_the_case_file_records_the_reasons_step_in_its_own_section(asked, staff):
    from requests_cms.casefile.documents import SECTIONS
    from requests_cms.casefile.records import step_records

    req = reasons.reasons_accept(request=asked, by=staff["approver2"], received_on=date(2026, 11, 10),
                                 applicant_reasons="研究", assessment="合理", delayed_due=date(2027, 1, 29),
                                 delay_reason="档案分散")
    (record,) = [doc for section, doc in step_records(req) if section == "reasons"]
    lines = [text for _kind, text in record.blocks]
    assert "审查结论：理由合理，继续办理" in lines and "确定延迟答复期限的负责人：赵刚" in lines
    assert SECTIONS.index("extension") < SECTIONS.index("reasons") < SECTIONS.index("consultation")


def delayed_request(asked, staff):
    return reasons.reasons_accept(request=asked, by=staff["approver2"], received_on=date(2026, 11, 10),
                                  applicant_reasons="研究", assessment="合理", delayed_due=date(2027, 1, 29),
                                  delay_reason="档案分散")


def test_the_dashboard_lists_a_delayed_request_as_delayed_not_overdue(asked, staff, client, fixed_clock):
    delayed_request(asked, staff)
    fixed_clock.move_to(timezone.make_aware(timezone.datetime(2027, 1, 15, 10)))
    client.force_login(staff["handler"])
    response = client.get(reverse("dashboard"))
    sections = {s.key: s for s in response.context["sections"]}
    assert "延迟答复中" in response.content.decode()
    assert [r.id for r in sections["delayed"].rows] == [asked.id]
    assert asked.id not in [r.id for r in sections["overdue"].rows]


def test_the_statistics_count_delayed_replies_as_their_own_group(asked, staff):
    from requests_cms.reports import statistics
    from requests_cms.services import delivery

    req = delayed_request(asked, staff)
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="disclosed",
                                   articles="《中华人民共和国政府信息公开条例》第三十六条第（二）项",
                                   reasons="予以公开", form_of_provision="纸质邮寄")
    req = decision.request_decide(request=req, by=staff["handler"])
    req = decision.request_submit_for_approval(request=req, by=staff["handler"])
    req = decision.request_approve(request=req, by=staff["approver"])
    delivery.request_deliver(request=req, by=staff["registrar"], method="post", handed_over_on=timezone.localdate(),
                             waybill_number="EA123456785CN")
    stats, direct = (statistics.oversight_statistics(year=2026),
                     statistics.oversight_statistics_direct(year=2026))
    assert stats.total.delayed == direct.total.delayed == 1
    assert stats.total.on_time == 1  # within the delayed period: on time, not late
    header, rows = stats.tables()[0][1:]
    assert rows[0][header.index("其中延迟答复")] == 1


def test_the_draft_selector_suggests_the_reasons_notice_then_the_delay_notice(asked, staff):
    from requests_cms.selectors.case import suggested_letter

    assert suggested_letter(asked, set()) == LetterKind.REASONS_NOTICE
    req = delayed_request(asked, staff)
    assert suggested_letter(req, {LetterKind.REASONS_NOTICE}) == LetterKind.DELAY_NOTICE
    assert suggested_letter(req, {LetterKind.REASONS_NOTICE, LetterKind.DELAY_NOTICE}) != LetterKind.DELAY_NOTICE


def test_the_reg35_steps_through_the_case_page_forms(make_request, staff, client):
    req = handling.request_accept(request=make_request(received=date(2026, 11, 25)), by=staff["registrar"])
    client.force_login(staff["handler"])

    def post(name, **data):
        req.refresh_from_db()
        return client.post(reverse("request_action", kwargs={"pk": req.pk, "action": name}),
                           {"expected_version": req.version, **data})

    page = client.get(reverse("request_action", kwargs={"pk": req.pk, "action": "ask_reasons"}))
    assert page.status_code == 200 and "说明理由告知书发出日期" in page.content.decode()
    bad = post("ask_reasons", grounds="本月48件", asked_on="2027-01-01")
    assert bad.status_code == 200 and "日期不能晚于今天" in bad.content.decode() and "本月48件" in bad.content.decode()
    assert post("ask_reasons", grounds="本月48件", asked_on="2026-11-26").status_code == 302
    req.refresh_from_db()
    assert req.state == "reasons_requested"
    refused = post("refuse_reasons", assessment="理由不合理")  # no reasons, period not over
    assert refused.status_code == 200 and "尚未说明理由" in refused.content.decode()
    assert post("refuse_reasons", reasons_received_on="2026-12-01", applicant_reasons="想看看",
                assessment="理由不合理").status_code == 302
    req.refresh_from_db()
    assert req.state == "opinion_proposed" and req.current_decision.outcome == "excessive"


def test_the_case_page_and_the_case_file_explain_the_delayed_due_date(asked, staff, client, fixed_clock):
    from requests_cms.casefile.records import deadline_explanation

    req = delayed_request(asked, staff)
    fixed_clock.move_to(timezone.make_aware(timezone.datetime(2027, 1, 15, 10)))
    client.force_login(staff["handler"])
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk}))
    panel = page.context["deadline"]
    assert panel["due"] == date(2027, 1, 29) and not panel["overdue"]
    assert any("条例第三十五条" in line and "2027年01月29日" in line for line in panel["explanation"])
    lines = [text for _kind, text in deadline_explanation(req).blocks]
    assert "答复期限：2027年1月29日" in lines or any("2027" in line and "答复期限：" in line for line in lines)
    assert any("延迟答复" in line for line in lines)
