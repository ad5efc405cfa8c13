"""The dashboard: each role's sections, workdays left from the engine, the one-click explanation, bounded queries."""

import re

import pytest
from django.urls import reverse

from requests_cms.services.deadlines import Calendars, workdays_between

from . import pages_data as data


def sections_of(client, user):
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response, {s.key: s for s in response.context["sections"]}


def numbers(section):
    return {getattr(row, "number", None) or row.request.number for row in section.rows}


def test_it_requires_sign_in(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_handler_sees_overdue_and_due_soon_requests_with_workdays_left(client, staff, make_request):
    late, soon, later = data.overdue(make_request), data.due_soon(make_request), data.far(make_request)
    response, sections = sections_of(client, staff["handler"])
    assert numbers(sections["overdue"]) == {late.number}
    assert numbers(sections["due_soon"]) == {soon.number}
    assert numbers(sections["mine"]) == {late.number, soon.number, later.number}
    row = next(r for r in sections["due_soon"].rows if r.pk == soon.pk)
    assert row.workdays_left == workdays_between(data.today(), soon.due_date)
    assert 0 <= row.workdays_left <= 3
    html = response.content.decode()
    assert "超期" in html and f"剩{row.workdays_left}个工作日" in html


def test_requests_waiting_on_the_applicant_show_the_applicants_deadline(client, staff, make_request):
    req = data.correction(make_request, staff)
    _, sections = sections_of(client, staff["handler"])
    row = sections["applicant"].rows[0]
    assert row.pk == req.pk and row.applicant_due == req.corrections.get().period_ends_on
    assert req.number not in numbers(sections["overdue"])


def test_each_waiting_request_shows_the_deadline_of_the_step_it_waits_on(client, staff, make_request, education):
    from datetime import timedelta

    from requests_cms.services import handling, reasons

    education.fee_method = "per_page"
    education.save()
    corrected = data.correction(make_request, staff)
    accepted = [handling.request_accept(request=make_request(received=data.today() - timedelta(days=6)),
                                        by=staff["registrar"]) for _ in range(2)]
    charged = handling.fee_issue_notice(request=accepted[0], by=staff["handler"], pages=31,
                                        issued_on=data.today() - timedelta(days=2))
    asked = reasons.reasons_ask(request=accepted[1], by=staff["handler"], grounds="本月内已提出申请48件，内容基本相同",
                                asked_on=data.today() - timedelta(days=1))
    _, sections = sections_of(client, staff["handler"])
    due = {r.pk: r.applicant_due for r in sections["applicant"].rows}
    assert due == {corrected.pk: corrected.corrections.get().period_ends_on,
                   charged.pk: charged.fee_notices.get().payment_due,
                   asked.pk: asked.reasons_requests.get().period_ends_on}
    assert None not in due.values()


def test_consultations_whose_window_ends_soon_are_listed(client, staff, make_request):
    req = data.consulting(make_request, staff)
    _, sections = sections_of(client, staff["handler"])
    assert numbers(sections["consultations"]) == {req.number}


def test_an_approver_sees_what_waits_for_approval_and_a_handler_does_not(client, staff, make_request):
    req = data.approval(make_request, staff)
    _, sections = sections_of(client, staff["approver"])
    assert numbers(sections["approval"]) == {req.number}
    client.logout()
    _, sections = sections_of(client, staff["handler"])
    assert "approval" not in sections


def test_pending_challenges_show_their_answer_deadline(client, staff, make_request):
    req = data.far(make_request)
    data.challenge(req, days=4)
    response, sections = sections_of(client, staff["auditor"])
    assert numbers(sections["challenges"]) == {req.number}
    assert sections["challenges"].rows[0].days_left == 4


def test_another_agencys_requests_never_appear(client, staff, make_request, land):
    data.overdue(make_request)
    _, sections = sections_of(client, staff["other_handler"])
    assert all(not s.rows for s in sections.values())


def test_oversight_sees_every_agencys_counts_with_drill_down(client, staff, make_request, education):
    data.overdue(make_request)
    data.due_soon(make_request)
    response, _ = sections_of(client, staff["oversight"])
    counts = {c.code: c for c in response.context["agencies"]}
    assert (counts["jyj"].open, counts["jyj"].due_soon, counts["jyj"].overdue) == (2, 1, 1)
    assert counts["zrzyj"].open == 0
    html = response.content.decode()
    assert f'?agency={education.pk}&amp;overdue=1' in html and "row-bad" in html


def test_a_provisional_due_date_gets_a_badge(client, staff, make_request):
    req = data.due_soon(make_request)
    type(req).objects.filter(pk=req.pk).update(due_provisional=True)
    response, _ = sections_of(client, staff["handler"])
    assert "暂定" in response.content.decode()


def test_the_explanation_is_one_click_away(client, staff, make_request):
    req = data.due_soon(make_request)
    client.force_login(staff["handler"])
    html = client.get(reverse("dashboard")).content.decode()
    url = reverse("deadline_explain", kwargs={"pk": req.pk})
    assert f'data-explain-url="{url}"' in html
    fragment = client.get(url, HTTP_X_REQUESTED_WITH="fetch").content.decode()
    assert "<html" not in fragment and "不计入" in fragment and req.due_date.strftime("%Y年%-m月%-d日") in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and "答复期限计算说明" in page


def test_the_explanation_of_another_agencys_request_is_not_found(client, staff, make_request):
    req = data.far(make_request)
    client.force_login(staff["other_handler"])
    assert client.get(reverse("deadline_explain", kwargs={"pk": req.pk})).status_code == 404


def test_user_text_is_escaped(client, staff, make_request, applicant):
    applicant.name = "<script>alert(1)</script>"
    applicant.save()
    data.overdue(make_request)
    response, _ = sections_of(client, staff["handler"])
    html = response.content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def dashboard_queries(client, user, django_assert_max_num_queries, bound):
    client.force_login(user)
    with django_assert_max_num_queries(bound):
        assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.parametrize("n", [5, 50])
def test_the_dashboard_runs_a_bounded_number_of_queries(n, client, staff, make_request,
                                                        django_assert_max_num_queries):
    data.mix(make_request, staff, n)
    for role in ("handler", "approver", "oversight", "auditor"):
        dashboard_queries(client, staff[role], django_assert_max_num_queries, 20)


def test_workdays_left_is_negative_when_overdue(staff, make_request):
    req = data.overdue(make_request)
    calendars = Calendars()
    assert calendars.workdays_left("national", req.due_date) < 0


def test_the_dashboard_and_the_list_agree_on_overdue_and_due_soon(client, staff, make_request):
    data.mix(make_request, staff, 12)
    _, sections = sections_of(client, staff["handler"])
    for key, params in (("overdue", {"overdue": "1", "open": "1"}), ("due_soon", {"due_soon": "1"})):
        listed = client.get(reverse("request_list"), params).context["rows"]
        assert numbers(sections[key]) == {r.number for r in listed} != set()


def test_requests_with_a_stopped_clock_come_after_those_with_a_deadline(client, staff, make_request):
    stopped = data.correction(make_request, staff)  # received before the others, but no due date while stopped
    later = data.far(make_request)
    _, sections = sections_of(client, staff["handler"])
    assert [r.number for r in sections["mine"].rows] == [later.number, stopped.number]


def open_request_reads(user, **kwargs):
    """The SQL of the dashboard's reads of the open requests (section reads and counts: the request table alone)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from requests_cms.selectors import dashboard

    with CaptureQueriesContext(connection) as captured:
        dashboard.build(user, **kwargs)
    table = '"requests_cms_informationrequest"'
    return [q["sql"] for q in captured.captured_queries
            if f"FROM {table} WHERE" in q["sql"] and "JOIN" not in q["sql"] and " IN (SELECT" not in q["sql"]]


def test_the_dashboard_reads_open_requests_on_columns_of_their_index_only(staff, make_request):
    from requests_cms.models import InformationRequest
    from requests_cms.selectors.dashboard import OPEN_COLUMNS
    from requests_cms.workflow import OPEN

    for name in ("request_open_snapshot_idx", "request_open_due_idx"):
        index = next(i for i in InformationRequest._meta.indexes if i.name == name)
        fields = {InformationRequest._meta.get_field(f).attname for f in (*index.fields, *index.include)}
        assert set(OPEN_COLUMNS) <= fields, name
        assert dict(index.condition.children) == {"state__in": OPEN}
    data.overdue(make_request)
    reads = open_request_reads(staff["oversight"]) + open_request_reads(staff["approver"])
    assert len(reads) >= 8  # sections of both, and the oversight office's counts
    used = {c for sql in reads for c in re.findall(r'"requests_cms_informationrequest"\."(\w+)"', sql)}
    assert used <= set(OPEN_COLUMNS), used - set(OPEN_COLUMNS)


def test_every_section_read_is_limited_and_the_counts_are_grouped(staff, make_request):
    data.overdue(make_request)
    for sql in open_request_reads(staff["oversight"]):
        assert "LIMIT 16" in sql or "GROUP BY" in sql, sql


def planner_without(*kinds):
    """On PostgreSQL, turn off these plan kinds for the test's transaction (a tiny table would be scanned whole)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("covering (INCLUDE) indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL enable_{kind} = off" for kind in kinds))


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_counts_the_open_requests_from_their_index_alone(staff):
    from requests_cms.selectors import dashboard

    planner_without("seqscan", "bitmapscan")
    counts = dashboard.open_counts(dashboard._OpenRequests(staff["oversight"], Calendars())).explain()
    # Either partial index of the open requests (request_open_snapshot_idx, request_open_due_idx) holds every column.
    assert re.search(r"Index Only Scan using request_open_(snapshot|due)_idx", counts), counts


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_reads_the_first_overdue_and_due_soon_rows_from_the_due_date_index(staff):
    from requests_cms.selectors import dashboard

    planner_without("seqscan", "bitmapscan", "sort")
    open_requests = dashboard._OpenRequests(staff["oversight"], Calendars())
    for condition in (open_requests.overdue, open_requests.due_soon):
        read = open_requests.open.filter(condition).order_by(*dashboard.BY_DUE_DATE).values_list("id")[:16]
        plan = read.explain()
        assert "Index Only Scan using request_open_due_idx" in plan and "Sort" not in plan, plan


def test_an_overdue_backlog_is_counted_and_its_oldest_shown(staff, make_request, monkeypatch):
    from requests_cms.selectors import dashboard

    monkeypatch.setattr(dashboard, "SECTION_LIMIT", 2)
    late = [data.overdue(make_request) for _ in range(4)]
    waiting = data.due_soon(make_request)
    type(waiting).objects.filter(pk=waiting.pk).update(state="correction_requested")
    built = dashboard.build(staff["oversight"])
    overdue = next(s for s in built.sections if s.key == "overdue")
    assert [r.pk for r in overdue.shown] == [r.pk for r in sorted(late, key=lambda r: (r.due_date, r.received_on,
                                                                                       r.pk))][:2]
    assert overdue.has_more
    assert next(c for c in built.agencies if c.code == "jyj").overdue == 4
    assert [r.pk for r in next(s for s in built.sections if s.key == "applicant").shown] == [waiting.pk]


def test_the_oversight_counts_follow_each_agencys_own_calendar_as_the_list_does(client, staff, make_request, land):
    from datetime import timedelta

    from requests_cms.selectors.deadlines import due_soon, is_overdue
    from workday_calendars.models import CalendarDay, Region

    # The land bureau's region takes the next three days off: its due-soon horizon lies beyond the national one.
    local = Region.objects.create(code="local", name="本地", parent=Region.objects.get(code="national"))
    today = data.today()
    for day in range(1, 4):
        CalendarDay.objects.create(region=local, date=today + timedelta(days=day), kind=CalendarDay.Kind.DAY_OFF)
    type(land).objects.filter(pk=land.pk).update(calendar_region="local")
    made = [make_request() for _ in range(30)]
    for offset, req in enumerate(made):  # due from two days ago to twelve days ahead, in both agencies
        type(req).objects.filter(pk=req.pk).update(due_date=today + timedelta(days=offset % 15 - 2),
                                                   agency=land if offset < 15 else req.agency)
    calendars = Calendars()
    response, _ = sections_of(client, staff["oversight"])
    counts = {c.pk: c for c in response.context["agencies"]}
    for agency in (land, staff["handler"].agency):
        rows = type(made[0]).objects.filter(agency=agency)
        horizon = calendars.horizon("local" if agency == land else "national")
        listed = client.get(reverse("request_list"), {"agency": agency.pk, "due_soon": "1"}).context["rows"]
        assert counts[agency.pk].due_soon == sum(due_soon(r, today, horizon) for r in rows) == len(listed)
        assert counts[agency.pk].overdue == sum(is_overdue(r, today) for r in rows) == 2
    assert calendars.horizon("local") > calendars.horizon("national")
    assert counts[land.pk].due_soon > counts[staff["handler"].agency_id].due_soon


def test_every_state_waiting_on_the_applicant_names_the_step_that_holds_its_deadline():
    from requests_cms.selectors.dashboard import _APPLICANT_STEPS
    from requests_cms.workflow import WAITING_ON_APPLICANT

    assert set(_APPLICANT_STEPS) == set(WAITING_ON_APPLICANT)
