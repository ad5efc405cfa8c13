"""What the proposals look for in a line of text: resident ID numbers, mobile numbers, typed terms.

Text is first folded one character at a time (NFKC, lower case) so that full-width digits, "Ｘ" and the ideographic
space match like their ASCII forms, while every position still points at the same character of the line.
"""

import re
import unicodedata
from collections.abc import Iterator

from .resident_id import is_valid_15, is_valid_18

RESIDENT_ID = "resident_id"
MOBILE = "mobile"
TERM = "term"

_SEPARATOR = r"[ \-]?"
_ID_18 = re.compile(rf"(?<![0-9])(?:[0-9]{_SEPARATOR}){{17}}[0-9x](?![0-9x])")
_ID_15 = re.compile(r"(?<![0-9])[0-9]{15}(?![0-9x])")
# Mainland mobile numbers: 1, then 3–9, then nine digits; spaces or hyphens between digits; +86 / 0086 / 86 prefix.
_MOBILE = re.compile(rf"(?<![0-9+])(?:(?:\+|00)?86{_SEPARATOR})?1[3-9](?:{_SEPARATOR}[0-9]){{9}}(?![0-9])")


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    folded = folded.lower() if len(folded.lower()) == 1 else folded
    if len(folded) != 1:
        return char
    return " " if folded.isspace() else folded


def fold(text: str) -> str:
    """The line folded character by character: same length, same positions."""
    return "".join(_fold_char(char) for char in text)


def _digits(text: str) -> str:
    return text.replace(" ", "").replace("-", "").upper()


def resident_ids(folded: str, *, old_form: bool = True) -> Iterator[tuple[int, int]]:
    """Spans of 18-character numbers with a valid check character (and of valid 15-digit old-form numbers)."""
    for match in _ID_18.finditer(folded):
        if is_valid_18(_digits(match.group())):
            yield match.span()
    if old_form:
        for match in _ID_15.finditer(folded):
            if is_valid_15(match.group()):
                yield match.span()


def mobiles(folded: str) -> Iterator[tuple[int, int]]:
    for match in _MOBILE.finditer(folded):
        yield match.span()


def term_pattern(term: str) -> re.Pattern | None:
    """A typed term matched with any spacing between its characters ("张三" finds "张 三"); None when empty."""
    chars = [char for char in fold(term) if not char.isspace()]
    if not chars:
        return None
    return re.compile(r"\s*".join(re.escape(char) for char in chars))


def terms(folded: str, patterns: list[re.Pattern]) -> Iterator[tuple[int, int]]:
    for pattern in patterns:
        for match in pattern.finditer(folded):
            yield match.span()
