"""Supervision (督办) by the oversight office and complaints (投诉): issuing, answering, the dashboards' open and
overdue notices, and counts that agree with the statistics."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from requests_cms.models import (
    Complaint,
    EventAction,
    OutboxMessage,
    RequestEvent,
    SupervisionNotice,
    SupervisionScope,
)
from requests_cms.reports.statistics import oversight_statistics, oversight_statistics_direct
from requests_cms.services import supervision
from requests_cms.services.errors import WorkflowError

TODAY = date(2026, 12, 2)


@pytest.fixture
def overdue(make_request):
    return [make_request(received=date(2026, 10, 9), description=f"超期{i}") for i in range(2)]


@pytest.fixture
def fresh(make_request):
    return make_request(received=TODAY - timedelta(days=1))


def issue(staff, agency, scope=SupervisionScope.OVERDUE, request=None, due=TODAY + timedelta(days=5)):
    return supervision.supervision_issue(by=staff["oversight"], agency=agency, scope=scope, reason="请加快办理",
                                         response_due=due, request=request)


def test_a_notice_on_the_agencys_overdue_requests_covers_them_with_an_event_each(staff, education, overdue, fresh):
    notice = issue(staff, education)
    assert set(notice.requests.all()) == set(overdue)
    for req in overdue:
        assert RequestEvent.objects.filter(request=req, action=EventAction.SUPERVISION_ISSUE).count() == 1
    assert not RequestEvent.objects.filter(request=fresh, action=EventAction.SUPERVISION_ISSUE).exists()
    assert OutboxMessage.objects.filter(key__startswith="staff:supervision:", recipient=staff["approver"]).exists()


def test_a_notice_on_one_request(staff, education, fresh):
    notice = issue(staff, education, SupervisionScope.REQUEST, request=fresh)
    assert list(notice.requests.all()) == [fresh]


@pytest.mark.parametrize("who", ["approver", "handler", "auditor"])
def test_only_the_oversight_office_issues(staff, education, overdue, who):
    with pytest.raises(WorkflowError, match="只有政务公开办可以发出督办单"):
        supervision.supervision_issue(by=staff[who], agency=education, scope="overdue", reason="x",
                                      response_due=TODAY)
    assert not SupervisionNotice.objects.exists()


def test_bad_notices_are_refused_and_nothing_is_created(staff, education, land, fresh):
    with pytest.raises(WorkflowError, match="高平市自然资源局当前没有已超期申请"):
        issue(staff, land)
    with pytest.raises(WorkflowError, match="请填写被督办机关的申请编号"):
        issue(staff, land, SupervisionScope.REQUEST, request=fresh)  # a request of another agency
    with pytest.raises(WorkflowError, match="反馈期限不能早于今天"):
        issue(staff, education, SupervisionScope.REQUEST, request=fresh, due=TODAY - timedelta(days=1))
    assert not SupervisionNotice.objects.exists() and not RequestEvent.objects.filter(
        action=EventAction.SUPERVISION_ISSUE).exists()


def test_the_agencys_approver_answers_once(staff, education, overdue):
    notice = issue(staff, education)
    for who in ("handler", "other_approver", "oversight"):
        with pytest.raises(WorkflowError):
            supervision.supervision_answer(notice=notice, by=staff[who], answer="已答复")
    supervision.supervision_answer(notice=notice, by=staff["approver"], answer="已于今日答复申请人")
    notice.refresh_from_db()
    assert not notice.is_open and notice.answered_by == staff["approver"]
    assert RequestEvent.objects.filter(action=EventAction.SUPERVISION_ANSWER).count() == 2
    with pytest.raises(WorkflowError, match="该督办单已反馈，不能重复反馈"):
        supervision.supervision_answer(notice=notice, by=staff["approver"], answer="again")


def test_open_and_overdue_notices_are_on_both_dashboards(staff, education, overdue, client, fixed_clock):
    issue(staff, education, due=TODAY)
    fixed_clock.move_to(TODAY + timedelta(days=2))
    for who in ("oversight", "approver"):
        client.force_login(staff[who])
        page = client.get(reverse("dashboard")).content.decode()
        assert "督办单" in page and "逾期未反馈" in page, who
    client.force_login(staff["other_approver"])
    assert "请加快办理" not in client.get(reverse("dashboard")).content.decode()


def test_the_oversight_office_issues_and_the_approver_answers_through_the_pages(staff, education, overdue, client):
    client.force_login(staff["oversight"])
    response = client.post(reverse("supervision_new"), {"agency": education.pk, "scope": "overdue",
                                                         "reason": "请加快办理", "response_due": "2026-12-09"})
    notice = SupervisionNotice.objects.get()
    assert response.status_code == 302 and notice.requests.count() == 2
    page = client.get(reverse("supervision_list")).content.decode()
    assert "各机关督办与反馈用时" in page and "高平市教育局" in page
    client.force_login(staff["other_approver"])
    assert client.get(reverse("supervision_detail", kwargs={"pk": notice.pk})).status_code == 404
    client.force_login(staff["approver"])
    response = client.post(reverse("supervision_detail", kwargs={"pk": notice.pk}), {"answer": "已全部答复"})
    assert response.status_code == 302
    assert "已全部答复" in client.get(reverse("supervision_detail", kwargs={"pk": notice.pk})).content.decode()


def test_a_notice_with_a_past_due_date_keeps_the_form_with_a_message(staff, education, overdue, client):
    client.force_login(staff["oversight"])
    response = client.post(reverse("supervision_new"), {"agency": education.pk, "scope": "overdue",
                                                         "reason": "请加快办理", "response_due": "2026-11-01"})
    body = response.content.decode()
    assert response.status_code == 400 and "反馈期限不能早于今天" in body and "请加快办理" in body
    assert not SupervisionNotice.objects.exists()


# --- complaints ----------------------------------------------------------------------------------------------------
def test_a_complaint_is_recorded_and_concluded_with_events(staff, fresh):
    complaint = supervision.complaint_record(request=fresh, by=staff["registrar"], complainant="张伟",
                                             channel="hotline", received_on=TODAY, subject="逾期未答复")
    assert complaint == Complaint.objects.get()
    supervision.complaint_record_result(complaint=complaint, by=staff["approver"], result="upheld",
                                        result_note="已责成承办人答复", concluded_on=TODAY)
    complaint.refresh_from_db()
    assert complaint.result == "upheld" and complaint.concluded_on == TODAY
    actions = list(RequestEvent.objects.filter(request=fresh).values_list("action", flat=True))
    assert actions[-2:] == [EventAction.RECORD_COMPLAINT, EventAction.RECORD_COMPLAINT_RESULT]
    with pytest.raises(WorkflowError, match="该投诉已记录处理结果"):
        supervision.complaint_record_result(complaint=complaint, by=staff["approver"], result="rejected",
                                            result_note="x", concluded_on=TODAY)


def test_a_complaint_is_recorded_only_by_the_agencys_desk(staff, fresh):
    for who in ("auditor", "oversight", "other_handler"):
        with pytest.raises(WorkflowError):
            supervision.complaint_record(request=fresh, by=staff[who], complainant="张伟", channel="letter",
                                         received_on=TODAY, subject="x")
    assert not Complaint.objects.exists()


def test_the_complaint_pages(staff, fresh, client):
    client.force_login(staff["handler"])
    response = client.post(reverse("complaint_new", kwargs={"pk": fresh.pk}), {
        "expected_version": fresh.version, "complainant": "张伟", "channel": "online", "received_on": "2026-12-01",
        "subject": "答复不完整"})
    assert response.status_code == 302
    page = client.get(reverse("delivery_panel", kwargs={"pk": fresh.pk})).content.decode()
    assert "答复不完整" in page and "网上投诉" in page


# --- statistics ----------------------------------------------------------------------------------------------------
def test_supervision_and_complaint_counts_agree_with_the_statistics(staff, education, land, overdue, fresh,
                                                                    fixed_clock):
    first = issue(staff, education)
    issue(staff, education, SupervisionScope.REQUEST, request=fresh, due=TODAY)
    supervision.supervision_answer(notice=first, by=staff["approver"], answer="已答复")
    for subject in ("逾期", "答复不完整"):
        supervision.complaint_record(request=fresh, by=staff["registrar"], complainant="张伟", channel="hotline",
                                     received_on=TODAY, subject=subject)
    supervision.complaint_record_result(complaint=Complaint.objects.first(), by=staff["approver"], result="rejected",
                                        result_note="已按期答复", concluded_on=TODAY)
    fixed_clock.move_to(TODAY + timedelta(days=3))
    for stats in (oversight_statistics(year=2026), oversight_statistics_direct(year=2026),
                  oversight_statistics(year=2026, agency=education)):
        s, c = stats.supervision, stats.complaints
        assert (s.issued, s.answered, s.open, s.overdue) == (2, 1, 1, 1)
        assert s.issued == SupervisionNotice.objects.count()
        assert c.received == Complaint.objects.count() == 2
        assert c.by_result == {"rejected": 1, "pending": 1} and c.by_channel == {"hotline": 2}
        titles = [title for title, _, _ in stats.tables()]
        assert titles[-3:] == ["复议诉讼", "督办", "投诉"]
    land_stats = oversight_statistics(year=2026, agency=land)
    assert land_stats.supervision.issued == 0 and land_stats.complaints.received == 0
    assert oversight_statistics(year=2026) == oversight_statistics_direct(year=2026)


def test_a_notice_on_the_agencys_near_due_requests(staff, education, make_request, overdue):
    from requests_cms.services import deadlines

    near = make_request(received=date(2026, 11, 4))  # 20 workdays: due within the next days
    assert TODAY <= near.due_date <= deadlines.Calendars(TODAY).horizon("national")
    notice = issue(staff, education, SupervisionScope.DUE_SOON)
    assert list(notice.requests.all()) == [near]  # not the overdue ones


def test_the_case_file_lists_the_complaints(staff, fresh):
    from requests_cms.casefile.documents import collect

    supervision.complaint_record(request=fresh, by=staff["registrar"], complainant="张伟", channel="hotline",
                                 received_on=TODAY, subject="逾期未答复")
    (doc,) = [d for d in collect(fresh) if d.kind == "record_complaints"]
    assert "投诉事项：逾期未答复" in [b[1] for b in doc.blocks]
