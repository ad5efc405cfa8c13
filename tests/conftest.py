"""Shared fixtures: a fixed clock, the demo organisation, staff of two agencies, and a request factory that uses the
services."""

from datetime import date

import pytest
import time_machine

from requests_cms.demo.organisation_loader import load_organisation
from requests_cms.models import Agency, Role, User
from requests_cms.services import registration

from .clock import FIXED_NOW

# Every test runs on this clock (tests/clock.py). It ticks from there, so durations still pass; the live server of the
# browser journeys runs in this process and sees the same clock. A test that needs another day moves it:
# fixed_clock.move_to(...).


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(FIXED_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def organisation(db):
    load_organisation()
    return {a.code: a for a in Agency.objects.all()}


@pytest.fixture
def education(organisation):
    return organisation["jyj"]


@pytest.fixture
def land(organisation):
    return organisation["zrzyj"]


def make_user(username, agency, *roles, full_name=""):
    return User.objects.create_user(username=username, password="x-Passw0rd!", agency=agency,
                                    roles=[str(r) for r in roles], full_name=full_name or username,
                                    email=f"{username}@example.gov.cn")


@pytest.fixture
def staff(education, land, organisation):
    """Every role in the education bureau, a handler and approver in the land bureau, and the oversight office."""
    return {
        "registrar": make_user("registrar", education, Role.REGISTRAR, full_name="刘芳"),
        "handler": make_user("handler", education, Role.HANDLER, full_name="陈磊"),
        "approver": make_user("approver", education, Role.APPROVER, full_name="郭慧"),
        "approver2": make_user("approver2", education, Role.APPROVER, Role.HANDLER, full_name="赵刚"),
        "auditor": make_user("auditor", education, Role.AUDITOR, full_name="秦明"),
        "oversight": make_user("oversight", organisation["gpszf"], Role.OVERSIGHT, full_name="王主任"),
        "administrator": make_user("administrator", organisation["gpszf"], Role.ADMINISTRATOR),
        "other_handler": make_user("other_handler", land, Role.HANDLER, Role.REGISTRAR, full_name="常浩"),
        "other_approver": make_user("other_approver", land, Role.APPROVER, full_name="申丽"),
    }


@pytest.fixture
def applicant(education, staff):
    return registration.applicant_create(agency=education, by=staff["registrar"], kind="natural_person",
                                         name="张伟", address="山西省高平市米山镇米西村1号", postcode="048400")


@pytest.fixture
def make_request(education, staff, applicant):
    def make(received=date(2025, 9, 25), channel="in_person", **extra):
        dates = {"submitted_on": received} if channel == "in_person" else {"confirmed_on": received}
        return registration.request_register(
            agency=extra.pop("agency", education), by=extra.pop("by", staff["registrar"]),
            applicant=extra.pop("applicant", applicant), channel=channel,
            description=extra.pop("description", "请公开2025年度部门预算"), handler=staff["handler"],
            **dates, **extra)

    return make


@pytest.fixture(autouse=True)
def _calendars_survive_flush(request):
    """Transactional tests end with a flush that empties the tables the data migrations filled; reload them."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from django.core.management import call_command

    from workday_calendars.models import Region

    if not Region.objects.filter(code="national").exists():
        call_command("load_calendars", verbosity=0)


@pytest.fixture
def departments(education, land):
    """Two departments of the education bureau and one of the land bureau (from the demo organisation)."""
    return {
        "basic": education.departments.get(name="基础教育股"),
        "finance": education.departments.get(name="计划财务股"),
        "land_planning": land.departments.get(name="国土空间规划股"),
    }


@pytest.fixture
def officers(departments, education, land):
    """A department officer (业务科室经办人) of each of the departments above."""
    def officer(username, agency, department, full_name):
        user = make_user(username, agency, Role.DEPARTMENT_OFFICER, full_name=full_name)
        user.department = department
        user.save()
        return user

    return {
        "basic": officer("officer_basic", education, departments["basic"], "李红"),
        "finance": officer("officer_finance", education, departments["finance"], "王斌"),
        "land_planning": officer("officer_land", land, departments["land_planning"], "赵敏"),
    }
