"""Identity numbers and contact details an applicant types, checked as the national standards define them.

- 公民身份号码 (GB 11643-1999): 17 digits — a 6-digit region code, an 8-digit date of birth, a 3-digit sequence —
  and a check character: the sum of each digit times its weight (2^(17-i) mod 11) taken mod 11 indexes "10X98765432".
- 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set "0-9 A-H J-N P-R T U W-Y" (no I, O, Z,
  S, V); the 18th is 31 − (Σ value × weight mod 31), weights 3^i mod 31, where 31 means 0.
- 手机号码: 11 digits beginning 13–19 (the numbering plan of the Ministry of Industry and Information Technology).

Each check returns None when the value is right, or a Chinese sentence saying what is wrong.
"""

import re
from datetime import date

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MOBILE = re.compile(r"^1[3-9]\d{9}$")


def resident_id_check_char(first17):
    return ID_CHECK[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def resident_id_error(value, *, today=None):
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return "公民身份号码应为18位，前17位为数字，最后一位为数字或X"
    if value[0] not in "12345678":
        return "公民身份号码的地址码不正确"
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "公民身份号码中的出生日期不正确"
    if born.year < 1850 or born > (today or date.today()):
        return "公民身份号码中的出生日期不正确"
    if resident_id_check_char(value[:17]) != value[17]:
        return "公民身份号码校验位不正确，请核对"
    return None


def credit_code_check_char(first17):
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def credit_code_error(value):
    value = (value or "").strip().upper()
    if len(value) != 18 or any(c not in CREDIT_CHARSET for c in value):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）"
    if not value[2:8].isdigit():
        return "统一社会信用代码中的行政区划码不正确"
    if credit_code_check_char(value[:17]) != value[17]:
        return "统一社会信用代码校验位不正确，请核对"
    return None


def mobile_error(value):
    value = re.sub(r"[\s-]", "", value or "")
    if not MOBILE.fullmatch(value):
        return "手机号码应为以13至19开头的11位数字"
    return None
