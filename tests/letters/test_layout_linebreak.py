"""CJK line breaking: 禁则, justification, words and paired marks kept whole."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letters.layout.fonts import FANGSONG, default_font_set
from letters.layout.geometry import BODY_CHAR_SPACE, CHAR_PITCH, SIZE_3, TYPE_WIDTH
from letters.layout.linebreak import fill, shape
from letters.layout.text import NO_LINE_END, NO_LINE_START, clean


def lines_of(text, width=TYPE_WIDTH, first_indent=2 * CHAR_PITCH):
    cells = shape([(text, FANGSONG)], default_font_set(), SIZE_3)
    return fill(cells, width, char_space=BODY_CHAR_SPACE, first_indent=first_indent)


def test_a_full_line_holds_28_characters_after_a_two_character_indent():
    lines = lines_of("政" * 60)
    assert [len(line.cells) for line in lines] == [26, 28, 6]


def test_no_line_starts_with_closing_punctuation():
    text = "政府信息公开申请答复书政府信息公开申请答复书政府信息公开申请，答复书。" * 5
    for line in lines_of(text)[1:]:
        assert line.text[0] not in NO_LINE_START


def test_no_line_ends_with_opening_punctuation():
    text = ("政府信息公开申请答复书政府信息公开申请答复书政府信《息公开申请》" * 5)
    for line in lines_of(text):
        assert line.text[-1] not in NO_LINE_END


def test_every_line_but_the_last_is_justified_to_the_full_width():
    lines = lines_of("根据《中华人民共和国政府信息公开条例》第三十六条，2026年3月20日，EA123456785CN号邮件。" * 4)
    for line in lines[:-1]:
        right_edge = line.offset + sum(cell.width for cell in line.cells) + line.spacing() * (len(line.cells) - 1)
        assert right_edge == pytest.approx(TYPE_WIDTH, abs=0.01)
    assert lines[-1].spacing() == BODY_CHAR_SPACE


def test_numbers_and_latin_words_are_not_split():
    lines = lines_of("政" * 25 + "2026年EA123456785CN")
    assert "2026" not in lines[0].text and lines[1].text.startswith("2026")


@pytest.mark.parametrize("pair", ["——", "……"])
def test_dashes_and_ellipses_stay_whole(pair):
    for prefix in range(20, 30):
        texts = [line.text for line in lines_of("政" * prefix + pair + "政" * 10)]
        assert any(pair in text for text in texts)


def test_clean_drops_control_characters_but_keeps_unknown_ones_for_the_glyph_check():
    assert clean("a\u200bb\x07c\ufeff\r\nd\u9f98\ufe00") == "abc\nd\u9f98"
    assert clean("\ue000") == "\ue000"


ALPHABET = "政府信息公开申请答复书高平市2026AB，。、；：？！）》」“”（《「——……"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=200))
def test_line_breaking_loses_nothing_and_obeys_the_rules(text):
    lines = lines_of(text)
    assert "".join(line.text for line in lines) == text
    for previous, line in zip(lines, lines[1:], strict=False):
        if not previous.text:
            continue
        # A break is only allowed where the rules allow one, unless a single unit was wider than a line.
        allowed = line.text[0] not in NO_LINE_START and previous.text[-1] not in NO_LINE_END
        assert allowed or len(previous.text) >= 27
