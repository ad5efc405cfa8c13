import pytest

from requests_cms.postal import s10_check_digit, waybill_error


def test_s10_check_digit_matches_the_upu_example():
    assert s10_check_digit("12345678") == 5


@pytest.mark.parametrize("number", ["EA123456785CN", "ea123456785cn", "1234567890123"])
def test_valid_waybills_pass(number):
    assert waybill_error(number) is None


@pytest.mark.parametrize("number, fragment", [("EA123456784CN", "校验位"), ("EA12345678CN", "格式"), ("", "格式")])
def test_invalid_waybills_are_refused_with_a_reason(number, fragment):
    assert fragment in waybill_error(number)
