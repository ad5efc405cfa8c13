"""The proof-of-service form (送达回证): the agency's name and the title over a bordered table, one A4 page."""

from dataclasses import dataclass

from reportlab.lib.units import mm

from .canvas import finish, new_canvas
from .draw import Writer, baseline_in_row, draw_line
from .fonts import FANGSONG, XIAOBIAOSONG, default_font_set
from .geometry import BODY_CHAR_SPACE, CHAR_PITCH, LINE_PITCH, SIZE_2, SIZE_3, TYPE_LEFT, TYPE_TOP, TYPE_WIDTH
from .linebreak import fill, shape

LABEL_WIDTH = 56 * mm
PADDING = 2 * mm
OUTER_RULE = 1.0
INNER_RULE = 0.5
TITLE_PITCH = 36.0
DATE_BLANK = "　　　　年　　月　　日　"
ROW_PITCH = 24.0
FOOTNOTE = (
    "说明：受送达人收到文书后，请在本回证上签名或者盖章并注明收件日期；"
    "受送达人拒绝签收的，由送达人在备注栏注明情况。"
)


@dataclass(frozen=True)
class ProofOfServiceDocument:
    authority: str  # the serving agency
    document_title: str  # 送达文书名称
    document_number: str  # 文号
    recipient: str  # 受送达人
    address: str  # 送达地点
    method: str  # 送达方式, e.g. 直接送达 / 邮寄送达（EMS）
    notes: str = ""  # 备注


def _table_rows(doc):
    """(label, value, minimum number of lines, value aligned right)."""
    document = "\n".join(part for part in (doc.document_title, doc.document_number) if part)
    return (
        ("送达文书名称及文号", document, 2, False),
        ("受送达人", doc.recipient, 2, False),
        ("送达地点", doc.address, 2, False),
        ("送达方式", doc.method, 2, False),
        ("收件人签名或盖章", "", 4, False),
        ("收件日期", DATE_BLANK, 2, True),
        ("送达人", "", 2, False),
        ("备注", doc.notes, 3, False),
    )


class ProofOfServiceRenderer:
    def __init__(self, document, fonts=None, *, invariant=False):
        self.doc = document
        self.fonts = fonts or default_font_set()
        self.invariant = invariant

    def render(self):
        table = [self._layout_row(*row) for row in _table_rows(self.doc)]
        footnote = self._wrap(FOOTNOTE, TYPE_WIDTH, indent=2 * CHAR_PITCH)
        canvas, buffer = new_canvas(self.fonts, title=f"送达回证 {self.doc.document_number}",
                                    author=self.doc.authority, invariant=self.invariant)
        writer = Writer(canvas, self.fonts)
        y = TYPE_TOP
        for text in (self.doc.authority, "送达回证"):
            baseline = baseline_in_row(y, TITLE_PITCH, SIZE_2)
            writer.centre(text, XIAOBIAOSONG, SIZE_2, TYPE_LEFT + TYPE_WIDTH / 2, baseline)
            y -= TITLE_PITCH
        y = self._draw_table(canvas, table, y - LINE_PITCH / 2)
        for line in footnote:
            draw_line(canvas, line, TYPE_LEFT, baseline_in_row(y - LINE_PITCH / 2, LINE_PITCH, SIZE_3))
            y -= LINE_PITCH
        canvas.showPage()
        return finish(canvas, buffer)

    def _wrap(self, text, width, indent=0.0, justify=True):
        lines = []
        for part in text.split("\n"):
            cells = shape([(part, FANGSONG)], self.fonts, SIZE_3)
            lines += fill(cells, width, char_space=BODY_CHAR_SPACE, first_indent=indent, justify=justify)
        return lines

    def _layout_row(self, label, value, minimum, right):
        labels = self._wrap(label, LABEL_WIDTH - 2 * PADDING, justify=False)
        values = self._wrap(value, TYPE_WIDTH - LABEL_WIDTH - 2 * PADDING, justify=False) if value else []
        return labels, values, max(minimum, len(labels), len(values)) * ROW_PITCH, right

    def _draw_table(self, canvas, table, top):
        left, right = TYPE_LEFT, TYPE_LEFT + TYPE_WIDTH
        y = top
        canvas.setLineWidth(INNER_RULE)
        for number, (labels, values, height, align_right) in enumerate(table):
            if number:
                canvas.line(left, y, right, y)
            self._draw_cell(canvas, labels, left, LABEL_WIDTH, y, height, centred=True)
            self._draw_cell(canvas, values, left + LABEL_WIDTH, TYPE_WIDTH - LABEL_WIDTH, y, height,
                            align_right=align_right)
            y -= height
        canvas.line(left + LABEL_WIDTH, top, left + LABEL_WIDTH, y)
        canvas.setLineWidth(OUTER_RULE)
        canvas.rect(left, y, TYPE_WIDTH, top - y)
        return y

    def _draw_cell(self, canvas, lines, x, width, top, height, *, centred=False, align_right=False):
        first = top - (height - len(lines) * ROW_PITCH) / 2
        for number, line in enumerate(lines):
            natural = line.natural_width()
            if centred:
                line.offset = (width - natural) / 2 - PADDING
            elif align_right:
                line.offset = width - 2 * PADDING - natural
            row_top = first - number * ROW_PITCH
            draw_line(canvas, line, x + PADDING, baseline_in_row(row_top, ROW_PITCH, SIZE_3))


def render_proof_of_service(document, fonts=None, *, invariant=False):
    return ProofOfServiceRenderer(document, fonts, invariant=invariant).render()
