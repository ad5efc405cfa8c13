"""Drawing the case file's own pages (cover, contents, text documents, scans) with reportlab.

Every page drawn here carries the case-file page number in its footer; pages of frozen letters and uploaded PDFs
are merged untouched, so they are numbered only in the contents.
"""

import io
import tempfile
from contextlib import contextmanager
from pathlib import Path

from PIL import Image
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .fonts import BODY, HEADING, font_set, runs, width

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 25 * mm, 25 * mm, 25 * mm, 22 * mm
TEXT_W = PAGE_W - LEFT - RIGHT
STYLES = {  # kind: (role, size, leading)
    "title": (HEADING, 16, 30),
    "h": (HEADING, 12.5, 22),
    "p": (BODY, 11, 17),
    "mono": (BODY, 7.5, 10),
    "big": (HEADING, 22, 40),
}


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


def new_canvas(title):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, invariant=1,
                    initialFontName=font_set().primary(BODY).name, initialFontSize=11, lang="zh-CN")
    canvas.setTitle(title)
    canvas.setCreator("requests_cms case file")
    canvas.setProducer("requests_cms case file")
    return canvas, buffer


def draw_string(canvas, x, y, text, role, size):
    obj = canvas.beginText(x, y)
    for face, chunk in runs(text, role):
        obj.setFont(face.name, size)
        obj.textOut(chunk)
    canvas.drawText(obj)


def wrap(text, role, size, limit=TEXT_W):
    """Greedy line breaking by measured width (CJK text breaks anywhere; good enough for records)."""
    lines = []
    for raw in (text or "").split("\n"):
        line, used = [], 0.0
        for face, chunk in runs(raw, role):
            for char in chunk:
                advance = face.advance(char) * size
                if line and used + advance > limit:
                    lines.append("".join(line))
                    line, used = [], 0.0
                line.append(char)
                used += advance
        lines.append("".join(line))
    return lines


class Pager:
    """A canvas with a cursor: writes blocks, turns pages, numbers them from `first_page`."""

    def __init__(self, title, first_page=1, total=None):
        self.canvas, self.buffer = new_canvas(title)
        self.first_page, self.total = first_page, total
        self.pages, self.y = 0, PAGE_H - TOP
        self.started = False
        self.spool = None

    def _start(self):
        if not self.started:
            self.started, self.y = True, PAGE_H - TOP

    def new_page(self):
        self._footer()
        self.canvas.showPage()
        self.started = False

    def _footer(self):
        number = self.first_page + self.pages
        self.pages += 1
        label = f"第 {number} 页" + (f" 共 {self.total} 页" if self.total else "")
        draw_string(self.canvas, (PAGE_W - width(label, BODY, 9)) / 2, 12 * mm, label, BODY, 9)

    def line(self, text, kind="p", centred=False, indent=0.0):
        role, size, leading = STYLES[kind]
        self._start()
        if self.y - leading < BOTTOM:
            self.new_page()
            self._start()
        self.y -= leading
        x = (PAGE_W - width(text, role, size)) / 2 if centred else LEFT + indent
        draw_string(self.canvas, x, self.y + (leading - size) / 2, text, role, size)

    def entry(self, text, number):
        """A contents row: the text on the left, the page number flush right."""
        self.line(text, "p")
        label = str(number)
        draw_string(self.canvas, PAGE_W - RIGHT - width(label, BODY, 11), self.y + 3, label, BODY, 11)

    def block(self, kind, text, indent=0.0):
        role, size, _ = STYLES[kind]
        for line in wrap(text, role, size, TEXT_W - indent):
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
        box_w, box_h = TEXT_W, self.y - BOTTOM - 4
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

    def finish(self):
        if self.started or self.pages == 0:
            self.new_page()
        self.started = False
        self.canvas.save()
        if self.spool is not None:
            self.spool.cleanup()
        return self.buffer.getvalue(), self.pages


    def begin(self, first_page):
        """Start a new document on a fresh page numbered `first_page`."""
        if self.started:
            self.new_page()
        self.first_page = first_page - self.pages

    def end(self):
        if self.started:
            self.new_page()


def write_blocks(pager, title, blocks):
    pager.line(title, "title", centred=True)
    pager.gap()
    for kind, text in blocks:
        if kind == "gap":
            pager.gap()
        else:
            pager.block(kind, text)
    pager.end()


def write_images(pager, title, images):
    for index, data in enumerate(images, start=1):
        pager.image_page(data, f"{title}（第{index}/{len(images)}页）")


def render_blocks(title, blocks, *, first_page=1, total=None):
    """A generated document on its own: its title, then blocks of (kind, text). Returns (pdf bytes, page count)."""
    pager = Pager(title, first_page, total)
    write_blocks(pager, title, blocks)
    return pager.finish()


def render_images(title, images, *, first_page=1, total=None):
    """Scanned pages on their own: each image on an A4 page with a caption naming the document."""
    pager = Pager(title, first_page, total)
    write_images(pager, title, images)
    return pager.finish()
