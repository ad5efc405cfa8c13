"""The Content-Security-Policy: present on every page, and no page breaks it (no inline script, style or handler)."""

import pytest

from tests.requests_cms.casefile_support import frozen_letter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def csp_of(response):
    return response.headers.get("content-security-policy", "")


def test_every_page_carries_the_policy_and_none_breaks_it(open_as, staff, make_request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = make_request()
    frozen_letter(req, "acknowledgement", "ACK", staff["handler"], number="高教公开登〔2026〕1号", title="登记回执")
    tab = open_as("approver2")  # approver and handler: sees every page below
    for path, name in [("/", "dashboard"), ("/requests/", "list"), ("/requests/?q=%E9%A2%84%E7%AE%97", "search"),
                       ("/requests/new/", "register"), (f"/requests/{req.pk}/", "case"),
                       ("/tools/deadline/", "calculator"), ("/reports/annual/", "annual-report")]:
        response = tab.goto(path, name)
        assert response.status == 200, path
        policy = csp_of(response)
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
    page = tab.page
    page.goto(tab.base_url + f"/requests/{req.pk}/")
    page.evaluate("window.print = function () { window.__printed = true; }")
    page.click("[data-print]")
    assert page.evaluate("window.__printed") is True  # the print button works without an inline handler


def test_the_case_file_page_polls_from_a_static_script_and_shows_the_result(open_as, staff, make_request, settings,
                                                                            tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = make_request()
    tab = open_as("auditor")
    tab.goto(f"/requests/{req.pk}/casefile/", "casefile")
    tab.follow("#start-export")
    tab.page.locator("#job-links").wait_for(state="visible")
    tab.shot("casefile-done")
    assert "共" in tab.page.locator("#job-pages").inner_text()
