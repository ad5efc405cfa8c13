"""Assignment and internal consultation (会办): routing, sign-for, answer, return and reassignment, each with its event
and permission; internal due dates never after the statutory one; bad input changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_cms.models import (
    Attachment,
    AttachmentKind,
    EventAction,
    InternalRouting,
    OutboxMessage,
    RequestEvent,
    RoutingStatus,
)
from requests_cms.selectors.departments import proposal_from_opinions, routings_of
from requests_cms.services import deadlines, departments, handling
from requests_cms.services.errors import WorkflowError
from tests.conftest import make_user

from .delivery_support import pdf_bytes
from .views_support import recent_request


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def req(make_request, staff):
    return handling.request_accept(request=recent_request(make_request), by=staff["handler"])


def pdf(name="budget.pdf"):
    return SimpleUploadedFile(name, pdf_bytes("BUDGET"), "application/pdf")


def events(req, action):
    return list(RequestEvent.objects.filter(request=req, action=action))


def snapshot(req):
    req.refresh_from_db()
    return (req.version, req.handler_id, RequestEvent.objects.filter(request=req).count(),
            InternalRouting.objects.filter(request=req).count(), Attachment.objects.filter(request=req).count())


# --- assignment ----------------------------------------------------------------------------------------------------
def test_the_approver_reassigns_the_handler_with_an_event_and_a_notice(req, staff, education):
    new = make_user("handler_b", education, "handler", full_name="吴桐")
    req = departments.request_assign(request=req, by=staff["approver"], handler=new)
    assert req.handler == new
    (event,) = events(req, EventAction.ASSIGN)
    assert event.note == "改派承办人：陈磊 → 吴桐" and event.payload == {"from": staff["handler"].pk, "to": new.pk}
    assert OutboxMessage.objects.filter(recipient=new, key__startswith="staff:assign:").count() == 1


@pytest.mark.parametrize("role", ["handler", "auditor", "oversight", "other_approver"])
def test_only_the_approver_or_the_registrar_of_the_agency_assigns(req, staff, role):
    before = snapshot(req)
    with pytest.raises(WorkflowError):
        departments.request_assign(request=req, by=staff[role], handler=staff["approver2"])
    assert snapshot(req) == before


def test_a_request_is_assigned_only_to_a_handler_of_its_agency(req, staff):
    before = snapshot(req)
    for wrong in (staff["other_handler"], staff["approver"]):
        with pytest.raises(WorkflowError, match="只能分派给本机关在岗的承办人"):
            departments.request_assign(request=req, by=staff["registrar"], handler=wrong)
    assert snapshot(req) == before


def test_the_handlers_dashboard_shows_only_their_own_requests_by_default(make_request, staff, education, client):
    mine = make_request(received=date(2026, 10, 9), description="我的申请")  # both overdue
    theirs = make_request(received=date(2026, 10, 9), description="同事的申请")
    colleague = make_user("handler_c", education, "handler")
    departments.request_assign(request=theirs, by=staff["approver"], handler=colleague)
    client.force_login(staff["handler"])
    page = client.get(reverse("dashboard")).content.decode()
    assert mine.number in page and theirs.number not in page
    page = client.get(reverse("dashboard") + "?all=1").content.decode()
    assert theirs.number in page


# --- routing -------------------------------------------------------------------------------------------------------
def test_the_default_internal_due_date_is_the_configured_workdays_before_the_reply_due(req, settings):
    region = req.agency.calendar_region
    settings.INTERNAL_DUE_LEAD_WORKDAYS = 5
    due = deadlines.internal_due_default(req.due_date, region=region)
    assert deadlines.workdays_between(due, req.due_date, region=region) == 5
    assert due <= req.due_date


@pytest.mark.parametrize("lead", [0, 1, 5, 19, 40])
@pytest.mark.parametrize("received_days_ago", [0, 10, 25, 40])
def test_internal_due_dates_never_fall_after_the_statutory_due_date(make_request, settings, lead, received_days_ago):
    settings.INTERNAL_DUE_LEAD_WORKDAYS = lead
    r = make_request(received=date(2026, 12, 2) - timedelta(days=received_days_ago))
    due = deadlines.internal_due_default(r.due_date, region="national")
    assert due <= max(r.due_date, date(2026, 12, 2))
    assert due >= date(2026, 12, 2)


def test_the_handler_routes_to_two_departments_with_one_event(req, staff, departments_, officers):
    routings = departments.routing_route(request=req, by=staff["handler"],
                                         departments=[departments_["basic"], departments_["finance"]],
                                         note="请提供2025年度部门预算")
    assert [r.department.name for r in routings] == ["基础教育股", "计划财务股"]
    assert all(r.status == RoutingStatus.ROUTED and r.internal_due <= req.due_date for r in routings)
    (event,) = events(req, EventAction.ROUTE_TO_DEPARTMENT)
    assert "基础教育股、计划财务股" in event.note


def test_routing_does_not_pause_the_statutory_clock(req, staff, departments_):
    due = req.due_date
    departments.routing_route(request=req, by=staff["handler"], departments=[departments_["basic"]], note="请提供")
    req.refresh_from_db()
    assert req.due_date == due and not req.pauses.exists() and req.state == "accepted"


def test_a_due_date_after_the_statutory_one_is_refused_and_nothing_changes(req, staff, departments_):
    before = snapshot(req)
    with pytest.raises(WorkflowError, match="不能晚于法定答复期限"):
        departments.routing_route(request=req, by=staff["handler"], departments=[departments_["basic"]],
                                  note="请提供", internal_due=req.due_date + timedelta(days=1))
    assert snapshot(req) == before


def test_routing_to_another_agencys_department_is_refused_and_nothing_changes(req, staff, departments_):
    before = snapshot(req)
    with pytest.raises(WorkflowError, match="只能转本机关在用的业务科室会办：国土空间规划股"):
        departments.routing_route(request=req, by=staff["handler"],
                                  departments=[departments_["basic"], departments_["land_planning"]], note="请提供")
    assert snapshot(req) == before


def test_only_the_handler_routes(req, staff, departments_, officers):
    for user in (staff["registrar"], staff["approver"], officers["basic"], staff["other_handler"]):
        with pytest.raises(WorkflowError):
            departments.routing_route(request=req, by=user, departments=[departments_["basic"]], note="请提供")
    assert not InternalRouting.objects.exists()


@pytest.fixture
def departments_(departments):
    return departments


@pytest.fixture
def routed(req, staff, departments_):
    basic, finance = departments.routing_route(request=req, by=staff["handler"],
                                               departments=[departments_["basic"], departments_["finance"]],
                                               note="请提供")
    return basic, finance


# --- the department's steps ------------------------------------------------------------------------------------------
def test_the_department_signs_then_answers_with_documents_that_become_supplied_information(routed, officers):
    basic, _ = routed
    departments.routing_sign(routing=basic, by=officers["basic"])
    departments.routing_answer(routing=basic, by=officers["basic"], opinion="provide", files=[pdf()])
    basic.refresh_from_db()
    assert basic.status == RoutingStatus.ANSWERED and basic.signed_by == officers["basic"]
    (doc,) = basic.attachments.all()
    assert doc.kind == AttachmentKind.SUPPLIED_INFORMATION and doc.request_id == basic.request_id
    assert [e.action for e in RequestEvent.objects.filter(request=basic.request).order_by("seq")][-2:] == [
        EventAction.DEPARTMENT_SIGN, EventAction.DEPARTMENT_ANSWER]


def test_an_officer_of_another_department_cannot_act_on_the_routing(routed, officers, staff):
    basic, _ = routed
    for user in (officers["finance"], officers["land_planning"], staff["handler"]):
        with pytest.raises(WorkflowError, match="只有该业务科室的经办人可以办理会办"):
            departments.routing_sign(routing=basic, by=user)
    basic.refresh_from_db()
    assert basic.status == RoutingStatus.ROUTED


def test_answering_before_signing_or_twice_is_refused_and_nothing_changes(routed, officers):
    basic, _ = routed
    with pytest.raises(WorkflowError, match="请先签收再答复"):
        departments.routing_answer(routing=basic, by=officers["basic"], opinion="none_held", reasons="无此信息")
    departments.routing_sign(routing=basic, by=officers["basic"])
    departments.routing_answer(routing=basic, by=officers["basic"], opinion="none_held", reasons="本科室未制作")
    before = snapshot(basic.request)
    with pytest.raises(WorkflowError, match="基础教育股已答复该会办，不能重复答复"):
        departments.routing_answer(routing=basic, by=officers["basic"], opinion="provide", files=[pdf()])
    assert snapshot(basic.request) == before
    basic.refresh_from_db()
    assert basic.opinion == "none_held"


@pytest.mark.parametrize(("opinion", "extra", "message"), [
    ("not_disclosable", {"reasons": "涉及个人隐私"}, "须写明依据的条款"),
    ("partial", {"articles": "第三十七条", "files": None}, "须写明理由"),
    ("provide", {}, "须上传所提供的材料"),
])
def test_an_answer_without_what_its_opinion_needs_is_refused(routed, officers, opinion, extra, message):
    basic, _ = routed
    departments.routing_sign(routing=basic, by=officers["basic"])
    extra = {k: v for k, v in extra.items() if v is not None}
    with pytest.raises(WorkflowError, match=message):
        departments.routing_answer(routing=basic, by=officers["basic"], opinion=opinion, **extra)


def test_a_department_returns_with_a_reason_and_a_suggestion_and_the_handler_is_told(routed, officers, departments_):
    basic, _ = routed
    departments.routing_return(routing=basic, by=officers["basic"], reason="不属于本科室职责",
                               suggested_department=departments_["finance"])
    basic.refresh_from_db()
    assert basic.status == RoutingStatus.RETURNED and basic.suggested_department == departments_["finance"]
    (event,) = events(basic.request, EventAction.DEPARTMENT_RETURN)
    assert event.note == "基础教育股退回：不属于本科室职责，建议转计划财务股"
    assert OutboxMessage.objects.filter(key__startswith="staff:returned:", recipient=basic.request.handler).exists()
    # the department can be asked again once its routing is closed
    departments.routing_route(request=basic.request, by=basic.request.handler, departments=[departments_["basic"]],
                              note="请再核实")


def test_routing_again_to_a_department_still_handling_it_is_refused(routed, staff, departments_):
    basic, _ = routed
    with pytest.raises(WorkflowError, match="尚未办结，不能重复转办：基础教育股"):
        departments.routing_route(request=basic.request, by=staff["handler"], departments=[departments_["basic"]],
                                  note="again")


def test_the_proposal_starts_from_the_departments_opinions(routed, officers):
    basic, finance = routed
    for routing, officer in ((basic, officers["basic"]), (finance, officers["finance"])):
        departments.routing_sign(routing=routing, by=officer)
    departments.routing_answer(routing=basic, by=officers["basic"], opinion="provide", files=[pdf("学校名单.pdf")])
    departments.routing_answer(routing=finance, by=officers["finance"], opinion="partial", reasons="含个人信息",
                               articles="《条例》第三十七条", files=[pdf("预算.pdf")])
    proposal = proposal_from_opinions(routings_of(basic.request))
    assert proposal["outcome"] == "partly_disclosed"
    assert proposal["articles"] == "《条例》第三十七条"
    assert "基础教育股：提供。" in proposal["reasons"] and "计划财务股：部分提供。含个人信息" in proposal["reasons"]
    assert proposal["form_of_provision"] == "提供的信息：学校名单.pdf、预算.pdf"


# --- the pages -----------------------------------------------------------------------------------------------------
def test_the_officer_signs_and_answers_through_the_pages(routed, officers, client):
    basic, _ = routed
    req = basic.request
    client.force_login(officers["basic"])
    case = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert "会办（业务科室意见）" in case and "签收" in case
    req.refresh_from_db()
    url = reverse("routing_action", kwargs={"pk": req.pk, "routing_pk": basic.pk, "step": "sign"})
    assert client.post(url, {"expected_version": req.version}).status_code == 302
    req.refresh_from_db()
    url = reverse("routing_action", kwargs={"pk": req.pk, "routing_pk": basic.pk, "step": "answer"})
    response = client.post(url, {"expected_version": req.version, "opinion": "provide", "files": [pdf()]})
    assert response.status_code == 302
    req.refresh_from_db()
    response = client.post(url, {"expected_version": req.version, "opinion": "provide", "files": [pdf()]})
    assert "基础教育股已答复该会办，不能重复答复" in response.content.decode()
    assert basic.attachments.count() == 1


def test_the_officer_of_another_department_gets_404_on_the_routing_page(routed, officers, client):
    _, finance = routed
    client.force_login(officers["basic"])  # sees the request (routed to them too), not the finance routing
    url = reverse("routing_action", kwargs={"pk": finance.request_id, "routing_pk": finance.pk, "step": "sign"})
    assert client.get(url).status_code == 404


def test_the_handler_routes_through_the_case_action_page_and_a_late_date_keeps_the_form(req, staff, departments_,
                                                                                         client):
    client.force_login(staff["handler"])
    url = reverse("request_action", kwargs={"pk": req.pk, "action": "route_to_department"})
    late = (req.due_date + timedelta(days=3)).isoformat()
    response = client.post(url, {"expected_version": req.version, "departments": [departments_["basic"].pk],
                                 "note": "请提供预算", "internal_due": late})
    body = response.content.decode()
    assert response.status_code == 200 and "不能晚于法定答复期限" in body and "请提供预算" in body
    assert not InternalRouting.objects.exists()
    response = client.post(url, {"expected_version": req.version, "departments": [departments_["land_planning"].pk],
                                 "note": "请提供预算"})
    assert "只能转本机关在用的业务科室会办" in response.content.decode()
    response = client.post(url, {"expected_version": req.version, "note": "请提供预算",
                                 "departments": [departments_["basic"].pk, departments_["finance"].pk]})
    assert response.status_code == 302 and InternalRouting.objects.count() == 2


def test_the_opinion_form_shows_the_opinions_side_by_side_and_starts_from_them(routed, officers, staff, client):
    basic, finance = routed
    for routing, officer in ((basic, officers["basic"]), (finance, officers["finance"])):
        departments.routing_sign(routing=routing, by=officer)
        departments.routing_answer(routing=routing, by=officer, opinion="provide", files=[pdf()])
    client.force_login(staff["handler"])
    page = client.get(reverse("request_action", kwargs={"pk": basic.request_id, "action": "propose_opinion"}))
    body = page.content.decode()
    assert body.count('class="opinion-card"') == 2
    assert page.context["form"].initial["outcome"] == "disclosed"


def test_the_case_file_has_a_routing_sheet_and_each_opinion(routed, officers, departments_):
    from requests_cms.casefile.documents import SECTIONS, collect

    basic, finance = routed
    departments.routing_sign(routing=basic, by=officers["basic"])
    departments.routing_answer(routing=basic, by=officers["basic"], opinion="provide", files=[pdf("名单.pdf")])
    departments.routing_return(routing=finance, by=officers["finance"], reason="不属于本科室职责")
    docs = collect(basic.request)
    (sheet,) = [doc for doc in docs if doc.kind == "record_internal_consultation"]
    text = "\n".join(block[1] for block in sheet.blocks)
    assert "会办单（转办、签收、答复日期）" in text and "基础教育股意见" in text and "计划财务股意见" in text
    assert "科室意见：提供" in text and "提供的材料：名单.pdf" in text and "退回理由：不属于本科室职责" in text
    assert SECTIONS.index("internal_consultation") < SECTIONS.index("opinion")
    supplied = [doc for doc in docs if doc.kind == AttachmentKind.SUPPLIED_INFORMATION]
    assert len(supplied) == 1  # the department's document is in the reply section as 提供的信息


def test_the_department_view_lists_its_queue_and_what_it_returned(routed, officers, client):
    basic, finance = routed
    departments.routing_return(routing=finance, by=officers["finance"], reason="不属于本科室职责")
    client.force_login(officers["basic"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "本科室待办会办（待签收、办理中）" in page and basic.request.number in page
    client.force_login(officers["finance"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "本科室已退回" in page


def test_the_handler_sees_internal_deadlines_beside_the_statutory_ones(routed, staff, client):
    basic, _ = routed
    client.force_login(staff["handler"])
    page = client.get(reverse("dashboard")).content.decode()
    assert "会办内部期限" in page
    assert f"{basic.internal_due:%Y-%m-%d}" in page and f"{basic.request.due_date:%Y-%m-%d}" in page


def test_an_earlier_receipt_date_brings_the_internal_due_dates_with_it(routed, staff):
    from requests_cms.services import registration

    basic, _ = routed
    internal_before = basic.internal_due
    req = registration.request_override_received_on(request=basic.request, by=staff["registrar"],
                                                    received_on=basic.request.received_on - timedelta(days=14),
                                                    reason="核对收件登记簿")
    assert req.due_date < internal_before  # the reply is now due before the department's date
    basic.refresh_from_db()
    assert basic.internal_due == req.due_date


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_department_view_and_the_handlers_deadlines_read_a_fixed_number_of_queries(make_request, staff, officers,
                                                                                     departments_, client):
    counts = {}
    for n, more in ((2, 2), (8, 6)):
        for _ in range(more):
            r = handling.request_accept(request=recent_request(make_request), by=staff["handler"])
            departments.routing_route(request=r, by=staff["handler"], departments=[departments_["basic"]],
                                      note="请提供")
        assert InternalRouting.objects.count() == n
        client.force_login(officers["basic"])
        officer = _queries(client, reverse("dashboard"))
        client.force_login(staff["handler"])
        handler = _queries(client, reverse("dashboard"))
        counts[n] = (officer, handler)
    assert counts[2] == counts[8]


def test_the_case_page_reads_a_fixed_number_of_queries_however_many_departments_answer(req, staff, officers,
                                                                                      departments_, client,
                                                                                      education):
    client.force_login(staff["handler"])
    (first,) = departments.routing_route(request=req, by=staff["handler"], departments=[departments_["basic"]],
                                         note="请提供")
    departments.routing_sign(routing=first, by=officers["basic"])
    departments.routing_answer(routing=first, by=officers["basic"], opinion="provide", files=[pdf()])
    one = _queries(client, reverse("request_detail", kwargs={"pk": req.pk}))
    others = [d for d in education.departments.all() if d.pk != departments_["basic"].pk][:3]
    departments.routing_route(request=req, by=staff["handler"], departments=others, note="请提供")
    assert _queries(client, reverse("request_detail", kwargs={"pk": req.pk})) == one


def test_a_return_suggesting_another_agencys_department_is_refused_and_nothing_changes(routed, officers,
                                                                                      departments_, client):
    basic, _ = routed
    with pytest.raises(WorkflowError, match="建议转办的科室须为本机关的其他业务科室"):
        departments.routing_return(routing=basic, by=officers["basic"], reason="不属于本科室",
                                   suggested_department=departments_["land_planning"])
    with pytest.raises(WorkflowError, match="请写明退回理由"):
        departments.routing_return(routing=basic, by=officers["basic"], reason=" ")
    basic.refresh_from_db()
    assert basic.status == RoutingStatus.ROUTED
    client.force_login(officers["basic"])
    req = basic.request
    req.refresh_from_db()
    url = reverse("routing_action", kwargs={"pk": req.pk, "routing_pk": basic.pk, "step": "return"})
    response = client.post(url, {"expected_version": req.version, "reason": "不属于本科室",
                                 "suggested_department": departments_["land_planning"].pk})
    body = response.content.decode()
    assert "建议转办的科室须为本机关的其他业务科室" in body and "不属于本科室" in body
    basic.refresh_from_db()
    assert basic.status == RoutingStatus.ROUTED
