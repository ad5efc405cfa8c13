"""Drawing laid-out lines on a reportlab canvas."""

from .geometry import SIZE_3
from .linebreak import Cell, shape

ASCENT = 0.88  # of the em: Fandol and the official faces put the baseline 0.12 em above the bottom of the em box


def runs(cells):
    """Consecutive cells drawn with the same face, as (face, text) pairs."""
    face, chars = None, []
    for cell in cells:
        if cell.face is not face and chars:
            yield face, "".join(chars)
            chars = []
        face = cell.face
        chars.append(cell.char)
    if chars:
        yield face, "".join(chars)


def draw_cells(canvas, cells, x, baseline, size, char_space):
    text = canvas.beginText(x, baseline)
    text.setCharSpace(char_space)
    for face, chars in runs(cells):
        text.setFont(face.name, size)
        text.textOut(chars)
    canvas.drawText(text)


def draw_line(canvas, line, left, baseline, size=SIZE_3):
    draw_cells(canvas, line.cells, left + line.offset, baseline, size, line.spacing())


def baseline_in_row(row_top, row_height, size):
    """Baseline that centres a character of the given size vertically in a row."""
    return row_top - (row_height - size) / 2 - ASCENT * size


def cells_width(cells, char_space):
    return sum(cell.width for cell in cells) + char_space * max(len(cells) - 1, 0)


class Writer:
    """Draws single-line strings in a font role, with the font set's per-character fallback."""

    def __init__(self, canvas, fonts):
        self.canvas = canvas
        self.fonts = fonts

    def cells(self, text, role, size) -> list[Cell]:
        return shape([(text, role)], self.fonts, size)

    def width(self, text, role, size, char_space=0.0):
        return cells_width(self.cells(text, role, size), char_space)

    def left(self, text, role, size, x, baseline, char_space=0.0):
        draw_cells(self.canvas, self.cells(text, role, size), x, baseline, size, char_space)

    def right(self, text, role, size, x_right, baseline, char_space=0.0):
        cells = self.cells(text, role, size)
        draw_cells(self.canvas, cells, x_right - cells_width(cells, char_space), baseline, size, char_space)

    def centre(self, text, role, size, x_centre, baseline, char_space=0.0):
        cells = self.cells(text, role, size)
        draw_cells(self.canvas, cells, x_centre - cells_width(cells, char_space) / 2, baseline, size, char_space)
