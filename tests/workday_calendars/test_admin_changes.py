"""An administrator's change to a calendar day changes computed due dates and triggers the recompute hook."""

import pytest
from django.urls import reverse

from workday_calendars.deadlines import reply_due
from workday_calendars.models import CalendarDay, OfficialNotice, Region
from workday_calendars.registry import calendar_for_region

from .conftest import d

pytestmark = pytest.mark.django_db
calls = []


def record(start, end):
    calls.append((start, end))
    return 1


@pytest.fixture(autouse=True)
def recompute_into_list(settings):
    settings.WORKDAY_CALENDARS_RECOMPUTE = "tests.workday_calendars.test_admin_changes.record"
    calls.clear()


def test_turning_a_day_off_into_a_workday_in_the_admin_moves_the_due_date(
    admin_client, django_capture_on_commit_callbacks
):
    day = CalendarDay.objects.get(region__code="national", date=d("2025-10-08"))
    assert reply_due(d("2025-09-25"), calendar=calendar_for_region()).due == d("2025-10-29")
    url = reverse("admin:workday_calendars_calendarday_change", args=[day.pk])
    form = {"region": day.region_id, "date": "2025-10-08", "kind": "workday_override", "name": "更正",
            "notice": day.notice_id, "_save": "保存"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert reply_due(d("2025-09-25"), calendar=calendar_for_region()).due == d("2025-10-28")
    assert calls == [(d("2025-10-08"), d("2025-10-08"))]
    assert day.history.count() == 1


def test_an_administrator_enters_next_years_notice_with_its_days(admin_client, django_capture_on_commit_callbacks):
    national = Region.objects.get(code="national")
    form = {
        "region": national.pk, "year": "2027", "title": "国务院办公厅关于2027年部分节假日安排的通知",
        "url": "", "published_on": "", "source_note": "",
        "days-TOTAL_FORMS": "2", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2027-01-01", "days-0-kind": "day_off", "days-0-name": "元旦",
        "days-1-date": "2027-02-20", "days-1-kind": "make_up_workday", "days-1-name": "春节",
        "_save": "保存",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:workday_calendars_officialnotice_add"), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    notice = OfficialNotice.objects.get(year=2027)
    assert notice.days.count() == 2
    assert set(notice.days.values_list("region__code", flat=True)) == {"national"}
    calendar = calendar_for_region()
    assert calendar.is_year_official(2027)
    assert calendar.is_workday(d("2027-02-20"))
    assert len(calls) == 1 and calls[0][0] <= d("2027-01-01") and calls[0][1] >= d("2027-02-20")


def test_the_admin_pages_of_the_calendar_open(admin_client):
    for name in ["region", "officialnotice", "calendarday"]:
        assert admin_client.get(reverse(f"admin:workday_calendars_{name}_changelist")).status_code == 200
    day = CalendarDay.objects.first()
    assert admin_client.get(reverse("admin:workday_calendars_calendarday_history", args=[day.pk])).status_code == 200
