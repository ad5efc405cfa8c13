"""The reply deadline: clock start, correction restart, pauses, extension, and its Chinese explanation."""

from dataclasses import fields, replace

import pytest

from workday_calendars.deadlines import (
    Deadline,
    consultation_due,
    correction_notice_due,
    fee_payment_due,
    reply_due,
)

from .conftest import d


def test_it_explains_that_the_day_of_receipt_is_not_counted(calendar):
    result = reply_due(d("2025-09-25"), calendar=calendar)
    assert result.clock_start == d("2025-09-25")
    assert result.explanation[0] == "收到申请之日2025年9月25日（星期四）不计入，自次日起算。"
    assert result.explanation[-1] == "答复期限届满日为2025年10月29日（星期三）。"


def test_it_names_the_holiday_blocks_it_crosses(calendar):
    lines = reply_due(d("2025-09-25"), calendar=calendar).explanation
    assert any("跨越国庆节、中秋节假期（2025年10月1日至10月8日" in line for line in lines)


def test_it_lists_the_make_up_workdays_it_counts(calendar):
    lines = reply_due(d("2025-09-25"), calendar=calendar).explanation
    assert any("2025年9月28日（星期日）、2025年10月11日（星期六）为调休上班日" in line for line in lines)


def test_a_receipt_inside_a_holiday_says_so(calendar):
    result = reply_due(d("2025-10-04"), calendar=calendar)
    assert result.due == d("2025-11-04")
    assert result.explanation[0].startswith("收到申请之日2025年10月4日（星期六，国庆节、中秋节假期）不计入")


def test_a_corrected_application_restarts_the_clock(calendar):
    result = reply_due(d("2025-09-01"), correction_received=d("2025-09-25"), calendar=calendar)
    assert result.clock_start == d("2025-09-25")
    assert result.event == d("2025-09-01")
    assert result.due == d("2025-10-29")
    assert "重新计算" in result.explanation[0]


def test_a_correction_before_the_receipt_is_refused(calendar):
    with pytest.raises(ValueError):
        reply_due(d("2025-09-25"), correction_received=d("2025-09-24"), calendar=calendar)


def test_an_extension_adds_workdays_and_is_explained(calendar):
    result = reply_due(d("2025-09-25"), extension=20, calendar=calendar)
    assert result.due == d("2025-11-26")
    assert result.extension == 20
    assert "经批准延长20个工作日" in result.explanation[1]


@pytest.mark.parametrize("extension", [-1, 21])
def test_an_extension_outside_0_to_20_is_refused(calendar, extension):
    with pytest.raises(ValueError):
        reply_due(d("2025-09-25"), extension=extension, calendar=calendar)


def test_each_pause_reports_the_workdays_it_removed(calendar):
    result = reply_due(
        d("2025-09-25"), pauses=[(d("2025-10-09"), d("2025-10-15"), "征求第三方意见")], calendar=calendar,
    )
    assert result.paused_workdays == 5
    assert result.pauses[0].workdays == 5
    assert result.due == d("2025-11-05")
    assert any(line.startswith("征求第三方意见：") and "扣除其中5个工作日" in line for line in result.explanation)


def test_a_pause_before_a_corrected_application_removes_nothing(calendar):
    result = reply_due(
        d("2025-09-01"), correction_received=d("2025-09-25"), pauses=[(d("2025-09-02"), d("2025-09-20"))],
        calendar=calendar,
    )
    assert result.paused_workdays == 0
    assert result.due == d("2025-10-29")


def test_overlapping_pauses_are_counted_once_and_the_overlap_is_explained(calendar):
    result = reply_due(
        d("2025-03-01"), pauses=[(d("2025-03-03"), d("2025-03-05")), (d("2025-03-04"), d("2025-03-07"))],
        calendar=calendar,
    )
    assert result.paused_workdays == 4
    assert any("重叠部分只扣除一次" in line for line in result.explanation)


def test_a_result_reaching_into_an_unannounced_year_is_provisional(calendar):
    result = reply_due(d("2026-12-10"), calendar=calendar)
    assert result.provisional
    assert result.provisional_reasons == ("2027年国务院节假日安排尚未公布，按法定节假日推算，未计调休，结果为暂定",)
    assert any("2027年国务院节假日安排尚未公布" in line for line in result.explanation)
    assert result.explanation[-1].endswith("（暂定）。")
    assert any("按法定节假日推算" in line and "元旦" in line for line in result.explanation)


def test_a_result_within_announced_years_is_not_provisional(calendar):
    result = reply_due(d("2026-12-02"), calendar=calendar)
    assert result.due == d("2026-12-30")
    assert not result.provisional
    assert result.provisional_reasons == ()


def test_a_receipt_on_the_last_day_of_2026_is_provisional(calendar):
    assert reply_due(d("2026-12-31"), calendar=calendar).provisional


def test_the_correction_notice_is_due_after_7_workdays(calendar):
    result = correction_notice_due(d("2025-01-24"), calendar=calendar)
    assert result.due == d("2025-02-10")
    assert "补正告知期限为7个工作日" in result.explanation[1]


def test_a_third_party_answers_within_15_workdays(calendar):
    assert consultation_due(d("2025-09-25"), calendar=calendar).due == d("2025-10-22")


def test_the_fee_is_paid_within_20_workdays_from_the_day_after_the_notice(calendar):
    result = fee_payment_due(d("2022-09-30"), calendar=calendar)
    assert result.due == d("2022-11-02")
    assert result.explanation[0].startswith("收到收费通知之日2022年9月30日")


def test_a_fast_built_result_equals_one_built_by_the_dataclass(calendar):
    result = reply_due(d("2025-09-25"), pauses=[(d("2025-10-09"), d("2025-10-15"))], calendar=calendar)
    assert set(vars(result)) == {f.name for f in fields(Deadline)}
    assert result == Deadline(**{f.name: getattr(result, f.name) for f in fields(Deadline)})
    assert hash(result) == hash(replace(result))


def test_the_result_is_json_ready(calendar):
    data = reply_due(d("2025-09-25"), pauses=[(d("2025-10-09"), d("2025-10-15"))], calendar=calendar).as_dict()
    assert data["due"] == "2025-11-05"
    assert data["pauses"] == [{"start": "2025-10-09", "end": "2025-10-15", "workdays": 5, "label": ""}]
    assert data["provisional"] is False
