"""The envelope / address label: a DL envelope face (220 × 110 mm).

Top left the applicant's postcode in six boxes, under it the address, the name in the middle, the agency's return
address and postcode bottom right, the stamp place top right (government mail is never sent postage due).
"""

import re
from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm

from .canvas import finish, new_canvas
from .draw import ASCENT, Writer, draw_line
from .fonts import FANGSONG, NUMERALS, XIAOBIAOSONG, default_font_set
from .geometry import SIZE_2, SIZE_3, SIZE_4
from .linebreak import fill, shape

WIDTH, HEIGHT = 220 * mm, 110 * mm
BOX_WIDTH, BOX_HEIGHT, BOX_GAP = 8 * mm, 10 * mm, 2 * mm
BOX_LEFT, BOX_TOP = 15 * mm, HEIGHT - 10 * mm
STAMP_WIDTH, STAMP_HEIGHT = 20 * mm, 25 * mm
MARGIN = 15 * mm
POSTCODE_RED = CMYKColor(0, 0.85, 1, 0)
ADDRESS_WIDTH = 130 * mm
LINE_GAP = 8.0


@dataclass(frozen=True)
class EnvelopeDocument:
    recipient_postcode: str
    recipient_address: str
    recipient_name: str
    sender_name: str
    sender_address: str
    sender_postcode: str


def check_postcode(postcode):
    """A mainland postcode has six digits; an empty one leaves the boxes blank for the clerk."""
    postcode = (postcode or "").strip()
    if postcode and not re.fullmatch(r"\d{6}", postcode):
        raise ValueError(f"邮政编码应为6位数字：“{postcode}”")
    return postcode


class EnvelopeRenderer:
    def __init__(self, document, fonts=None, *, invariant=False):
        self.doc = document
        self.fonts = fonts or default_font_set()
        self.invariant = invariant

    def render(self):
        postcode = check_postcode(self.doc.recipient_postcode)
        sender_postcode = check_postcode(self.doc.sender_postcode)
        address = fill(shape([(self.doc.recipient_address, FANGSONG)], self.fonts, SIZE_3), ADDRESS_WIDTH,
                       char_space=0.0, justify=False)
        canvas, buffer = new_canvas(self.fonts, title=f"信封 {self.doc.recipient_name}",
                                    author=self.doc.sender_name, pagesize=(WIDTH, HEIGHT), invariant=self.invariant)
        writer = Writer(canvas, self.fonts)
        self._postcode_boxes(canvas, writer, postcode)
        self._stamp_place(canvas, writer)
        y = BOX_TOP - BOX_HEIGHT - 8 * mm - ASCENT * SIZE_3
        for line in address:
            draw_line(canvas, line, 20 * mm, y, SIZE_3)
            y -= SIZE_3 + LINE_GAP
        writer.centre(f"{self.doc.recipient_name}　收", XIAOBIAOSONG, SIZE_2, WIDTH / 2, HEIGHT * 0.42)
        self._sender(writer, sender_postcode)
        canvas.showPage()
        return finish(canvas, buffer)

    def _postcode_boxes(self, canvas, writer, postcode):
        canvas.saveState()
        canvas.setStrokeColor(POSTCODE_RED)
        canvas.setLineWidth(1.0)
        for index in range(6):
            x = BOX_LEFT + index * (BOX_WIDTH + BOX_GAP)
            canvas.rect(x, BOX_TOP - BOX_HEIGHT, BOX_WIDTH, BOX_HEIGHT)
            if index < len(postcode):
                writer.centre(postcode[index], NUMERALS, 18, x + BOX_WIDTH / 2, BOX_TOP - BOX_HEIGHT / 2 - 6.3)
        canvas.restoreState()

    def _stamp_place(self, canvas, writer):
        canvas.saveState()
        canvas.setDash(3, 2)
        canvas.setLineWidth(0.5)
        x, y = WIDTH - MARGIN - STAMP_WIDTH, BOX_TOP - STAMP_HEIGHT
        canvas.rect(x, y, STAMP_WIDTH, STAMP_HEIGHT)
        writer.centre("贴邮票处", FANGSONG, 9, x + STAMP_WIDTH / 2, y + STAMP_HEIGHT / 2 - 3)
        canvas.restoreState()

    def _sender(self, writer, postcode):
        lines = [f"寄件人：{self.doc.sender_name}", self.doc.sender_address, f"邮政编码：{postcode or '　' * 3}"]
        baseline = 10 * mm
        for text in reversed([line for line in lines if line]):
            writer.right(text, FANGSONG, SIZE_4, WIDTH - MARGIN, baseline)
            baseline += SIZE_4 + 6


def render_envelope(document, fonts=None, *, invariant=False):
    return EnvelopeRenderer(document, fonts, invariant=invariant).render()
