"""Plain A4 pages for records (the case file's cover, contents, generated records and scans): a cursor that writes
lines and wrapped blocks in the letter faces, contents rows with a flush-right page number, and scans on a page of
their own, every page numbered in its footer ("第 n 页 共 N 页").

The letter faces and their per-character fallback are those of the letters (fonts.py). Records must print whatever
a user typed: a character no face has is drawn as "□" instead of refusing the page, as a letter would.
"""

import io
import tempfile
from contextlib import contextmanager
from pathlib import Path

from PIL import Image
from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader

from .canvas import finish, new_canvas
from .fonts import FANGSONG, HEITI, MissingGlyphError, default_font_set
from .geometry import PAGE_HEIGHT, PAGE_WIDTH

CREATOR = "requests_cms case file"
MISSING = "□"
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 25 * mm, 25 * mm, 22 * mm
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
BODY, HEADING = FANGSONG, HEITI
STYLES = {  # kind: (font role, size, leading)
    "title": (HEADING, 16, 30),
    "h": (HEADING, 12.5, 22),
    "p": (BODY, 11, 17),
    "mono": (BODY, 7.5, 10),
    "big": (HEADING, 22, 40),
}
FOOTER_SIZE, FOOTER_BASELINE = 9, 12 * mm
ENTRY_SIZE = 11


@contextmanager
def binary_streams():
    """Image streams stored binary rather than ASCII85 (reportlab's pure-Python encoder costs ~3 ms a scan).

    The flag is read when an image object is created, so it is set only around drawImage; a letter rendered in
    another thread at that moment would merely get a binary stream, which is equally valid PDF.
    """
    old = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = old


class RecordFonts:
    """The letter font set, printing "□" for a character no face has."""

    def __init__(self, fonts):
        self.fonts = fonts
        self._box = {}

    def _box_face(self, role):
        if role not in self._box:
            try:
                self._box[role] = self.fonts.face_for(MISSING, role)
            except MissingGlyphError:
                self._box[role] = self.fonts.primary(role)
        return self._box[role]

    def runs(self, text, role):
        """(face, text) pairs: consecutive characters drawn from the same face."""
        face_for = self.fonts.face_for
        current, chars = None, []
        for char in text:
            try:
                face = face_for(char, role)
            except MissingGlyphError:
                char, face = MISSING, self._box_face(role)
            if face is not current and chars:
                yield current, "".join(chars)
                chars = []
            current = face
            chars.append(char)
        if chars:
            yield current, "".join(chars)

    def width(self, text, role, size):
        return sum(face.advance(ch) for face, chunk in self.runs(text, role) for ch in chunk) * size

    def wrap(self, text, role, size, limit):
        """Greedy line breaking by measured width (CJK text breaks anywhere; good enough for records)."""
        lines = []
        for raw in (text or "").split("\n"):
            line, used = [], 0.0
            for face, chunk in self.runs(raw, role):
                for char in chunk:
                    advance = face.advance(char) * size
                    if line and used + advance > limit:
                        lines.append("".join(line))
                        line, used = [], 0.0
                    line.append(char)
                    used += advance
            lines.append("".join(line))
        return lines


class PageWriter:
    """A canvas with a cursor: writes blocks, turns pages, numbers them from `first_page` (of `total`)."""

    def __init__(self, title, first_page=1, total=None, fonts=None):
        self.fonts = RecordFonts(fonts or default_font_set())
        self.canvas, self.buffer = new_canvas(self.fonts.fonts, title=title, author=None, invariant=True,
                                              creator=CREATOR, initial_size=STYLES["p"][1])
        self.first_page, self.total = first_page, total
        self.pages, self.y = 0, PAGE_HEIGHT - TOP
        self.started = False
        self.spool = None

    def draw(self, x, y, text, role, size):
        obj = self.canvas.beginText(x, y)
        for face, chunk in self.fonts.runs(text, role):
            obj.setFont(face.name, size)
            obj.textOut(chunk)
        self.canvas.drawText(obj)

    def _start(self):
        if not self.started:
            self.started, self.y = True, PAGE_HEIGHT - TOP

    def new_page(self):
        self._footer()
        self.canvas.showPage()
        self.started = False

    def _footer(self):
        number = self.first_page + self.pages
        self.pages += 1
        label = f"第 {number} 页" + (f" 共 {self.total} 页" if self.total else "")
        x = (PAGE_WIDTH - self.fonts.width(label, BODY, FOOTER_SIZE)) / 2
        self.draw(x, FOOTER_BASELINE, label, BODY, FOOTER_SIZE)

    def line(self, text, kind="p", centred=False, indent=0.0):
        role, size, leading = STYLES[kind]
        self._start()
        if self.y - leading < BOTTOM:
            self.new_page()
            self._start()
        self.y -= leading
        x = (PAGE_WIDTH - self.fonts.width(text, role, size)) / 2 if centred else LEFT + indent
        self.draw(x, self.y + (leading - size) / 2, text, role, size)

    def entry(self, text, number):
        """A contents row: the text on the left, the page number flush right."""
        self.line(text, "p")
        label = str(number)
        self.draw(PAGE_WIDTH - RIGHT - self.fonts.width(label, BODY, ENTRY_SIZE), self.y + 3, label, BODY, ENTRY_SIZE)

    def block(self, kind, text, indent=0.0):
        role, size, _ = STYLES[kind]
        for line in self.fonts.wrap(text, role, size, TEXT_WIDTH - indent):
            self.line(line, kind, indent=indent)

    def gap(self, points=8):
        self._start()
        self.y -= points

    def image_page(self, data, caption):
        """One scan on its own A4 page, scaled to fit below a one-line caption.

        A JPEG goes in as a file so reportlab copies its bytes without decoding it; PNGs are decoded.
        """
        self._start()
        self.line(caption, "mono")
        if data.startswith(b"\xff\xd8\xff"):
            with Image.open(io.BytesIO(data)) as image:
                iw, ih = image.size
            source = self._spool(data)
        else:
            source = ImageReader(io.BytesIO(data))
            iw, ih = source.getSize()
        box_w, box_h = TEXT_WIDTH, self.y - BOTTOM - 4
        scale = min(box_w / iw, box_h / ih)
        w, h = iw * scale, ih * scale
        mask = None if isinstance(source, str) else "auto"  # PNG transparency drawn as paper, not black
        with binary_streams():
            self.canvas.drawImage(source, LEFT + (box_w - w) / 2, self.y - 4 - h, w, h, mask=mask)
        self.new_page()

    def _spool(self, data):
        if self.spool is None:
            self.spool = tempfile.TemporaryDirectory(prefix="casefile-")
        path = Path(self.spool.name) / f"{self.pages}.jpg"
        path.write_bytes(data)
        return str(path)

    def begin(self, first_page):
        """Start a new document on a fresh page numbered `first_page`."""
        if self.started:
            self.new_page()
        self.first_page = first_page - self.pages

    def end(self):
        if self.started:
            self.new_page()

    def finish(self):
        """(PDF bytes, number of pages)."""
        if self.started or self.pages == 0:
            self.new_page()
        self.started = False
        pdf = finish(self.canvas, self.buffer)
        if self.spool is not None:
            self.spool.cleanup()
        return pdf, self.pages
