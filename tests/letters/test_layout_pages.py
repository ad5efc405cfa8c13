"""Plain A4 record pages (the case file's): the letter faces, numbered pages, and records that always print."""

from letters.layout import PageWriter
from letters.layout.pages import TEXT_WIDTH

from .pdf import fonts, page_texts, text


def test_every_page_is_numbered_with_the_total():
    pager = PageWriter("案卷", first_page=3, total=9)
    pager.block("p", "办理过程。" * 800)
    pdf, pages = pager.finish()
    assert pages > 1
    assert [page.replace(" ", "").splitlines()[-1] for page in page_texts(pdf)] == [
        f"第{3 + n}页共9页" for n in range(pages)]


def test_a_character_no_face_has_prints_as_a_box_instead_of_refusing_the_record():
    pager = PageWriter("记录")
    pager.line("申请人：王\U00030000")
    pdf, _ = pager.finish()
    assert "申请人：王□" in text(pdf)


def test_a_rare_character_is_drawn_from_the_fallback_face_and_every_face_is_embedded():
    pager = PageWriter("记录")
    pager.line("申请人：鍾𠈌", "h")
    pdf, _ = pager.finish()
    assert "鍾𠈌" in text(pdf)
    used = fonts(pdf)
    assert len(used) >= 2 and all(embedded for _, _, embedded in used)


def test_a_block_wraps_within_the_text_width():
    pager = PageWriter("记录")
    lines = pager.fonts.wrap("检索" * 200, "fangsong", 11, TEXT_WIDTH)
    assert len(lines) > 1
    assert all(pager.fonts.width(line, "fangsong", 11) <= TEXT_WIDTH for line in lines)


def test_a_contents_row_ends_with_its_page_number():
    pager = PageWriter("目录")
    pager.entry("1. 申请登记信息", 3)
    pdf, _ = pager.finish()
    assert "1.申请登记信息3" in text(pdf)
