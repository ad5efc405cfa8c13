"""Page furniture of a letter: the red letterhead of the letter form, page numbers, the draft watermark."""

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor

from .draw import ASCENT
from .fonts import FANGSONG, NUMERALS, XIAOBIAOSONG
from .geometry import (
    LOWER_RED_LINE_Y,
    MARK_GAP,
    MARK_TOP,
    PAGE_NUMBER_GAP,
    PAGE_WIDTH,
    RED_LINE_LEFT,
    RED_LINE_LENGTH,
    RULE_GAP,
    SEVEN_EIGHTHS,
    SIZE_3,
    SIZE_4,
    THICK_RULE,
    THIN_RULE,
    TYPE_BOTTOM,
    TYPE_LEFT,
    TYPE_RIGHT,
    TYPE_TOP,
    TYPE_WIDTH,
)

RED = CMYKColor(0, 1, 1, 0)
WATERMARK_GREY = CMYKColor(0, 0, 0, 0.5, alpha=0.15)
MARK_MAX_SIZE = 36.0
LOWER_LINE_TOP = LOWER_RED_LINE_Y + THICK_RULE + RULE_GAP + THIN_RULE


@dataclass(frozen=True)
class Letterhead:
    """Where the letter form puts the mark, the upper double line and the document number."""

    mark: str
    mark_size: float
    upper_line_top: float
    number_top: float  # top of the document number's em box, 7/8 of a character under the double line

    @classmethod
    def of(cls, mark):
        size = min(MARK_MAX_SIZE, TYPE_WIDTH / max(len(mark), 1))
        mark_bottom = MARK_TOP - size if mark else MARK_TOP
        upper_line_top = mark_bottom - MARK_GAP
        number_top = upper_line_top - THICK_RULE - RULE_GAP - THIN_RULE - SEVEN_EIGHTHS
        return cls(mark, size, upper_line_top, number_top)

    def flow_top(self, pitch):
        """Top of the first row under the document number's row."""
        return self.number_top + (pitch - SIZE_3) / 2 - pitch

    def draw(self, canvas, writer, number):
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.setStrokeColor(RED)
        if self.mark:
            writer.centre(self.mark, XIAOBIAOSONG, self.mark_size, PAGE_WIDTH / 2, MARK_TOP - ASCENT * self.mark_size)
        _double_line(canvas, self.upper_line_top, thick_first=True)
        _double_line(canvas, LOWER_LINE_TOP, thick_first=False)
        canvas.restoreState()
        if number:
            writer.right(number, FANGSONG, SIZE_3, TYPE_RIGHT, self.number_top - ASCENT * SIZE_3)


def first_page_bottom(pitch):
    """Text on page 1 may come down to 7/8 of a character above the lower red line (GB/T 9704 §10.2)."""
    return max(LOWER_LINE_TOP + SEVEN_EIGHTHS - (pitch - SIZE_3) / 2, TYPE_BOTTOM - pitch)


def _double_line(canvas, top, *, thick_first):
    """A red double line of RED_LINE_LENGTH whose upper edge is at top."""
    first, second = (THICK_RULE, THIN_RULE) if thick_first else (THIN_RULE, THICK_RULE)
    for width, y in ((first, top - first / 2), (second, top - first - RULE_GAP - second / 2)):
        canvas.setLineWidth(width)
        canvas.line(RED_LINE_LEFT, y, RED_LINE_LEFT + RED_LINE_LENGTH, y)


def draw_page_number(writer, number):
    """4号 numerals between em dashes, 7 mm under the type area: odd pages right, even pages left, one in."""
    text = f"— {number} —"
    baseline = TYPE_BOTTOM - PAGE_NUMBER_GAP - ASCENT * SIZE_4
    if number % 2:
        writer.right(text, NUMERALS, SIZE_4, TYPE_RIGHT - SIZE_4, baseline)
    else:
        writer.left(text, NUMERALS, SIZE_4, TYPE_LEFT + SIZE_4, baseline)


def draw_watermark(canvas, writer, text):
    canvas.saveState()
    canvas.setFillColor(WATERMARK_GREY)
    canvas.translate(PAGE_WIDTH / 2, (TYPE_TOP + TYPE_BOTTOM) / 2)
    canvas.rotate(35)
    writer.centre(text, XIAOBIAOSONG, 96, 0, -30)
    canvas.restoreState()
