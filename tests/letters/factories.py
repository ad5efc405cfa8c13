"""Plain letter documents for layout tests."""

import datetime

from letters.layout import LetterDocument, paragraphs_from_text

REPLY_TEXT = (
    "本机关于2026年3月2日收到您提交的政府信息公开申请，您申请公开“高平市2025年义务教育阶段学校布局调整方案”。\n"
    "经审查，根据《中华人民共和国政府信息公开条例》第三十六条第二项的规定，您申请的信息予以公开。\n"
    "特此告知。"
)


def letter_document(**overrides):
    fields = dict(
        title="政府信息公开申请答复书",
        signature="高平市教育局",
        date=datetime.date(2026, 3, 20),
        body=paragraphs_from_text(REPLY_TEXT),
        authority_mark="高平市教育局",
        document_number="高教公开〔2026〕12号",
        addressee="张三",
    )
    fields.update(overrides)
    return LetterDocument(**fields)
