"""The report tallies equal the direct count over the records after any sequence of events through the services.

Hypothesis draws a few requests (two agencies, every applicant kind, received over three years) and a random
sequence of actions on them — accept, correction and its lapse, consultation, fees and their lapse, extension, the
reply through approval and delivery, closing, withdrawal, challenges and their results (one ordering a new reply:
reopen), a corrected receipt date, a change to the official calendar — each through the real service (refused
steps are skipped, as a user's refused click is). Then the annual report and the statistics read from the tallies
equal the direct computation for the city and each agency, for every year involved, and a full recount finds no
drift.
"""

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letters.outcomes import decidable_rules
from requests_cms.models import (
    ApplicantKind,
    ApplicationTally,
    Challenge,
    ChallengeKind,
    ChallengeResult,
    InformationRequest,
    ReplyTally,
)
from requests_cms.reports import annual, statistics, tallies
from requests_cms.services import challenges, deadlines, decision, delivery, handling, registration
from requests_cms.services.errors import ConflictError, WorkflowError
from workday_calendars.models import CalendarDay, Region

YEARS = (2024, 2025, 2026)
OUTCOMES = [rule.code for rule in decidable_rules()]
KINDS = [k.value for k in ApplicantKind]
FIRST_DAY = date(2024, 10, 1)


class Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Each example starts from the fixtures' state: its writes are undone, and the cached calendars too."""
    try:
        with transaction.atomic():
            yield
            raise Rollback
    except Rollback:
        pass
    finally:
        deadlines.invalidate_calendars()


def clamp(day):
    return min(day, timezone.localdate())


class Desk:
    """The people of each agency and a way to run one drawn action on a request."""

    def __init__(self, staff, education, land):
        self.people = {
            education.pk: {"registrar": staff["registrar"], "handler": staff["handler"],
                           "approver": staff["approver"]},
            land.pk: {"registrar": staff["other_handler"], "handler": staff["other_handler"],
                      "approver": staff["other_approver"]},
        }
        self.agencies = [education, land]
        self.applicants = {}

    def register(self, agency_index, kind, channel, received):
        agency = self.agencies[agency_index]
        who = self.people[agency.pk]
        key = (agency.pk, kind)
        if key not in self.applicants:
            self.applicants[key] = registration.applicant_create(
                agency=agency, by=who["registrar"], kind=kind, name=f"申请人{len(self.applicants)}",
                address="山西省高平市米山镇米西村1号", postcode="048400")
        dates = {"submitted_on": received} if channel == "in_person" else {"confirmed_on": received}
        return registration.request_register(agency=agency, by=who["registrar"], applicant=self.applicants[key],
                                             channel=channel, description="请公开有关文件", handler=who["handler"],
                                             **dates)

    def act(self, req, action, days, choice):
        req = InformationRequest.objects.select_related("agency", "applicant").get(pk=req.pk)
        who = self.people[req.agency_id]
        on = clamp(req.received_on + timedelta(days=days))
        ACTIONS[action](self, req, who, on, choice)

    # --- the actions --------------------------------------------------------------------------------------------
    def accept(self, req, who, on, choice):
        handling.request_accept(request=req, by=who["registrar"])

    def advance(self, req, who, on, choice):
        """The usual next step from where the request is."""
        step = {"registered": "accept", "accepted": "reply", "opinion_proposed": "reply", "approved": "deliver",
                "delivered": "close", "closed": "challenge"}.get(req.state)
        if step:
            ACTIONS[step](self, req, who, on, choice)

    def correction(self, req, who, on, choice):
        handling.request_correction(request=req, by=who["handler"], items="请写明文件名称", notice_sent_on=on)

    def corrected(self, req, who, on, choice):
        notice = req.corrections.order_by("-id").first()
        day = clamp(max(on, notice.notice_sent_on)) if notice else on
        handling.request_receive_correction(request=req, by=who["registrar"], received_on=day,
                                            corrected_description="补正后的内容")

    def lapse_correction(self, req, who, on, choice):
        handling.request_lapse_correction(request=req, by=who["registrar"])

    def consult(self, req, who, on, choice):
        handling.consultation_start(request=req, by=who["handler"], party_kind="third_party", party_name="某公司",
                                    information="该公司的检查记录", sent_on=on)

    def consult_reply(self, req, who, on, choice):
        consultation = req.consultations.filter(answer="").order_by("-id").first()
        if consultation:
            handling.consultation_record_reply(request=req, consultation=consultation, by=who["handler"],
                                               answer="agree", answered_on=clamp(max(on, consultation.sent_on)))

    def consult_finish(self, req, who, on, choice):
        handling.consultation_finish(request=req, by=who["handler"])

    def fee(self, req, who, on, choice):
        handling.fee_issue_notice(request=req, by=who["handler"], issued_on=on, pages=10 + choice % 200)

    def pay(self, req, who, on, choice):
        notice = req.fee_notices.filter(paid_on__isnull=True).order_by("-id").first()
        if notice:
            handling.fee_record_payment(request=req, by=who["handler"],
                                        paid_on=clamp(notice.issued_on + timedelta(days=choice % 20)))

    def fee_lapse(self, req, who, on, choice):
        handling.fee_lapse(request=req, by=who["handler"])

    def extend(self, req, who, on, choice):
        handling.request_extend(request=req, by=who["approver"], workdays=1 + choice % 20, reason="情况复杂")

    def reply(self, req, who, on, choice):
        outcome = OUTCOMES[choice % len(OUTCOMES)]
        decision.search_record(request=req, by=who["handler"], systems="档案系统", keywords="文件",
                               searched_on=clamp(max(on, req.received_on)))
        req = decision.opinion_propose(request=req, by=who["handler"], outcome=outcome, articles="条例第三十六条",
                                       reasons="依法答复", form_of_provision="纸质文本，邮寄",
                                       right_agency="高平市财政局")
        req = decision.request_decide(request=req, by=who["handler"])
        req = decision.request_submit_for_approval(request=req, by=who["handler"])
        if choice % 5 == 0:
            decision.request_return_for_revision(request=req, by=who["approver"], comment="请补充理由")
        else:
            decision.request_approve(request=req, by=who["approver"])

    def deliver(self, req, who, on, choice):
        delivery.request_deliver(request=req, by=who["registrar"], method="post", handed_over_on=on,
                                 waybill_number="EA123456785CN")

    def close(self, req, who, on, choice):
        delivery.request_file_proof(request=req, by=who["registrar"], no_proof_reason="申请人拒签，见证人：李四",
                                    witnesses="李四")

    def withdraw(self, req, who, on, choice):
        delivery.request_withdraw(request=req, by=who["registrar"], reason="申请人电话撤回", on=on)

    def challenge(self, req, who, on, choice):
        kinds = [k.value for k in ChallengeKind]
        challenges.challenge_record(request=req, by=who["registrar"], kind=kinds[choice % len(kinds)],
                                    body="高平市人民政府", received_on=on)

    def challenge_result(self, req, who, on, choice):
        challenge = Challenge.objects.filter(request=req, orders_new_reply=False).order_by("-id").first()
        if challenge is None:
            return
        results = [r.value for r in ChallengeResult]
        result = results[choice % len(results)]
        orders = choice % 3 == 0 and result in (ChallengeResult.CORRECTED, ChallengeResult.OTHER)
        challenges.challenge_record_result(challenge=challenge, by=who["registrar"], result=result,
                                           result_on=None if result == ChallengeResult.PENDING else
                                           clamp(max(on, challenge.received_on)), orders_new_reply=orders)

    def reopen(self, req, who, on, choice):
        delivery.request_reopen(request=req, by=who["approver"], order_received_on=on, workdays=15,
                                reason="复议决定书责令重新答复")

    def override_received(self, req, who, on, choice):
        registration.request_override_received_on(request=req, by=who["registrar"],
                                                  received_on=req.received_on - timedelta(days=choice % 40),
                                                  reason="邮戳日期更正")

    def calendar_change(self, req, who, on, choice):
        """A day off added to the official calendar; the change's recompute runs as at its commit."""
        waiting = len(connection.run_on_commit)
        with TestCase.captureOnCommitCallbacks(execute=True):
            CalendarDay.objects.get_or_create(region=Region.objects.get(code="national"), date=on,
                                              defaults={"kind": CalendarDay.Kind.DAY_OFF, "name": "测试假日"})
        # As if committed: a later change must queue its own recompute instead of joining this finished one.
        del connection.run_on_commit[waiting:]


ACTIONS = {name: getattr(Desk, name) for name in (
    "advance", "accept", "correction", "corrected", "lapse_correction", "consult", "consult_reply", "consult_finish",
    "fee", "pay", "fee_lapse", "extend", "reply", "deliver", "close", "withdraw", "challenge", "challenge_result",
    "reopen", "override_received", "calendar_change")}
# The usual path is drawn more often, so that many sequences get as far as a reply, a closing and a challenge.
USUAL = ["advance"] * 6 + ["challenge_result"]

registrations = st.lists(
    st.tuples(st.integers(0, 1), st.sampled_from(KINDS), st.sampled_from(["in_person", "online", "email"]),
              st.integers(0, (date(2026, 11, 30) - FIRST_DAY).days)),
    min_size=1, max_size=3)
steps = st.lists(
    st.tuples(st.integers(0, 3), st.sampled_from(USUAL * 3 + list(ACTIONS)), st.integers(0, 60),
              st.integers(0, 10_000)),
    min_size=6, max_size=40)


def assert_reports_equal_the_direct_count(agencies):
    for year in YEARS:
        for agency in [None, *agencies]:
            report, direct = annual.annual_report(year=year, agency=agency), annual.annual_report_direct(
                year=year, agency=agency)
            assert (report.cells, report.challenges) == (direct.cells, direct.challenges), (year, agency)
            assert statistics.oversight_statistics(year=year, agency=agency) == \
                statistics.oversight_statistics_direct(year=year, agency=agency), (year, agency)
    assert tallies.drift() == {}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(registered=registrations, plan=steps)
def test_the_tallies_equal_the_direct_count_after_any_event_sequence(staff, education, land, registered, plan):
    with rolled_back():
        desk = Desk(staff, education, land)
        requests = [desk.register(a, kind, channel, FIRST_DAY + timedelta(days=offset))
                    for a, kind, channel, offset in registered]
        for slot, action, days, choice in plan:
            try:
                desk.act(requests[slot % len(requests)], action, days, choice)
            except (WorkflowError, ConflictError):
                pass  # refused by a guard or a check: nothing was written
        assert_reports_equal_the_direct_count([education, land])


def test_a_replied_request_counts_once_in_every_table(staff, make_request):
    from .delivery_support import posted

    req = posted(make_request, staff, on=date(2026, 11, 20), received=date(2026, 11, 2))
    assert ApplicationTally.objects.get(received_year=2026, concluded_year=2026).n == 1
    reply = ReplyTally.objects.get(replied_year=2026)
    assert (reply.n, reply.on_time, reply.workdays) == (1, 1, 14)
    assert req.replied_on == date(2026, 11, 20)


def test_reopening_moves_the_request_back_to_open(staff, make_request):
    from .delivery_support import posted

    req = posted(make_request, staff, on=date(2026, 11, 20), received=date(2026, 11, 2))
    delivery.request_reopen(request=req, by=staff["approver"], order_received_on=date(2026, 11, 30), workdays=15,
                            reason="复议决定书责令重新答复")
    counts = dict(ApplicationTally.objects.values_list("concluded_year", "n"))
    assert counts == {0: 1, 2026: 0}
    assert sum(ReplyTally.objects.values_list("n", flat=True)) == 0


def test_a_calendar_change_recounts_the_workdays_of_past_replies(staff, make_request,
                                                                django_capture_on_commit_callbacks):
    from .delivery_support import posted

    posted(make_request, staff, on=date(2026, 11, 20), received=date(2026, 11, 2))
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(region=Region.objects.get(code="national"), date=date(2026, 11, 10),
                                   kind=CalendarDay.Kind.DAY_OFF, name="测试假日")
    assert ReplyTally.objects.get(replied_year=2026, n=1).workdays == 13
    assert tallies.drift() == {}


def test_the_recompute_command_repairs_counters_and_check_reports_drift(staff, make_request, capsys):
    from .delivery_support import posted

    posted(make_request, staff, on=date(2026, 11, 20), received=date(2026, 11, 2))
    ApplicationTally.objects.update(n=7)
    with pytest.raises(SystemExit) as exit_info:
        call_command("recompute_tallies", "--check")
    assert exit_info.value.code == 1
    assert "ApplicationTally" in capsys.readouterr().out
    call_command("recompute_tallies")
    call_command("recompute_tallies", "--check")
    assert "一致" in capsys.readouterr().out
    assert ApplicationTally.objects.get(n__gt=0).n == 1
