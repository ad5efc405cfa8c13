"""Who may see and do what (access.py): the transitions' matrix role by role, the other role rules, agency isolation."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from requests_cms import access
from requests_cms.models import InformationRequest
from requests_cms.workflow import State, transition_names, transitions

TRANSITION_NAMES = transition_names(InformationRequest)

DESK = {"registrar", "handler"}
EXPECTED = {
    "accept": DESK, "receive_correction": DESK, "record_consultation_reply": DESK, "record_payment": DESK,
    "deliver": DESK, "file_proof": DESK, "withdraw": DESK,
    "request_correction": {"handler"}, "lapse_correction": {"handler"}, "start_consultation": {"handler"},
    "finish_consultation": {"handler"}, "issue_fee_notice": {"handler"}, "lapse_fee": {"handler"},
    "propose_opinion": {"handler"}, "decide": {"handler"}, "submit_for_approval": {"handler"},
    "extend": {"approver"}, "approve": {"approver"}, "return_for_revision": {"approver"},
    "reopen": {"handler", "approver"},
    "ask_reasons": {"handler"}, "refuse_reasons": {"handler"}, "accept_reasons": {"handler", "approver"},
}
ROLES = ["registrar", "handler", "approver", "auditor", "oversight", "administrator", "officer"]


@pytest.fixture
def people(staff, officers):
    """The staff, plus a department officer (业务科室经办人) of the education bureau's 基础教育股."""
    return {**staff, "officer": officers["basic"]}


def routed_to(req, department, by):
    """Route `req` to `department` as a record (the 会办 service is tested in test_departments.py)."""
    from django.utils import timezone

    from requests_cms.models import InternalRouting

    return InternalRouting.objects.create(request=req, department=department, note="请提供", internal_due=req.due_date,
                                          routed_by=by, routed_at=timezone.now())


def permission_of(name):
    return next(t.permission for t in transitions(InformationRequest) if t.name == name)


def test_the_matrix_covers_every_transition():
    assert set(EXPECTED) == set(TRANSITION_NAMES)


@pytest.mark.parametrize("name", TRANSITION_NAMES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_take_exactly_its_transitions(name, role, people, departments, make_request):
    req = make_request()
    routed_to(req, departments["basic"], people["handler"])  # the officer sees it, and still takes no transition
    user = people[role]
    allowed = permission_of(name)(req, user)
    assert allowed == (role in EXPECTED[name]), f"{role} / {name}"


@pytest.mark.parametrize("name", TRANSITION_NAMES)
def test_nobody_from_another_agency_may_act(name, staff, officers, make_request):
    req = make_request()
    for user in (staff["other_handler"], staff["other_approver"], officers["land_planning"]):
        assert not permission_of(name)(req, user)
        assert permission_of(name).reason(req, user) == "只能办理本机关的申请"


def test_a_user_of_another_agency_gets_404(staff, make_request):
    req = make_request()
    with pytest.raises(Http404):
        access.request_for_user(staff["other_handler"], pk=req.pk)
    assert access.request_for_user(staff["handler"], pk=req.pk) == req


def test_the_oversight_office_sees_every_agency_and_auditors_only_their_own(staff, make_request, land):
    from datetime import date

    from requests_cms.services import registration

    mine = make_request()
    other_applicant = registration.applicant_create(agency=land, by=staff["other_handler"], kind="business",
                                                    name="某公司")
    theirs = registration.request_register(agency=land, by=staff["other_handler"], applicant=other_applicant,
                                           channel="fax", confirmed_on=date(2025, 9, 30), description="x")
    assert set(access.visible_requests(staff["oversight"])) == {mine, theirs}
    assert set(access.visible_requests(staff["auditor"])) == {mine}
    assert set(access.visible_requests(staff["administrator"])) == set()
    assert access.is_read_only(staff["auditor"]) and access.is_read_only(staff["oversight"])


@pytest.mark.parametrize(("rule", "roles"), [
    (access.REGISTER, {"registrar", "handler"}),
    (access.UPLOADER, {"registrar", "handler", "approver"}),
    (access.SEARCHER, {"handler"}),
    (access.ASSIGNER, {"registrar", "approver"}),
    (access.ROUTER, {"handler"}),
    (access.SUPERVISION_ANSWERER, {"approver"}),
    (access.COMPLAINT_RECORDER, {"registrar", "handler", "approver"}),
])
def test_the_role_rules_outside_the_workflow(rule, roles, people, make_request):
    req = make_request()
    for role in ROLES:
        assert rule(req, people[role]) == (role in roles), (rule.roles, role)
    assert rule.reason(req, people["other_handler"]) == "只能办理本机关的申请"


def test_a_search_is_recorded_by_a_handler_of_the_agency_while_the_request_is_open(staff, make_request):
    req = make_request()
    assert access.search_refusal(req, staff["handler"]) == []
    for user in (staff["auditor"], staff["registrar"], staff["other_handler"]):
        assert access.search_refusal(req, user) == ["只有本机关的承办人可以记录检索"]
    InformationRequest.objects.filter(pk=req.pk).update(state=State.WITHDRAWN)
    req.refresh_from_db()
    assert access.search_refusal(req, staff["handler"]) == ["申请处于“已撤回”状态，不能记录检索"]


def test_the_reports_scope_oversight_reads_the_city_staff_their_own_agency(staff, education, land):
    agency, offered = access.reports_scope(staff["oversight"], "")
    assert agency is None and {education, land} <= set(offered)
    assert access.reports_scope(staff["oversight"], str(land.pk))[0] == land
    assert access.reports_scope(staff["auditor"], "") == (education, [education])
    with pytest.raises(PermissionDenied):
        access.reports_scope(staff["handler"], str(land.pk))
    with pytest.raises(PermissionDenied):
        access.reports_scope(staff["administrator"], "")


@pytest.mark.parametrize(("who", "offered"), [("registrar", True), ("handler", True), ("approver", False),
                                              ("auditor", False), ("oversight", False)])
def test_the_menu_offers_registering_only_to_those_who_may_register(client, staff, who, offered):
    from django.urls import reverse

    client.force_login(staff[who])
    menu = client.get(reverse("dashboard")).content.decode().split('aria-label="主导航"', 1)[1].split("</nav>", 1)[0]
    assert (reverse("request_register") in menu) is offered
    assert (reverse("online_queue") in menu) is offered  # the online submissions waiting for confirmation
    assert (client.get(reverse("request_register")).status_code == 200) is offered
