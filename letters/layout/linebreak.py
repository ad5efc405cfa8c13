"""Breaking styled text into justified lines under the CJK rules of text.py."""

from dataclasses import dataclass

from .text import SQUEEZABLE, binds_to_previous

EPSILON = 0.05


@dataclass(slots=True)
class Cell:
    """One character with the face that draws it and its advance width in points."""

    char: str
    face: object
    width: float


@dataclass(slots=True)
class Line:
    cells: list
    offset: float  # from the left edge of the column
    width: float  # available width, after the offset
    justify: bool
    char_space: float  # the spacing of an unjustified line

    def spacing(self):
        """Character spacing that makes the line fill its width when justified."""
        if len(self.cells) < 2 or not self.justify and self.natural_width() <= self.width:
            return self.char_space
        return (self.width - sum(cell.width for cell in self.cells)) / (len(self.cells) - 1)

    def natural_width(self):
        return sum(cell.width for cell in self.cells) + self.char_space * max(len(self.cells) - 1, 0)

    @property
    def text(self):
        return "".join(cell.char for cell in self.cells)


def shape(spans, fonts, size):
    """Cells for a sequence of (text, role) spans; raises MissingGlyphError for a character no face has."""
    cells = []
    for text, role in spans:
        for char in text:
            face = fonts.face_for(char, role)
            cells.append(Cell(char, face, face.advance(char) * size))
    return cells


def units(cells):
    """Group cells into unbreakable units: a CJK character with its bound punctuation, a Latin word…"""
    groups = []
    for cell in cells:
        if groups and binds_to_previous(groups[-1][-1].char, cell.char):
            groups[-1].append(cell)
        else:
            groups.append([cell])
    return groups


def _width(cells, char_space):
    return sum(cell.width for cell in cells) + char_space * max(len(cells) - 1, 0)


def _split_oversized(unit, available, char_space):
    """A unit wider than a whole line (a long URL) is cut wherever it must be."""
    pieces, piece = [], []
    for cell in unit:
        if piece and _width(piece + [cell], char_space) > available + EPSILON:
            pieces.append(piece)
            piece = []
        piece.append(cell)
    return pieces + [piece]


def _squeeze(unit):
    """How much a line may be compressed to keep the unit's trailing punctuation on it (half of each mark)."""
    room = 0.0
    for cell in reversed(unit):
        if cell.char not in SQUEEZABLE:
            break
        room += cell.width / 2
    return room


def _strip_spaces(cells):
    while cells and cells[-1].char == " ":
        cells.pop()
    return cells


def fill(cells, width, *, char_space, first_indent=0.0, indent=0.0, justify=True):
    """Break cells into lines of the given width; every line but the last is justified when justify is set."""
    lines, current, used = [], [], 0.0
    offset = first_indent

    def emit(last):
        nonlocal current, offset, used
        lines.append(Line(_strip_spaces(current), offset, width - offset, justify and not last, char_space))
        current, offset, used = [], indent, 0.0

    for unit in units(cells):
        if not current and unit[0].char == " ":
            continue
        unit_width = sum(cell.width for cell in unit) + char_space * len(unit)
        overflow = used + unit_width - char_space - (width - offset + EPSILON)
        if current and 0 < overflow <= _squeeze(unit):
            current.extend(unit)
            emit(last=False)
            continue
        if current and overflow > 0:
            emit(last=False)
            if unit[0].char == " ":
                continue
        if unit_width - char_space > width - offset + EPSILON:
            *full, unit = _split_oversized(unit, width - offset, char_space)
            for piece in full:
                current = piece
                emit(last=False)
            unit_width = _width(unit, char_space) + char_space
        current.extend(unit)
        used += unit_width
    if current or not lines:
        emit(last=True)
    return lines
