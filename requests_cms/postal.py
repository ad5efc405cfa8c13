"""Waybill numbers: UPU S10 (EA123456785CN) with its check digit; 13-digit domestic EMS numbers by form."""

import re

S10 = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")
DOMESTIC_EMS = re.compile(r"^\d{13}$")
WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial):
    c = 11 - sum(int(d) * w for d, w in zip(serial, WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(c, c)


def waybill_error(number):
    """None when the number is valid, else a Chinese message saying what is wrong."""
    value = (number or "").strip().upper()
    if DOMESTIC_EMS.match(value):
        return None
    match = S10.match(value)
    if not match:
        return "邮件号码格式不正确：应为13位数字，或2个字母+9位数字+2个字母（如 EA123456785CN）"
    serial, check = match.group(2), int(match.group(3))
    if s10_check_digit(serial) != check:
        return f"邮件号码校验位不正确（{value}），请核对"
    return None


def normalise(number):
    return (number or "").strip().upper()
