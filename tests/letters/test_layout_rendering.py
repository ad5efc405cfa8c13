"""The layout engine turns a plain LetterDocument into a GB/T 9704 letter with embedded fonts."""

import datetime
import re

import pytest
from PIL import Image

from letters.layout import MissingGlyphError, Paragraph, paragraphs_from_text, render_letter

from .factories import letter_document
from .pdf import fonts, page_count, page_texts, text


def test_it_prints_the_mark_number_title_addressee_body_signature_and_date():
    content = text(render_letter(letter_document()))
    elements = ("高平市教育局", "高教公开〔2026〕12号", "政府信息公开申请答复书", "张三：", "特此告知。",
                "2026年3月20日")
    for element in elements:
        assert element in content


def test_every_font_is_an_embedded_truetype_subset_and_no_base_font_is_listed():
    found = fonts(render_letter(letter_document(body=paragraphs_from_text("一、标题\n（一）小标题\n正文。"))))
    assert found
    for base_font, subtype, embedded in found:
        assert embedded, base_font
        assert subtype == "/TrueType"
        assert "Helvetica" not in base_font and "STSong" not in base_font


@pytest.mark.parametrize("user_text", ["<b>粗体</b>", "A & B", '<font name="Helvetica">x</font>', "&amp;", "<para>"])
def test_user_text_prints_literally(user_text):
    document = letter_document(body=(Paragraph(f"您申请公开“{user_text}”。"),), addressee=f"申请人{user_text}")
    content = text(render_letter(document))
    assert user_text.replace(" ", "") in content
    assert ("申请人" + user_text).replace(" ", "") + "：" in content


def test_rare_characters_in_names_come_from_the_fallback_face():
    pdf = render_letter(letter_document(addressee="鍾𠈌"))
    assert "鍾𠈌：" in text(pdf)
    assert any("HanaMin" in base_font for base_font, _, _ in fonts(pdf))


@pytest.mark.parametrize("char", ["\ue000", "\U00030000"])
def test_a_character_no_face_has_is_refused_with_its_name(char):
    with pytest.raises(MissingGlyphError) as error:
        render_letter(letter_document(addressee=f"王{char}"))
    assert char in str(error.value)
    assert f"U+{ord(char):04X}" in str(error.value)
    assert error.value.char == char


def test_a_long_description_breaks_across_pages_with_page_numbers():
    description = "高平市城区学校布局调整方案及其附件、会议纪要、请示、批复，" * 60
    document = letter_document(body=paragraphs_from_text(f"您申请公开“{description}”。\n特此告知。"))
    pdf = render_letter(document)
    pages = page_texts(pdf)
    assert len(pages) >= 3
    assert "—" not in pages[0].replace("——", "")  # letter form: no page number on page 1 (GB/T 9704 §10.2)
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().endswith(f"— {number} —")
    assert "2026年3月20日" in pages[-1]
    assert re.sub(r"—\d+—", "", text(pdf)).count("高平市城区学校布局调整方案") == 60  # nothing lost at breaks


def test_the_signature_never_stands_alone_on_a_page():
    for count in range(10, 30):
        pdf = render_letter(letter_document(body=tuple(Paragraph(f"第{n}段正文。") for n in range(count))))
        last = page_texts(pdf)[-1]
        assert "段正文" in last, count


def test_a_plain_letter_numbers_its_first_page_too():
    pdf = render_letter(letter_document(letter_form=False, authority_mark=""))
    assert page_texts(pdf)[0].strip().endswith("— 1 —")


def test_notes_such_as_the_provisional_calendar_note_are_printed_under_the_date():
    note = "本告知书所载期限依据暂定日历计算"
    content = text(render_letter(letter_document(notes=(note,))))
    assert content.index("2026年3月20日") < content.index(f"（{note}）")


def test_attachments_are_listed_and_numbered():
    content = text(render_letter(letter_document(attachments=("申请表", "会议纪要"))))
    assert "附件：1.申请表" in content and "2.会议纪要" in content


@pytest.fixture
def seal(tmp_path):
    path = tmp_path / "seal.png"
    Image.new("RGBA", (200, 200), (230, 0, 0, 255)).save(path)
    return str(path)


def _images(pdf):
    from .pdf import reader

    return sum(len(page.images) for page in reader(pdf).pages)


def test_the_seal_place_stays_empty_until_approval_is_complete(seal):
    assert _images(render_letter(letter_document(seal_image=seal, seal_approved=False))) == 0
    assert _images(render_letter(letter_document(seal_image=seal, seal_approved=True))) == 1


def test_a_draft_carries_a_watermark():
    assert "草稿" in text(render_letter(letter_document(watermark="草稿")))


def test_the_date_is_written_in_arabic_numerals_without_leading_zeros():
    content = text(render_letter(letter_document(date=datetime.date(2026, 1, 5))))
    assert "2026年1月5日" in content


def test_a_one_page_reply_is_one_page():
    assert page_count(render_letter(letter_document())) == 1
