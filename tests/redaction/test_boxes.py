import pytest

from redaction import Box, InvalidBox, on_every_page
from redaction.boxes import check_pages


def test_a_box_is_a_page_a_rectangle_in_page_fractions_and_a_reason():
    box = Box(2, 0.1, 0.2, 0.3, 0.05, "privacy")
    assert (box.right, box.bottom) == (pytest.approx(0.4), pytest.approx(0.25))


@pytest.mark.parametrize("values", [
    (0, 0.1, 0.1, 0.1, 0.1), (1, -0.1, 0.1, 0.1, 0.1), (1, 0.1, 0.1, 0.0, 0.1), (1, 0.9, 0.1, 0.2, 0.1),
    (1, 0.1, 0.95, 0.1, 0.1), (1, float("nan"), 0.1, 0.1, 0.1), (1, 0.1, 0.1, float("inf"), 0.1), (True, 0, 0, 1, 1),
])
def test_a_box_off_the_page_or_empty_is_refused_with_a_chinese_message(values):
    with pytest.raises(InvalidBox) as error:
        Box(*values)
    assert "遮盖框" in error.value.message


def test_a_box_dragged_past_the_edge_is_clipped_to_the_page():
    box = Box.from_corners(1, 0.8, 0.9, 1.3, -0.2, "privacy")
    assert (box.left, box.top, box.right, box.bottom) == (0.8, 0.0, 1.0, 0.9)


def test_pixels_round_outward_so_nothing_requested_is_left_uncovered():
    box = Box(1, 0.101, 0.201, 0.1, 0.1)
    assert box.pixels(1000, 1000) == (101, 201, 201, 301)
    assert Box(1, 0.1011, 0.2011, 0.1, 0.1).pixels(1000, 1000) == (101, 201, 202, 302)


def test_pixels_widen_to_the_block_grid_and_stay_on_the_page():
    assert Box(1, 0.101, 0.201, 0.1, 0.1).pixels(1000, 1000, grid=8) == (96, 200, 208, 304)
    assert Box(1, 0.9, 0.9, 0.1, 0.1).pixels(1001, 1001, grid=8) == (896, 896, 1001, 1001)


def test_a_box_can_be_applied_to_every_page():
    boxes = on_every_page(Box(1, 0.1, 0.1, 0.2, 0.05, "internal"), 3)
    assert [box.page for box in boxes] == [1, 2, 3]
    assert {(box.left, box.top, box.width, box.height, box.reason) for box in boxes} == {(0.1, 0.1, 0.2, 0.05,
                                                                                         "internal")}


def test_a_box_on_a_page_the_document_does_not_have_is_refused():
    with pytest.raises(InvalidBox) as error:
        check_pages([Box(4, 0.1, 0.1, 0.1, 0.1)], 3)
    assert "第 4 页" in error.value.message
