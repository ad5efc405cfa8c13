"""A letter in the GB/T 9704-2012 letter form (信函格式) or as a plain page.

Page 1 of the letter form: the red issuing-authority mark 30 mm from the top, a red double line (thick over thin)
4 mm under it, the document number right-aligned 7/8 of a character under that line, the title two lines lower, the
addressee, the body, the attachment note, the signature centred over the date, notes (附注); a red double line (thin
over thick) 20 mm above the bottom edge; no page number on page 1 (GB/T 9704 §10.2). Continuation pages use the
plain type area with page numbers, odd pages right, even pages left.

When the signature would otherwise stand on a last page with hardly any text, the line pitch is tightened a little
(GB/T 9704 §7.3.5.1 allows adjusting line spacing) if that brings the letter onto fewer pages.
"""

from .canvas import finish, new_canvas
from .document import HEADING_1, HEADING_2, format_date
from .draw import Writer, baseline_in_row, draw_cells, draw_line
from .flow import Pager, Row
from .fonts import FANGSONG, HEITI, KAITI, XIAOBIAOSONG, default_font_set
from .geometry import (
    BODY_CHAR_SPACE,
    CHAR_PITCH,
    LINE_PITCH,
    SEAL_DIAMETER,
    SIZE_2,
    SIZE_3,
    TYPE_BOTTOM,
    TYPE_LEFT,
    TYPE_RIGHT,
    TYPE_TOP,
    TYPE_WIDTH,
)
from .letterhead import Letterhead, draw_page_number, draw_watermark, first_page_bottom
from .linebreak import fill, shape
from .title import title_lines

TITLE_PITCH = 32.0
HEADING_ROLES = {HEADING_1: HEITI, HEADING_2: KAITI}
HEADING_MAX_CHARS = 26  # a heading fits on its first line, after the two-character indent
SEAL_CENTRE_BELOW_SIGNATURE_TOP = 0.8  # in lines: signature and date sit just below the seal's centre
SPILL_ROWS = 5  # a last page with at most this many rows (signature and date included) is worth avoiding
TIGHTER_PITCHES = (LINE_PITCH * 0.95, LINE_PITCH * 0.9, LINE_PITCH * 0.85)


class LetterRenderer:
    """Renders a LetterDocument to PDF bytes."""

    def __init__(self, document, fonts=None, *, invariant=False):
        self.doc = document
        self.fonts = fonts or default_font_set()
        self.invariant = invariant
        self.head = Letterhead.of(document.authority_mark) if document.letter_form else None
        self.writer = None

    def render(self):
        pitch, rows = self.layout()  # every line is laid out first: a missing glyph stops us before drawing
        canvas, buffer = new_canvas(self.fonts, title=self.doc.title, author=self.doc.signature,
                                    invariant=self.invariant)
        self.writer = Writer(canvas, self.fonts)
        if self.head:
            self.head.draw(canvas, self.writer, self.doc.document_number)
        self.pager(canvas, pitch).place(rows).finish()
        return finish(canvas, buffer)

    def layout(self):
        """(pitch, rows): the standard pitch, or a tighter one that saves a page holding little but the signature."""
        rows = self.rows(LINE_PITCH)
        pages = self.pager(None, LINE_PITCH).place(rows).filled
        if len(pages) < 2 or pages[-1] > SPILL_ROWS:
            return LINE_PITCH, rows
        for pitch in TIGHTER_PITCHES:
            tighter = self.rows(pitch)
            if len(self.pager(None, pitch).place(tighter).filled) < len(pages):
                return pitch, tighter
        return LINE_PITCH, rows

    def pager(self, canvas, pitch):
        if self.head:
            return Pager(canvas, first_top=self.head.flow_top(pitch), first_bottom=first_page_bottom(pitch),
                         end_page=self.end_page)
        return Pager(canvas, first_top=TYPE_TOP, first_bottom=TYPE_BOTTOM, end_page=self.end_page)

    def end_page(self, canvas, number):
        if self.doc.watermark:
            draw_watermark(canvas, self.writer, self.doc.watermark)
        if number > 1 or not self.doc.letter_form:
            draw_page_number(self.writer, number)

    # --- rows -------------------------------------------------------------------------------------------------
    def rows(self, pitch):
        text = TextRows(self.fonts, pitch)
        rows = [] if self.doc.letter_form else [self._number_row(pitch)]
        rows += [Row(pitch), Row(pitch)]
        rows += self._title_rows(TITLE_PITCH * pitch / LINE_PITCH)
        if self.doc.addressee:
            rows += [Row(pitch, keep_with_next=True)]
            rows += text.rows([(self.doc.addressee + "：", FANGSONG)], first_indent=0, keep=True)
        for paragraph in self.doc.body:
            rows += text.paragraph(paragraph)
        rows += text.attachments(self.doc.attachments)
        _keep_last_line(rows)
        rows += self._signature_rows(pitch)
        for note in self.doc.notes:
            rows += text.rows([(_parenthesised(note), FANGSONG)])
        return rows

    def _number_row(self, pitch):
        def draw(canvas, top):
            if self.doc.document_number:
                self.writer.right(self.doc.document_number, FANGSONG, SIZE_3, TYPE_RIGHT,
                                  baseline_in_row(top, pitch, SIZE_3))
        return Row(pitch, draw)

    def _title_rows(self, title_pitch):
        width_of = _measure(self.fonts, XIAOBIAOSONG, SIZE_2, 0.0)
        rows = []
        for text in title_lines(self.doc.title, width_of, TYPE_WIDTH):
            cells = shape([(text, XIAOBIAOSONG)], self.fonts, SIZE_2)
            left = TYPE_LEFT + (TYPE_WIDTH - _width(cells, 0.0)) / 2

            def draw(canvas, top, cells=cells, left=left):
                draw_cells(canvas, cells, left, baseline_in_row(top, title_pitch, SIZE_2), SIZE_2, 0.0)
            rows.append(Row(title_pitch, draw, keep_with_next=True))
        return rows

    def _signature_rows(self, pitch):
        signature = shape([(self.doc.signature, FANGSONG)], self.fonts, SIZE_3)
        date = shape([(format_date(self.doc.date), FANGSONG)], self.fonts, SIZE_3)
        date_left = TYPE_RIGHT - 4 * CHAR_PITCH - _width(date)
        centre = date_left + _width(date) / 2
        signature_left = min(centre - _width(signature) / 2, TYPE_RIGHT - _width(signature))

        def draw_signature(canvas, top):
            draw_cells(canvas, signature, signature_left, baseline_in_row(top, pitch, SIZE_3), SIZE_3, BODY_CHAR_SPACE)
            self._draw_seal(canvas, centre, top - SEAL_CENTRE_BELOW_SIGNATURE_TOP * pitch)

        def draw_date(canvas, top):
            draw_cells(canvas, date, date_left, baseline_in_row(top, pitch, SIZE_3), SIZE_3, BODY_CHAR_SPACE)

        return [Row(pitch, keep_with_next=True), Row(pitch, keep_with_next=True),
                Row(pitch, draw_signature, keep_with_next=True), Row(pitch, draw_date)]

    def _draw_seal(self, canvas, x_centre, y_centre):
        """The seal place stays empty unless the agency uploaded a seal and approval is complete."""
        if not (self.doc.seal_image and self.doc.seal_approved):
            return
        radius = SEAL_DIAMETER / 2
        canvas.drawImage(self.doc.seal_image, x_centre - radius, y_centre - radius, SEAL_DIAMETER, SEAL_DIAMETER,
                         mask="auto", preserveAspectRatio=True, anchor="c")


class TextRows:
    """Rows of 3号 FangSong text at a given pitch: paragraphs, headings, the attachment note."""

    def __init__(self, fonts, pitch):
        self.fonts, self.pitch = fonts, pitch

    def rows(self, spans, *, first_indent=2 * CHAR_PITCH, indent=0.0, keep=False):
        cells = shape(spans, self.fonts, SIZE_3)
        lines = fill(cells, TYPE_WIDTH, char_space=BODY_CHAR_SPACE, first_indent=first_indent, indent=indent)
        rows = [Row(self.pitch, self._drawer(line), keep_with_next=keep) for line in lines]
        if len(rows) >= 2:  # no orphan first line, no widowed last line
            rows[0].keep_with_next = rows[-2].keep_with_next = True
        return rows

    def _drawer(self, line):
        pitch = self.pitch

        def draw(canvas, top):
            draw_line(canvas, line, TYPE_LEFT, baseline_in_row(top, pitch, SIZE_3))
        return draw

    def paragraph(self, paragraph):
        role = HEADING_ROLES.get(paragraph.level)
        head, rest = _split_heading(paragraph.text)
        if role is None or len(head) > HEADING_MAX_CHARS:  # a numbered sentence, not a heading: body face
            return self.rows([(paragraph.text, FANGSONG)])
        rows = self.rows([(head, role), (rest, FANGSONG)])
        if not rest:
            rows[-1].keep_with_next = True  # a heading line never ends a page
        return rows

    def attachments(self, names):
        """附件：1.… under the body, indented two characters; wrapped names align with the first character."""
        if not names:
            return []
        rows = [Row(self.pitch, keep_with_next=True)]
        measure = _measure(self.fonts, FANGSONG, SIZE_3, BODY_CHAR_SPACE)
        label_width = measure("附件：") + BODY_CHAR_SPACE
        for number, name in enumerate(names, start=1):
            label = "附件：" if number == 1 else ""
            numbering = f"{number}." if len(names) > 1 else ""
            number_width = measure(numbering) + BODY_CHAR_SPACE if numbering else 0
            first = 2 * CHAR_PITCH + (0 if label else label_width)
            rows += self.rows([(label + numbering + name, FANGSONG)], first_indent=first,
                              indent=2 * CHAR_PITCH + label_width + number_width)
        return rows


def _measure(fonts, role, size, char_space):
    return lambda text: _width(shape([(text, role)], fonts, size), char_space)


def _width(cells, char_space=BODY_CHAR_SPACE):
    return sum(cell.width for cell in cells) + char_space * max(len(cells) - 1, 0)


def _split_heading(text):
    """A heading's own words end at its first 。; what follows in the paragraph is body text."""
    end = text.find("。")
    if end == -1 or end == len(text) - 1:
        return text, ""
    return text[: end + 1], text[end + 1 :]


def _parenthesised(note):
    return note if note.startswith(("（", "(")) else f"（{note}）"


def _keep_last_line(rows):
    """The signature never stands alone on a page (no 此页无正文): the last text row goes with it."""
    drawn = [row for row in rows if row.draw is not None]
    if drawn:
        drawn[-1].keep_with_next = True


def render_letter(document, fonts=None, *, invariant=False):
    """PDF bytes of a LetterDocument."""
    return LetterRenderer(document, fonts, invariant=invariant).render()
