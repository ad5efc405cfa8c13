"""Departments as data (业务科室): the demo offices, the department officer's scope across agencies AND departments
(0 leaks), and the agency administrator's scoped admin with history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from requests_cms import access
from requests_cms.demo import departments as demo
from requests_cms.demo.organisation_loader import load_organisation
from requests_cms.models import Agency, Department, InternalRouting, Role
from requests_cms.services import registration
from tests.conftest import make_user


def route(req, department, by):
    return InternalRouting.objects.create(request=req, department=department, note="请提供", internal_due=req.due_date,
                                          routed_by=by, routed_at=timezone.now())


def test_every_demo_unit_has_its_departments(organisation):
    for agency in Agency.objects.all():
        names = set(agency.departments.values_list("name", flat=True))
        assert names == set(demo.names_for(agency)) and len(names) >= 3, agency.name
    assert {"基础教育股", "计划财务股", "人事股"} <= set(organisation["jyj"].departments.values_list("name", flat=True))


def test_loading_the_demo_organisation_twice_creates_no_duplicate(organisation):
    before = Department.objects.count()
    load_organisation()
    assert Department.objects.count() == before
    assert Department.history.count() == before  # each created with its history row


def test_an_officers_department_must_belong_to_their_agency(staff, departments, land):
    user = make_user("misplaced", land, Role.DEPARTMENT_OFFICER)
    user.department = departments["basic"]  # the education bureau's
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    assert "业务科室必须属于该工作人员所属的机关" in str(caught.value)


@pytest.fixture
def routed_world(staff, officers, departments, make_request, land):
    """Requests of two agencies routed to different departments, and one routed nowhere."""
    basic_only = make_request(description="学校名单")
    finance_only = make_request(description="部门预算")
    both = make_request(description="教育经费")
    nowhere = make_request(description="未转办")
    land_applicant = registration.applicant_create(agency=land, by=staff["other_handler"], kind="business",
                                                   name="某公司")
    from datetime import date
    theirs = registration.request_register(agency=land, by=staff["other_handler"], applicant=land_applicant,
                                           channel="fax", confirmed_on=date(2025, 9, 30), description="规划")
    route(basic_only, departments["basic"], staff["handler"])
    route(finance_only, departments["finance"], staff["handler"])
    route(both, departments["basic"], staff["handler"])
    route(both, departments["finance"], staff["handler"])
    route(theirs, departments["land_planning"], staff["other_handler"])
    return {"basic_only": basic_only, "finance_only": finance_only, "both": both, "nowhere": nowhere,
            "theirs": theirs}


EXPECTED_SIGHT = {
    "basic": {"basic_only", "both"},
    "finance": {"finance_only", "both"},
    "land_planning": {"theirs"},
}
# Every page of one request (the pk in the URL): a department officer reaches only those of requests routed to them.
CASE_PAGES = [("get", "request_detail", {}), ("get", "deadline_explain", {}), ("get", "delivery_panel", {}),
              ("get", "casefile_export", {}), ("post", "letter_draft_select", {}),
              ("get", "request_action", {"action": "accept"}), ("post", "attachment_upload", {})]


def test_a_department_officer_sees_only_requests_routed_to_their_department(routed_world, officers):
    for key, officer in officers.items():
        seen = {name for name, req in routed_world.items() if access.visible_requests(officer).filter(pk=req.pk)}
        assert seen == EXPECTED_SIGHT[key], key


def test_no_page_of_an_unrouted_request_opens_for_a_department_officer(routed_world, officers, client):
    leaks = []
    for key, officer in officers.items():
        client.force_login(officer)
        for name, req in routed_world.items():
            for method, page, extra in CASE_PAGES:
                status = getattr(client, method)(reverse(page, kwargs={"pk": req.pk, **extra})).status_code
                if name not in EXPECTED_SIGHT[key] and status != 404:
                    leaks.append((key, name, page, status))
    assert leaks == []


def test_the_list_shows_a_department_officer_only_their_departments_requests(routed_world, officers, client):
    client.force_login(officers["finance"])
    page = client.get(reverse("request_list")).content.decode()
    for name, req in routed_world.items():
        assert (req.number in page) == (name in EXPECTED_SIGHT["finance"]), name


def test_a_department_officer_is_read_only_on_the_case(routed_world, officers):
    officer = officers["basic"]
    assert access.is_read_only(officer)
    assert not access.may_write(officer, routed_world["basic_only"])
    assert not access.is_agency_staff(officer)


def test_an_officer_without_a_department_sees_nothing(education, make_request, departments, staff):
    req = make_request()
    route(req, departments["basic"], staff["handler"])
    assert not access.visible_requests(make_user("nodept", education, Role.DEPARTMENT_OFFICER)).exists()


@pytest.fixture
def agency_admin(education):
    user = make_user("jyj_admin", education, Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    return user


def test_the_agency_administrator_edits_only_their_agencys_departments(agency_admin, departments, client):
    client.force_login(agency_admin)
    listing = client.get(reverse("admin:requests_cms_department_changelist")).content.decode()
    assert "基础教育股" in listing and "国土空间规划股" not in listing
    other = departments["land_planning"]
    assert client.get(reverse("admin:requests_cms_department_change", args=[other.pk])).status_code in (302, 403,
                                                                                                          404)
    mine = departments["basic"]
    response = client.post(reverse("admin:requests_cms_department_change", args=[mine.pk]),
                           {"name": "基础教育股（改）", "active": "on"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.name == "基础教育股（改）" and mine.agency == agency_admin.agency
    assert mine.history.count() == 2  # created, changed


def test_a_department_added_by_the_agency_administrator_belongs_to_their_agency(agency_admin, land, client):
    client.force_login(agency_admin)
    response = client.post(reverse("admin:requests_cms_department_add"), {"name": "督导室", "active": "on",
                                                                          "agency": land.pk})
    assert response.status_code == 302
    assert Department.objects.get(name="督导室").agency == agency_admin.agency


def test_a_desk_user_cannot_open_the_department_admin(staff, client):
    user = staff["handler"]
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(reverse("admin:requests_cms_department_changelist")).status_code == 403


def test_the_demo_has_officers_and_internal_consultations(db):
    from django.core.management import call_command

    from requests_cms.models import User

    call_command("seed_demo", verbosity=0)
    officer = User.objects.get(username="jyj-jcjy")
    assert officer.department.name == "基础教育股" and officer.has_role(Role.DEPARTMENT_OFFICER)
    routed = access.visible_requests(officer)
    assert routed.exists()
    assert set(routed.values_list("routings__department__name", flat=True)) >= {"基础教育股"}
    assert User.objects.get(username="jyj-admin").is_staff
    statuses = set(InternalRouting.objects.filter(request__agency__code="jyj").values_list("status", flat=True))
    assert statuses == {"routed", "signed", "answered"}
