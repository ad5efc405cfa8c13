"""Every figure of the annual report's table 三 links to the list of exactly the requests it counts."""

import re
from html import unescape

import pytest
from django.urls import reverse

from requests_cms.reports import drill
from requests_cms.reports import labels as L

from .test_annual_report import scenario  # noqa: F401  (the hand-counted requests around 2025)
from .test_statistics import replied  # noqa: F401  (four replies of 2025, one late, and one of another agency)

pytestmark = pytest.mark.django_db


def figures(page):
    """(href, shown count) of every linked figure of table 三 on the annual-report page."""
    links = re.findall(r'<a class="figure" href="([^"]+)"[^>]*>(\d+)</a>', page)
    return [(unescape(href), int(n)) for href, n in links]


def listed_count(client, href):
    response = client.get(href)
    assert response.status_code == 200
    return response.context["page"].paginator.count


@pytest.mark.parametrize(("who", "scope"), [("oversight", ""), ("oversight", "education"), ("handler", "")])
def test_each_figure_lists_exactly_the_requests_it_counts(client, staff, education, scenario, who, scope):  # noqa: F811
    from requests_cms.reports import tallies

    tallies.rebuild()
    client.force_login(staff[who])
    params = {"year": 2025, **({"agency": education.pk} if scope else {})}
    page = client.get(reverse("annual_report"), params).content.decode()
    shown = figures(page)
    assert len(shown) == len(L.table_3_rows()) * len(L.COLUMNS) and any(n for _, n in shown)  # every cell
    for href, n in shown:
        assert listed_count(client, href) == n, href


def test_the_list_names_the_figure_it_shows(client, staff, scenario):  # noqa: F811
    client.force_login(staff["oversight"])
    response = client.get(reverse("request_list"), {"report": "2025:new:natural_person", "exact": "1"})
    assert "2025年度报告 · 一、本年新收政府信息公开申请数量 · 自然人" in response.content.decode()


@pytest.mark.parametrize("value", ["2025:nowhere:total", "2025:new:aliens", "x:new:total", "2025:new"])
def test_a_figure_that_does_not_exist_lists_nothing(client, staff, scenario, value):  # noqa: F811
    with pytest.raises(drill.CellError):
        drill.parse(value)
    client.force_login(staff["oversight"])
    assert listed_count(client, reverse("request_list") + f"?report={value}") == 0


@pytest.mark.parametrize(("who", "scope"), [("oversight", ""), ("oversight", "education"), ("handler", "")])
def test_each_statistics_figure_lists_exactly_the_requests_it_counts(client, staff, education, replied, scenario,  # noqa: F811
                                                                    who, scope):
    from requests_cms.reports import tallies

    tallies.rebuild()
    client.force_login(staff[who])
    params = {"year": 2025, **({"agency": education.pk} if scope else {})}
    shown = figures(client.get(reverse("oversight_stats"), params).content.decode())
    assert len(shown) > 10 and any(n for _, n in shown)
    for href, n in shown:
        assert listed_count(client, href) == n, href


def test_the_list_names_the_statistics_figure_it_shows(client, staff, replied):  # noqa: F811
    client.force_login(staff["oversight"])
    page = client.get(reverse("request_list"), {"stat": "2025:channel.in_person", "exact": "1"}).content.decode()
    assert "2025年考核统计 · 本年收到 · 当面提交" in page
    assert listed_count(client, reverse("request_list") + "?stat=2025:channel.carrier_pigeon") == 0
