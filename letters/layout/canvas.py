"""A reportlab canvas set up for a letter: no Helvetica, compressed, with document metadata."""

import io

from reportlab.pdfgen.canvas import Canvas

from .fonts import FANGSONG
from .geometry import PAGE_HEIGHT, PAGE_WIDTH, SIZE_3

CREATOR = "requests_cms letters"


def new_canvas(fonts, *, title="", author="", pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=False, creator=CREATOR,
               initial_size=SIZE_3):
    """A canvas writing to memory; its initial font is the body face, so no unembedded base font is listed."""
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        pageCompression=1,
        invariant=1 if invariant else 0,
        initialFontName=fonts.primary(FANGSONG).name,
        initialFontSize=initial_size,
        lang="zh-CN",
    )
    canvas.setTitle(title)
    if author is not None:  # None: reportlab's default author
        canvas.setAuthor(author)
    canvas.setCreator(creator)
    canvas.setProducer(creator)
    return canvas, buffer


def finish(canvas, buffer):
    canvas.save()
    return buffer.getvalue()
