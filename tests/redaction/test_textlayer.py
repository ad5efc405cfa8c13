import pytest

from redaction import textlayer
from redaction.release import page_ranges


def spans(glyphs):
    return [(round(g.x0, 2), round(g.x1, 2)) for g in glyphs]


def test_wide_characters_get_twice_the_share_of_digits():
    glyphs = textlayer.word_glyphs("号：12", 0, 0, 30, 10)
    assert spans(glyphs) == [(0, 10), (10, 20), (20, 25), (25, 30)]


def test_on_a_page_turned_upside_down_characters_run_right_to_left():
    glyphs = textlayer.word_glyphs("号1", 0, 0, 15, 10, rotation=180)
    assert spans(glyphs) == [(5, 15), (0, 5)]


@pytest.mark.parametrize(("rotation", "expected"), [(90, [(0, 10), (10, 15)]), (270, [(5, 15), (0, 5)])])
def test_a_tall_word_is_shared_along_its_height(rotation, expected):
    glyphs = textlayer.word_glyphs("号1", 0, 0, 6, 15, rotation=rotation)
    assert [(round(g.y0, 2), round(g.y1, 2)) for g in glyphs] == expected


XHTML = """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><doc>
<page width="595" height="842"><flow><block><line>
<word xMin="10" yMin="20" xMax="24" yMax="34">张</word><word xMin="30" yMin="20" xMax="44" yMax="34">三\x01</word>
</line></block></flow></page>
<page width="595" height="842"></page>
</doc></body></html>"""


def test_words_of_a_line_are_joined_by_a_space_and_junk_characters_dropped():
    first, second = textlayer.parse(XHTML)
    assert first.lines[0].text == "张 三"
    assert [g.in_word for g in first.lines[0].glyphs] == [True, False, True]
    assert first.has_text and not second.has_text


@pytest.mark.parametrize(("pages", "parts", "expected"), [
    (50, 2, [(1, 25), (26, 50)]), (5, 2, [(1, 3), (4, 5)]), (1, 4, [(1, 1)]), (3, 1, [(1, 3)]),
])
def test_pages_are_split_in_contiguous_ranges(pages, parts, expected):
    assert page_ranges(pages, parts) == expected
