"""The dashboard: each role's sections, workdays left from the engine, the one-click explanation, bounded queries."""

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


def test_the_snapshot_reads_only_columns_of_the_open_requests_index():
    from requests_cms.models import InformationRequest
    from requests_cms.selectors.dashboard import SNAPSHOT_COLUMNS
    from requests_cms.workflow import OPEN

    index = next(i for i in InformationRequest._meta.indexes if i.name == "request_open_snapshot_idx")
    fields = {InformationRequest._meta.get_field(name).attname for name in (*index.fields, *index.include)}
    assert set(SNAPSHOT_COLUMNS) <= fields
    assert dict(index.condition.children) == {"state__in": OPEN}


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_can_read_the_snapshot_from_the_open_requests_index_alone(staff):
    from django.db import connection

    from requests_cms.selectors.dashboard import SNAPSHOT_COLUMNS
    from requests_cms.workflow import OPEN

    if connection.vendor != "postgresql":
        pytest.skip("covering (INCLUDE) indexes exist on PostgreSQL only")
    columns = ", ".join(f'"{c}"' for c in SNAPSHOT_COLUMNS)
    states = ", ".join(f"'{s}'" for s in OPEN)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN SELECT {columns} FROM requests_cms_informationrequest WHERE state IN ({states})")
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using request_open_snapshot_idx" in plan


def test_an_overdue_backlog_is_counted_and_its_oldest_shown_without_reading_every_row(staff, make_request,
                                                                                      monkeypatch):
    from requests_cms.selectors import dashboard

    monkeypatch.setattr(dashboard, "SECTION_LIMIT", 2)
    late = [data.overdue(make_request) for _ in range(4)]
    waiting = data.due_soon(make_request)
    type(waiting).objects.filter(pk=waiting.pk).update(state="correction_requested")
    built = dashboard.build(staff["oversight"])
    snapshot = dashboard._Snapshot(staff["oversight"], dashboard.Calendars(), approver=False, handler=False)
    assert not {r.id for r in snapshot.rows} & {r.pk for r in [*late, waiting]}  # neither read into the snapshot
    overdue = next(s for s in built.sections if s.key == "overdue")
    assert [r.pk for r in overdue.shown] == [r.pk for r in sorted(late, key=lambda r: (r.due_date, r.pk))][:2]
    assert overdue.has_more
    assert next(c for c in built.agencies if c.code == "jyj").overdue == 4
    assert [r.pk for r in next(s for s in built.sections if s.key == "applicant").shown] == [waiting.pk]
