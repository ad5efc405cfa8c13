"""Resident identity numbers (公民身份号码, GB 11643-1999).

Eighteen characters: a 6-digit address code, the birth date YYYYMMDD, a 3-digit sequence code, and a check
character computed with ISO 7064 MOD 11-2: the digit a_k at position k = 1…17 (from the left) has the weight
W_k = 2^(18-k) mod 11, and the check value is (12 - sum(a_k * W_k) mod 11) mod 11, written "X" when it is 10.
The standard's own examples: 11010519491231002X and 440524188001010014. The old 15-digit form (before 1999) has a
6-digit birth date YYMMDD in the 1900s and no check character.
"""

from datetime import date

WEIGHTS = tuple(2 ** (18 - k) % 11 for k in range(1, 18))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
CHECK_CHARACTERS = "10X98765432"  # indexed by sum mod 11


def check_character(first_17: str) -> str:
    """The check character of the first 17 digits."""
    if len(first_17) != 17 or not first_17.isascii() or not first_17.isdigit():
        raise ValueError("needs exactly 17 ASCII digits")
    return CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first_17, WEIGHTS, strict=True)) % 11]


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def is_valid_18(number: str) -> bool:
    """True for an 18-character number with a real birth date (1800–2099) and the right check character."""
    if len(number) != 18 or not number[:17].isascii() or not number[:17].isdigit() or number[0] == "0":
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not 1800 <= year <= 2099 or not _is_date(year, month, day):
        return False
    return number[17].upper() == check_character(number[:17])


def is_valid_15(number: str) -> bool:
    """True for a 15-digit old-form number with a real birth date in the 1900s (no check character exists)."""
    if len(number) != 15 or not number.isascii() or not number.isdigit() or number[0] == "0":
        return False
    return _is_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
