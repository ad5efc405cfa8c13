"""The plain data a letter is made of: no Django, no markup."""

import datetime
import re
from dataclasses import dataclass

from .text import clean

BODY, HEADING_1, HEADING_2, HEADING_3, HEADING_4 = 0, 1, 2, 3, 4
_HEADING_PATTERNS = (
    (HEADING_1, re.compile(r"^[一二三四五六七八九十]+、")),
    (HEADING_2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (HEADING_3, re.compile(r"^\d+[.．]")),
    (HEADING_4, re.compile(r"^[（(]\d+[）)]")),
)


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; level 1-4 marks a heading numbered 一、 / （一） / 1. / （1） (the number is in the text)."""

    text: str
    level: int = BODY


@dataclass(frozen=True)
class LetterDocument:
    title: str
    signature: str  # the agency's name, printed over the date
    date: datetime.date
    body: tuple[Paragraph, ...] = ()
    authority_mark: str = ""  # 发文机关标志 (letter form)
    document_number: str = ""  # 文号, e.g. 高政公开〔2026〕12号; empty for a draft
    addressee: str = ""  # printed with a full-width colon
    attachments: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # 附注 under the date, e.g. a provisional-calendar note
    seal_image: str | None = None  # path of the agency's uploaded seal image
    seal_approved: bool = False  # the seal image is drawn only when approval is complete
    letter_form: bool = True  # 信函格式 with the red letterhead; False for a plain page
    watermark: str = ""  # e.g. 草稿 on drafts


def heading_level(text):
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return BODY


def paragraphs_from_text(text):
    """Paragraphs of an edited letter text: one per non-empty line, heading levels recognised by their numbers."""
    paragraphs = []
    for raw in clean(text).split("\n"):
        line = raw.strip(" \u3000")
        if line:
            paragraphs.append(Paragraph(line, heading_level(line)))
    return tuple(paragraphs)


def format_date(date):
    """成文日期 in Arabic numerals without leading zeros: 2026年3月20日."""
    return f"{date.year}年{date.month}月{date.day}日"
