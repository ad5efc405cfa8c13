"""Long titles break into a trapezoid at word boundaries."""

from letters.layout.title import title_lines


def width_of(text):
    return 22.0 * len(text)


def test_a_short_title_stays_on_one_line():
    assert title_lines("政府信息公开申请答复书", width_of, 440) == ["政府信息公开申请答复书"]


def test_a_long_title_breaks_at_word_boundaries_into_a_trapezoid():
    title = "高平市教育局关于城区学校布局调整方案政府信息公开申请的答复书"
    lines = title_lines(title, width_of, 440)
    assert lines == ["高平市教育局关于城区学校布局调整方案", "政府信息公开申请的答复书"]


def test_a_title_that_cannot_make_a_trapezoid_at_word_boundaries_makes_a_diamond():
    title = "高平市教育局关于高平市城区义务教育阶段学校布局调整方案政府信息公开申请的答复书"
    lines = title_lines(title, width_of, 440)
    assert lines == ["高平市教育局关于", "高平市城区义务教育阶段学校布局调整方案", "政府信息公开申请的答复书"]


def test_an_explicit_line_break_wins():
    assert title_lines("关于某事\n的答复", width_of, 440) == ["关于某事", "的答复"]


def test_a_title_without_word_boundaries_still_fits_and_obeys_the_punctuation_rules():
    title = "政" * 30 + "，" + "府" * 10
    lines = title_lines(title, width_of, 440)
    assert "".join(lines) == title
    assert all(width_of(line) <= 440 for line in lines)
    assert not any(line.startswith("，") for line in lines)
