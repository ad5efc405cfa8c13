"""Oversight statistics: channels, processing time in workdays without paused time, on-time rate, outcomes."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from requests_cms.models import ClockPause, InformationRequest
from requests_cms.reports import statistics, tallies
from requests_cms.reports.statistics import percentile, workdays_taken
from workday_calendars.datafiles import calendar_from_files

from .test_annual_report import add_challenge, add_request


@pytest.fixture
def calendar():
    return calendar_from_files()


def test_it_counts_workdays_strictly_after_the_clock_start(calendar):
    # Domain test vector: received 2025-09-25, the 20th workday after it is 2025-10-29.
    assert workdays_taken(calendar, date(2025, 9, 25), date(2025, 10, 29)) == 20


def test_it_leaves_paused_workdays_out(calendar):
    # (10-09, 10-15]: Fri 10, Sat 11 (make-up workday in 2025), Mon 13, Tue 14, Wed 15 = 5 workdays.
    pause = [(date(2025, 10, 9), date(2025, 10, 15))]
    assert workdays_taken(calendar, date(2025, 9, 25), date(2025, 10, 29), pause) == 15


def test_overlapping_pauses_count_once(calendar):
    pauses = [(date(2025, 10, 9), date(2025, 10, 15)), (date(2025, 10, 13), date(2025, 10, 14))]
    assert workdays_taken(calendar, date(2025, 9, 25), date(2025, 10, 29), pauses) == 15


def test_percentile_is_nearest_rank():
    assert percentile([5, 7, 15, 21], 90) == 21
    assert percentile(list(range(1, 11)), 90) == 9
    assert percentile([], 90) is None


def oversight_statistics(**scope):
    """The statistics as the page reads them (the tallies); they must equal the direct count over the records."""
    stats = statistics.oversight_statistics(**scope)
    assert stats == statistics.oversight_statistics_direct(**scope)
    return stats


@pytest.fixture
def replied(education, land):
    """Four replies of the education bureau in 2025 (20-workday due dates from registration) and one of land."""
    first = add_request(education, "natural_person", date(2025, 9, 25), outcome="disclosed",
                        concluded=date(2025, 10, 29))  # 20 workdays, 5 of them paused below -> 15
    ClockPause.objects.create(request=first, reason="consultation", start=date(2025, 10, 9), end=date(2025, 10, 15))
    add_request(education, "business", date(2025, 3, 3), outcome="not_held", concluded=date(2025, 3, 10))  # 5
    add_request(education, "natural_person", date(2025, 1, 24), outcome="disclosed", concluded=date(2025, 2, 10))  # 7
    late = add_request(education, "natural_person", date(2025, 3, 3), outcome="partly_disclosed",
                       concluded=date(2025, 4, 1))  # 21 workdays, due 2025-03-31: late
    add_request(education, "other", date(2025, 5, 6), outcome="withdrawn", concluded=date(2025, 5, 8))
    add_request(education, "other", date(2025, 11, 3))
    InformationRequest.objects.filter(pk=late.pk).update(channel="online")
    add_request(land, "natural_person", date(2025, 6, 3), outcome="disclosed", concluded=date(2025, 6, 5))  # 2
    add_challenge(late, "reconsideration", "corrected", date(2025, 4, 20))
    tallies.rebuild()  # the records above were written directly, not through the services
    return first


def test_it_gives_median_and_90th_percentile_of_processing_time(replied, education):
    stats = oversight_statistics(year=2025, agency=education)
    assert sorted(stats.total.times.elements()) == [5, 7, 15, 21]
    assert stats.total.median == 11
    assert stats.total.p90 == 21


def test_it_gives_the_on_time_rate_and_channels(replied, education):
    stats = oversight_statistics(year=2025, agency=education)
    assert (stats.total.replied, stats.total.on_time) == (4, 3)
    assert stats.total.on_time_rate == 0.75
    assert stats.channels == {"in_person": 5, "online": 1}
    assert stats.total.received == 6 and stats.total.concluded == 5


def test_it_gives_outcomes_and_challenges(replied, education):
    stats = oversight_statistics(year=2025, agency=education)
    assert stats.outcomes == {"disclosed": 2, "not_held": 1, "partly_disclosed": 1, "withdrawn": 1}
    assert stats.challenges["reconsideration"]["corrected"] == 1
    assert (stats.total.challenges, stats.total.corrected) == (1, 1)


def test_the_city_statistics_list_every_active_agency(replied):
    stats = oversight_statistics(year=2025)
    assert [line.agency for line in stats.per_agency] == ["高平市教育局", "高平市自然资源局"]
    assert sorted(stats.total.times.elements()) == [2, 5, 7, 15, 21]
    assert stats.total.median == 7


def test_the_page_draws_inline_svg_charts_without_outside_hosts(client, staff, replied):
    client.force_login(staff["oversight"])
    body = client.get(reverse("oversight_stats"), {"year": 2025}).content.decode()
    assert body.count("<svg") == 3
    assert "高平市教育局" in body and "75.0%" in body
    assert 'src="http' not in body and 'src="//' not in body and 'href="http' not in body


def test_the_statistics_export_as_xlsx(client, staff, replied):
    client.force_login(staff["handler"])
    response = client.get(reverse("oversight_stats"), {"year": 2025, "format": "xlsx"})
    wb = load_workbook(BytesIO(response.content))
    assert [ws.title for ws in wb.worksheets] == ["概况", "申请渠道", "办理结果", "复议诉讼", "督办", "投诉"]
    summary = list(wb["概况"].iter_rows(values_only=True))
    assert summary[2][:6] == ("高平市教育局", 6, 5, 4, 3, "75.0%")


def test_agency_staff_cannot_see_another_agencys_statistics(client, staff, replied, land):
    client.force_login(staff["handler"])
    assert client.get(reverse("oversight_stats"), {"agency": land.pk}).status_code == 403
