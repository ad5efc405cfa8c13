"""The list's export in a browser: the form posts the list's filters, the export page shows the file to download."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_exporting_the_filtered_list_offers_the_file(open_as, make_request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_request(description="请公开2026年度部门预算")
    make_request(description="请公开学校招生方案")
    tab = open_as("handler")
    tab.goto("/requests/?q=%E9%A2%84%E7%AE%97", "list-searched")
    tab.follow("button[name=format][value=csv]")
    tab.page.locator("#job-links").wait_for(state="visible")
    tab.shot("list-export-done")
    assert tab.page.locator("#job-rows").inner_text() == "共1行"
    with tab.page.expect_download() as download:
        tab.page.click("#download")
    text = open(download.value.path(), encoding="utf-8-sig").read()
    assert len(text.strip().splitlines()) == 2
