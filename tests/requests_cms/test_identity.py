"""Identity numbers by the national standards. The valid vectors are the examples printed in GB 11643-1999 and
GB 32100-2015; each wrong vector is a valid one with one character changed."""

from datetime import date

import pytest

from requests_cms.identity import credit_code_error, mobile_error, resident_id_error

TODAY = date(2026, 12, 2)


@pytest.mark.parametrize("number", [
    "11010519491231002X",  # GB 11643-1999's own example (check character X)
    "440524188001010014",  # GB 11643-1999's own example
    "11010519491231002x",  # a lower-case x is read as X
])
def test_valid_resident_id_numbers_pass(number):
    assert resident_id_error(number, today=TODAY) is None


@pytest.mark.parametrize(("number", "message"), [
    ("110105194912310021", "校验位不正确"),  # one check character off
    ("11010519491231002", "应为18位"),
    ("1101051949123100AX", "应为18位"),
    ("910105194912310023", "地址码"),
    ("110105194913310020", "出生日期"),  # month 13
    ("110105203012310025", "出生日期"),  # born after today
])
def test_wrong_resident_id_numbers_say_what_is_wrong(number, message):
    assert message in resident_id_error(number, today=TODAY)


@pytest.mark.parametrize("code", [
    "91350100M000100Y43",  # GB 32100-2015's example
    "91110000802100433B",
])
def test_valid_unified_social_credit_codes_pass(code):
    assert credit_code_error(code) is None


@pytest.mark.parametrize(("code", "message"), [
    ("91350100M000100Y44", "校验位不正确"),
    ("91350100M000100I43", "不含I"),  # a letter outside the set
    ("9135010M000100Y43", "应为18位"),
    ("91AB0100M000100Y43", "行政区划码"),
])
def test_wrong_credit_codes_say_what_is_wrong(code, message):
    assert message in credit_code_error(code)


@pytest.mark.parametrize(("number", "ok"), [("13800000001", True), ("138 0000 0001", True), ("19912345678", True),
                                             ("12800000001", False), ("1380000000", False), ("0356-5222001", False)])
def test_mobile_numbers_by_form(number, ok):
    assert (mobile_error(number) is None) is ok
