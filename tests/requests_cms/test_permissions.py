"""Who may take each transition: the whole matrix, role by role, and agency isolation."""

import pytest
from django.http import Http404

from requests_cms import access
from requests_cms.models import InformationRequest
from requests_cms.workflow import transition_names, transitions

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
}
ROLES = ["registrar", "handler", "approver", "auditor", "oversight", "administrator"]


def permission_of(name):
    return next(t.permission for t in transitions(InformationRequest) if t.name == name)


def test_the_matrix_covers_every_transition():
    assert set(EXPECTED) == set(TRANSITION_NAMES)


@pytest.mark.parametrize("name", TRANSITION_NAMES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_take_exactly_its_transitions(name, role, staff, make_request):
    req = make_request()
    user = staff[role]
    allowed = permission_of(name)(req, user)
    assert allowed == (role in EXPECTED[name]), f"{role} / {name}"


@pytest.mark.parametrize("name", TRANSITION_NAMES)
def test_nobody_from_another_agency_may_act(name, staff, make_request):
    req = make_request()
    for user in (staff["other_handler"], staff["other_approver"]):
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
