"""Annual report tables 三 and 四: hand-counted expectations, carried-over requests, every outcome row."""

from datetime import date

import pytest

from requests_cms.models import Applicant, Challenge, InformationRequest, Outcome
from requests_cms.reports import annual, tallies
from requests_cms.services import registration

# The row each outcome counts in, written out from domain.md §5 (not taken from the code under test).
EXPECTED_ROW = {
    "already_public": "（一）予以公开",
    "disclosed": "（一）予以公开",
    "partly_disclosed": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld_state_secret": "1.属于国家秘密",
    "withheld_by_law": "2.其他法律行政法规禁止公开",
    "withheld_security": "3.危及“三安全一稳定”",
    "withheld_third_party": "4.保护第三方合法权益",
    "withheld_internal_affairs": "5.属于三类内部事务信息",
    "withheld_process_info": "6.属于四类过程性信息",
    "withheld_enforcement_file": "7.属于行政执法案卷",
    "special_access_route": "8.属于行政查询事项",
    "not_held": "1.本机关不掌握相关政府信息",
    "not_this_agency": "1.本机关不掌握相关政府信息",
    "needs_creation": "2.没有现成信息需要另行制作",
    "unclear_after_correction": "3.补正后申请内容仍不明确",
    "petition": "1.信访举报投诉类申请",
    "repeat": "2.重复申请",
    "publication": "3.要求提供公开出版物",
    "excessive": "4.无正当理由大量反复申请",
    "confirm_or_reissue": "5.要求行政机关确认或重新出具已获取信息",
    "correction_lapsed": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "fee_unpaid": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "not_government_information": "3.其他",
    "withdrawn": "3.其他",
    "other": "3.其他",
}
_GROUPS = {
    "（三）不予公开": ["withheld_state_secret", "withheld_by_law", "withheld_security", "withheld_third_party",
                     "withheld_internal_affairs", "withheld_process_info", "withheld_enforcement_file",
                     "special_access_route"],
    "（四）无法提供": ["not_held", "needs_creation", "unclear_after_correction"],
    "（五）不予处理": ["petition", "repeat", "publication", "excessive", "confirm_or_reissue"],
    "（六）其他处理": ["correction_lapsed", "fee_unpaid", "not_government_information", "withdrawn",
                     "other"],
}
GROUP_OF = {EXPECTED_ROW[code]: group for group, codes in _GROUPS.items() for code in codes}
COLUMNS = ["natural_person", "business", "research", "public_interest", "legal_services", "other", "total"]
NEW, CARRIED_IN = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"
TOTAL, CARRIED_OUT = "（七）总计", "四、结转下年度继续办理"


def add_request(agency, kind, received, *, outcome="", concluded=None, name=None, replied=None):
    """A request registered through the service (as an import), then concluded directly in the database."""
    applicant, _ = Applicant.objects.get_or_create(agency=agency, name=name or f"申请人-{kind}", kind=kind)
    req = registration.request_register(agency=agency, by=None, applicant=applicant, channel="in_person",
                                        description="请公开有关文件", submitted_on=received, imported=True)
    if concluded:
        event_dated = outcome in {"withdrawn", "correction_lapsed", "fee_unpaid"}
        InformationRequest.objects.filter(pk=req.pk).update(
            outcome=outcome, concluded_on=concluded, state="abandoned" if event_dated else "closed",
            replied_on=None if event_dated else (replied or concluded))
    return req


def annual_report(**scope):
    """The report as the page reads it (the tallies), after counting again the records these tests write directly
    (as `recompute_tallies` does); it must equal the direct count over the records."""
    tallies.rebuild()
    report, direct = annual.annual_report(**scope), annual.annual_report_direct(**scope)
    assert (report.cells, report.challenges) == (direct.cells, direct.challenges)
    return report


def by_label(report):
    return {row["label"]: row for row in report.applications()}


def counts(row):
    return [row[c] for c in COLUMNS]


@pytest.fixture
def scenario(education, land):
    """Education bureau requests around 2025 (hand-counted below), and one of the land bureau."""
    add_request(education, "natural_person", date(2024, 11, 5), outcome="disclosed", concluded=date(2025, 1, 10))
    add_request(education, "business", date(2024, 12, 20), outcome="repeat", concluded=date(2024, 12, 30))
    add_request(education, "natural_person", date(2025, 3, 1), outcome="not_held", concluded=date(2025, 3, 20))
    add_request(education, "research", date(2025, 12, 15))
    add_request(education, "public_interest", date(2025, 6, 1), outcome="partly_disclosed",
                concluded=date(2026, 1, 5))
    add_request(education, "legal_services", date(2024, 10, 10))
    add_request(education, "other", date(2025, 2, 2), outcome="withdrawn", concluded=date(2025, 2, 5))
    add_request(education, "natural_person", date(2024, 12, 1), outcome="correction_lapsed",
                concluded=date(2025, 12, 31))
    add_request(education, "natural_person", date(2025, 1, 1), outcome="already_public", concluded=date(2025, 1, 1))
    add_request(education, "business", date(2026, 1, 3))
    add_request(land, "natural_person", date(2025, 5, 1), outcome="petition", concluded=date(2025, 5, 20))


def test_it_counts_new_requests_by_receipt_date_and_applicant_kind(scenario, education):
    rows = by_label(annual_report(year=2025, agency=education))
    assert counts(rows[NEW]) == [2, 0, 1, 1, 0, 1, 5]


def test_it_carries_in_requests_received_earlier_and_open_on_1_january(scenario, education):
    rows = by_label(annual_report(year=2025, agency=education))
    assert counts(rows[CARRIED_IN]) == [2, 0, 0, 0, 1, 0, 3]


def test_it_counts_outcomes_in_the_year_the_request_was_concluded(scenario, education):
    rows = by_label(annual_report(year=2025, agency=education))
    assert counts(rows["（一）予以公开"]) == [2, 0, 0, 0, 0, 0, 2]
    assert counts(rows["1.本机关不掌握相关政府信息"]) == [1, 0, 0, 0, 0, 0, 1]
    assert counts(rows["（四）无法提供"]) == [1, 0, 0, 0, 0, 0, 1]
    assert counts(rows["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]) == [1, 0, 0, 0, 0, 0, 1]
    assert counts(rows["3.其他"]) == [0, 0, 0, 0, 0, 1, 1]
    assert counts(rows["（六）其他处理"]) == [1, 0, 0, 0, 0, 1, 2]
    assert counts(rows["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]) == [0] * 7
    assert counts(rows["2.重复申请"]) == [0] * 7
    assert counts(rows[TOTAL]) == [4, 0, 0, 0, 0, 1, 5]


def test_it_carries_out_requests_open_on_31_december(scenario, education):
    rows = by_label(annual_report(year=2025, agency=education))
    assert counts(rows[CARRIED_OUT]) == [0, 0, 1, 1, 1, 0, 3]


def test_the_check_holds_for_every_column(scenario, education):
    for year in (2024, 2025, 2026):
        for agency in (education, None):
            report = annual_report(year=year, agency=agency)
            check = report.check()
            assert check["holds"], (year, agency)
            rows = by_label(report)
            for c in COLUMNS:
                assert rows[NEW][c] + rows[CARRIED_IN][c] == rows[TOTAL][c] + rows[CARRIED_OUT][c]


def test_the_previous_year_counts_what_was_received_then(scenario, education):
    rows = by_label(annual_report(year=2024, agency=education))
    assert counts(rows[NEW]) == [2, 1, 0, 0, 1, 0, 4]
    assert counts(rows["2.重复申请"]) == [0, 1, 0, 0, 0, 0, 1]
    assert counts(rows[CARRIED_OUT]) == [2, 0, 0, 0, 1, 0, 3]


def test_the_city_report_adds_up_every_agency(scenario):
    rows = by_label(annual_report(year=2025))
    assert counts(rows[NEW]) == [3, 0, 1, 1, 0, 1, 6]
    assert counts(rows["1.信访举报投诉类申请"]) == [1, 0, 0, 0, 0, 0, 1]
    assert counts(rows[TOTAL]) == [5, 0, 0, 0, 0, 1, 6]


@pytest.mark.parametrize("outcome", [o.value for o in Outcome])
def test_each_outcome_counts_in_its_row(outcome, education):
    add_request(education, "business", date(2025, 4, 1), outcome=outcome, concluded=date(2025, 4, 20))
    rows = by_label(annual_report(year=2025, agency=education))
    label = EXPECTED_ROW[outcome]
    expected_nonzero = {label, "三、本年度办理结果", TOTAL, NEW, GROUP_OF.get(label, label)}
    for row_label, row in rows.items():
        want = 1 if row_label in expected_nonzero else 0
        assert counts(row) == [0, want, 0, 0, 0, 0, want], row_label


def test_the_row_of_not_this_agency_is_configurable(education, settings):
    settings.NOT_THIS_AGENCY_REPORT_ROW = "六.3"
    add_request(education, "natural_person", date(2025, 4, 1), outcome="not_this_agency",
                concluded=date(2025, 4, 20))
    rows = by_label(annual_report(year=2025, agency=education))
    assert rows["3.其他"]["total"] == 1
    assert rows["1.本机关不掌握相关政府信息"]["total"] == 0


def add_challenge(req, kind, result, received):
    return Challenge.objects.create(request=req, kind=kind, body="高平市人民政府", received_on=received,
                                    answer_due=received, result=result)


def test_table_4_counts_challenges_received_in_the_year_by_result(education, land):
    req = add_request(education, "natural_person", date(2024, 11, 5), outcome="withheld_by_law",
                      concluded=date(2024, 12, 1))
    other = add_request(land, "natural_person", date(2024, 11, 5), outcome="not_held", concluded=date(2024, 12, 1))
    add_challenge(req, "reconsideration", "upheld", date(2025, 1, 10))
    add_challenge(req, "reconsideration", "corrected", date(2025, 2, 10))
    add_challenge(req, "reconsideration", "pending", date(2025, 12, 31))
    add_challenge(req, "lawsuit_direct", "other", date(2025, 3, 1))
    add_challenge(req, "lawsuit_after_reconsideration", "pending", date(2025, 6, 1))
    add_challenge(req, "lawsuit_direct", "upheld", date(2024, 12, 20))  # received in 2024: not counted
    add_challenge(other, "lawsuit_direct", "corrected", date(2025, 4, 1))  # another agency

    table = annual_report(year=2025, agency=education).challenges
    assert table == {
        "reconsideration": {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
        "lawsuit_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 0, "total": 1},
        "lawsuit_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }
    city = annual_report(year=2025).challenges
    assert city["lawsuit_direct"] == {"upheld": 0, "corrected": 1, "other": 1, "pending": 0, "total": 2}


def test_an_empty_year_is_all_zero_and_balanced(organisation):
    report = annual_report(year=2025)
    assert all(counts(row) == [0] * 7 for row in report.applications())
    assert report.check()["holds"]
