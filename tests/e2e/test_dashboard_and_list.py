"""A handler's day in the browser: the dashboard with the deadline explanation one click away, the list searched
and filtered, and the oversight office's view of every agency; on a phone too."""

import pytest
from playwright.sync_api import expect

from tests.requests_cms import pages_data as data

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_handler_starts_the_day_on_the_dashboard_and_finds_a_request_in_the_list(open_as, staff, make_request):
    late = data.overdue(make_request, description="请公开北城小学校舍维修项目预算")
    soon = data.due_soon(make_request, description="请公开2026年义务教育招生计划")
    data.consulting(make_request, staff)
    tab = open_as("handler")
    page = tab.page
    tab.goto("/", "dashboard-handler")
    overdue = page.locator("#sec-overdue")
    expect(overdue).to_contain_text(late.number)
    expect(overdue.locator("tr.row-bad")).to_have_count(1)
    expect(page.locator("#sec-due_soon")).to_contain_text(soon.number)
    explain = page.locator("#sec-due_soon tr", has_text=soon.number).locator("details.explain")
    explain.locator("summary").click()
    expect(explain.locator(".explain-body")).to_contain_text("答复期限")  # fetched from the engine in place
    tab.shot("dashboard-explained")

    tab.goto("/requests/?q=招生", "list-searched")
    rows = page.locator("table.list-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(soon.number)
    page.select_option("#id_state", "registered")
    tab.follow(".filters button[type=submit]")
    tab.shot("list-searched-filtered")
    assert "q=%E6%8B%9B%E7%94%9F" in page.url and "state=registered" in page.url  # the search is kept
    tab.follow(f"text={soon.number}")
    assert f"/requests/{soon.pk}/" in page.url

    phone = open_as("handler", viewport={"width": 390, "height": 844})
    phone.goto("/", "dashboard-phone")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.goto("/requests/", "list-phone")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_oversight_office_sees_every_agency_and_drills_down(open_as, staff, make_request, education):
    late = data.overdue(make_request)
    tab = open_as("oversight")
    page = tab.page
    tab.goto("/", "dashboard-oversight")
    row = page.locator("#sec-agencies tr.row-bad").filter(has_text=education.name)
    expect(row).to_have_count(1)
    tab.follow(row.locator("a.overdue"))
    tab.shot("list-agency-overdue")
    expect(page.locator("table.list-table tbody tr")).to_have_count(1)
    expect(page.locator("table.list-table")).to_contain_text(late.number)
    expect(page.locator("#id_agency")).to_have_value(str(education.pk))
