"""The text layer of a PDF as lines of characters with boxes, from ``pdftotext -bbox-layout``.

pdftotext gives a box per word; a word can mix Chinese and Latin ("身份证号：11010519491231002X") or be one Chinese
character. Each character gets a share of its word's box: wide (全角) characters count as one em, the others as half
an em, which is what CJK fonts and most Latin fonts draw digits at. The shares follow the reading direction: a word
wider than tall reads left to right, except on a page turned 180° (right to left); a taller word reads top to
bottom, except on a page turned 270° (bottom to top). Between two words of a line a space character stands for the
gap, so that patterns and typed terms can match across words ("138 1234 5678", "张 三").
Coordinates are PDF points in the displayed page (rotation applied), from its top-left corner.
"""

import re
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from . import poppler
from .errors import DamagedDocument
from .limits import Limits
from .poppler import DocumentInfo

_XHTML = "{http://www.w3.org/1999/xhtml}"
# Characters XML 1.0 forbids, which pdftotext copies from broken fonts; they cannot be part of a match anyway.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Glyph:
    char: str
    x0: float
    y0: float
    x1: float
    y1: float
    in_word: bool = True  # False for the space standing for the gap between two words


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return "".join(glyph.char for glyph in self.glyphs)


@dataclass(frozen=True)
class PageText:
    number: int
    lines: tuple[Line, ...]

    @property
    def has_text(self) -> bool:
        return any(glyph.in_word and not glyph.char.isspace() for line in self.lines for glyph in line.glyphs)


def _em(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.5


def word_glyphs(text: str, x0: float, y0: float, x1: float, y1: float, rotation: int = 0) -> list[Glyph]:
    """Share a word's box among its characters in reading order (see the module's note on direction)."""
    weights = [_em(char) for char in text]
    total = sum(weights) or 1.0
    vertical = len(text) > 1 and (y1 - y0) > 1.5 * (x1 - x0)
    backwards = rotation == (270 if vertical else 180)
    start, end = (y0, y1) if vertical else (x0, x1)
    if backwards:
        start, end = end, start
    glyphs, position = [], start
    for char, weight in zip(text, weights, strict=True):
        following = position + (end - start) * weight / total
        low, high = sorted((position, following))
        glyphs.append(Glyph(char, x0, low, x1, high) if vertical else Glyph(char, low, y0, high, y1))
        position = following
    return glyphs


def _line(element, rotation: int) -> Line:
    glyphs: list[Glyph] = []
    for word in element.iter(f"{_XHTML}word"):
        text = word.text or ""
        x0, y0, x1, y1 = (float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax"))
        if not text:
            continue
        if glyphs:
            glyphs.append(_gap(glyphs[-1], x0, y0, x1, y1))
        glyphs.extend(word_glyphs(text, x0, y0, x1, y1, rotation))
    return Line(tuple(glyphs))


def _gap(last: Glyph, x0: float, y0: float, x1: float, y1: float) -> Glyph:
    """The space between the previous word and this one (spanning both: it only joins, it is never boxed alone)."""
    return Glyph(" ", min(last.x0, x0), min(last.y0, y0), max(last.x1, x1), max(last.y1, y1), in_word=False)


def parse(xhtml: str, rotations: list[int] | None = None) -> list[PageText]:
    try:
        root = ElementTree.fromstring(_NOT_XML.sub("", xhtml))
    except ElementTree.ParseError as error:
        raise DamagedDocument("无法读取该PDF文件的文字层。", detail=str(error)) from error
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        rotation = rotations[number - 1] if rotations and number <= len(rotations) else 0
        lines = (_line(line, rotation) for line in page.iter(f"{_XHTML}line"))
        pages.append(PageText(number, tuple(line for line in lines if line.glyphs)))
    return pages


def read(pdf: Path, info: DocumentInfo, limits: Limits) -> list[PageText]:
    """The text of every page (a scanned page comes back with no lines)."""
    page_count = info.page_count
    arguments = ["-bbox-layout", "-enc", "UTF-8", "-f", "1", "-l", str(page_count), str(pdf), "-"]
    output = poppler.run("pdftotext", arguments, timeout=limits.timeout(page_count))
    pages = parse(output.decode("utf-8", "replace"), [page.rotation for page in info.pages])
    if len(pages) != page_count:
        detail = f"pdftotext gave {len(pages)} of {page_count} pages"
        raise DamagedDocument("无法读取该PDF文件的文字层。", detail=detail)
    return pages
