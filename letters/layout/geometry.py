"""Page geometry of GB/T 9704-2012 in PDF points (1 pt = 1/72 inch)."""

from reportlab.lib.units import mm

PAGE_WIDTH = 210 * mm
PAGE_HEIGHT = 297 * mm
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
TYPE_WIDTH = 156 * mm
TYPE_HEIGHT = 225 * mm
TYPE_LEFT = MARGIN_LEFT
TYPE_RIGHT = MARGIN_LEFT + TYPE_WIDTH
TYPE_TOP = PAGE_HEIGHT - MARGIN_TOP
TYPE_BOTTOM = TYPE_TOP - TYPE_HEIGHT

# Chinese type sizes (字号) in points.
SIZE_2 = 22.0  # 2号: title
SIZE_3 = 16.0  # 3号: body
SIZE_4 = 14.0  # 4号: page numbers

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PITCH = TYPE_HEIGHT / LINES_PER_PAGE  # ~28.99 pt: a character plus 7/8 of one
BODY_CHAR_SPACE = (TYPE_WIDTH - CHARS_PER_LINE * SIZE_3) / (CHARS_PER_LINE - 1)  # ~ -0.21 pt
CHAR_PITCH = SIZE_3 + BODY_CHAR_SPACE  # ~15.79 pt: 28 characters span exactly the type width

# Letter form (信函格式).
MARK_TOP = PAGE_HEIGHT - 30 * mm  # top edge of the issuing-authority mark
MARK_GAP = 4 * mm  # mark to the upper red double line
RED_LINE_LENGTH = 170 * mm
RED_LINE_LEFT = (PAGE_WIDTH - RED_LINE_LENGTH) / 2
LOWER_RED_LINE_Y = 20 * mm  # from the bottom edge of the page
THICK_RULE = 2.0
THIN_RULE = 0.75
RULE_GAP = 1.5
SEVEN_EIGHTHS = SIZE_3 * 7 / 8  # 7/8 of a 3号 character height

PAGE_NUMBER_GAP = 7 * mm  # type area to the top of the page number
SEAL_DIAMETER = 42 * mm
