"""Fees in the annual report (section 六) and the oversight statistics (issue 11 deliverable 7), and delayed replies
(REG 35) as their own group: the tallies equal the direct computation over the fee notices and requests."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from requests_cms.models import FeeNotice
from requests_cms.reports import annual, statistics, tallies
from requests_cms.reports.xlsx import annual_report_xlsx
from requests_cms.services import handling

pytestmark = pytest.mark.django_db


@pytest.fixture
def fees(make_request, staff, education, land):
    """Education: two fee notices in 2026 (150 pages = 1,700 元 paid; 31 pages = 10 元 unpaid), one issued in 2025 and
    paid in 2026 (40 pages = 100 元). Land: none."""
    education.fee_method = "per_page"
    education.save()

    def charged(received, issued, pages, paid=None):
        req = handling.request_accept(request=make_request(received=received), by=staff["registrar"])
        req = handling.fee_issue_notice(request=req, by=staff["handler"], issued_on=issued, pages=pages)
        if paid:
            req = handling.fee_record_payment(request=req, by=staff["registrar"], paid_on=paid)
        return req

    charged(date(2026, 3, 2), date(2026, 3, 4), 150, paid=date(2026, 3, 10))
    charged(date(2026, 6, 1), date(2026, 6, 3), 31)
    charged(date(2025, 12, 22), date(2025, 12, 24), 40, paid=date(2026, 1, 6))
    return education


def direct_fees(year, agency=None):
    """Written out over the fee notices, independently of the report code."""
    notices = FeeNotice.objects.all() if agency is None else FeeNotice.objects.filter(request__agency=agency)
    issued = [n for n in notices if n.issued_on.year == year]
    paid = [n for n in notices if n.paid_on and n.paid_on.year == year]
    return (len(issued), sum((n.amount for n in issued), Decimal(0)), len(paid), sum((n.amount for n in paid),
                                                                                      Decimal(0)))


def test_the_fee_amounts_are_those_of_the_fee_measures(fees):
    assert sorted(FeeNotice.objects.values_list("amount", flat=True)) == [Decimal(10), Decimal(100), Decimal(1700)]


def test_section_6_states_the_fees_issued_and_collected_per_agency_and_city_wide(fees, land):
    city = annual.annual_report(year=2026)
    direct = annual.annual_report_direct(year=2026)
    assert city.fees == direct.fees
    assert (city.fees.notices, city.fees.notices_amount, city.fees.collected, city.fees.collected_amount) == \
        direct_fees(2026) == (2, Decimal("1710.00"), 2, Decimal("1800.00"))
    section = city.as_json()["section_6"]
    assert section["title"] == "六、其他需要报告的事项"
    assert section["fees"] == {"fee_notices": 2, "fee_notices_amount": "1710.00", "collected": 2,
                               "collected_amount": "1800.00"}
    assert section["per_agency"] == [{"agency": "高平市教育局", **section["fees"]}]
    assert "实际收取信息处理费2件，总金额1,800.00元" in section["statement"]
    assert annual.annual_report(year=2025, agency=fees).fees.collected_amount == Decimal("0.00")
    assert annual.annual_report(year=2025, agency=fees).fees.notices_amount == Decimal("100.00")
    nothing = annual.annual_report(year=2026, agency=land).as_json()["section_6"]
    assert nothing["statement"] == "本年度未发出收费通知，未收取信息处理费。" and "per_agency" not in nothing


def test_the_fee_tallies_equal_the_records_after_a_rebuild(fees):
    before = annual.annual_report(year=2026).fees
    tallies.rebuild()
    assert annual.annual_report(year=2026).fees == before
    assert not tallies.drift()


def test_the_xlsx_of_section_6_has_the_fees(fees):
    wb = load_workbook(BytesIO(annual_report_xlsx(annual.annual_report(year=2026))))
    sheet = wb["其他需要报告的事项"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    assert ("高平市教育局", 2, 1710.0, 2, 1800.0) in rows
    assert ("全市合计", 2, 1710.0, 2, 1800.0) in rows
    assert any(r[0] and "本年度发出收费通知2件" in r[0] for r in rows)


def test_the_oversight_statistics_show_the_fees_collected(fees, land):
    stats = statistics.oversight_statistics(year=2026)
    direct = statistics.oversight_statistics_direct(year=2026)
    assert stats.total.fees_collected == direct.total.fees_collected == direct_fees(2026)[3] == Decimal("1800.00")
    by_agency = {line.agency: line.fees_collected for line in stats.per_agency}
    assert by_agency["高平市教育局"] == Decimal("1800.00")
    header, *rows = stats.tables()[0][1:]
    assert header[-1] == "收取信息处理费（元）"
    assert ["全市", "1800.00"] == [rows[0][0][0], rows[0][0][-1]]
