"""Proposed boxes from the text layer: resident ID numbers, mobile numbers and the terms the user typed.

A proposal is a rectangle, a page and what kind of thing was found, never the text itself, so proposals can be
shown, stored and logged without copying withheld content. Scanned pages (no text layer) yield nothing and are
listed in ``pages_without_text`` so the user knows to mark them by hand. Matches do not span two lines.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from . import patterns, textlayer
from .boxes import Box
from .limits import DEFAULT_LIMITS, Limits
from .poppler import PageSize
from .sources import opened

# Margins around a match, as a fraction of its line height: all round (anti-aliased edges, accents), and more where
# the match starts or ends inside a word, whose character boxes are estimated.
_MARGIN = 0.15
_INSIDE_WORD_MARGIN = 0.35


@dataclass(frozen=True)
class Proposal:
    page: int
    kind: str  # patterns.RESIDENT_ID, patterns.MOBILE or patterns.TERM
    left: float
    top: float
    width: float
    height: float

    def box(self, reason: str) -> Box:
        return Box(self.page, self.left, self.top, self.width, self.height, reason)


@dataclass(frozen=True)
class Proposals:
    page_count: int
    proposals: tuple[Proposal, ...]
    pages_without_text: tuple[int, ...]


def _rectangle(line: textlayer.Line, start: int, end: int, size: PageSize) -> tuple[float, float, float, float]:
    glyphs = line.glyphs
    while start < end and glyphs[start].char.isspace():
        start += 1
    while end > start and glyphs[end - 1].char.isspace():
        end -= 1
    chosen = glyphs[start:end]
    x0, x1 = min(g.x0 for g in chosen), max(g.x1 for g in chosen)
    y0, y1 = min(g.y0 for g in chosen), max(g.y1 for g in chosen)
    margin = _MARGIN * (y1 - y0)
    starts_inside = start > 0 and glyphs[start - 1].in_word
    ends_inside = end < len(glyphs) and glyphs[end].in_word
    x0 -= margin + (_INSIDE_WORD_MARGIN * (y1 - y0) if starts_inside else 0)
    x1 += margin + (_INSIDE_WORD_MARGIN * (y1 - y0) if ends_inside else 0)
    y0, y1 = y0 - margin, y1 + margin
    left, top = max(x0, 0.0) / size.width, max(y0, 0.0) / size.height
    right, bottom = min(x1 / size.width, 1.0), min(y1 / size.height, 1.0)
    return left, top, right - left, bottom - top


def _page_proposals(page: textlayer.PageText, size: PageSize, term_patterns, resident_ids: bool, mobiles: bool):
    found: dict[tuple, Proposal] = {}
    for line in page.lines:
        folded = patterns.fold(line.text)
        spans = []
        if resident_ids:
            spans += [(patterns.RESIDENT_ID, span) for span in patterns.resident_ids(folded)]
        if mobiles:
            spans += [(patterns.MOBILE, span) for span in patterns.mobiles(folded)]
        spans += [(patterns.TERM, span) for span in patterns.terms(folded, term_patterns)]
        for kind, (start, end) in spans:
            rectangle = _rectangle(line, start, end, size)
            found.setdefault((kind, rectangle), Proposal(page.number, kind, *rectangle))
    return list(found.values())


def propose(document: bytes, *, terms: Iterable[str] = (), resident_ids: bool = True, mobiles: bool = True,
            limits: Limits = DEFAULT_LIMITS) -> Proposals:
    """Boxes proposed from the text layer of a PDF (an image has none: it yields nothing)."""
    term_patterns = [pattern for pattern in map(patterns.term_pattern, terms) if pattern is not None]
    with opened(document, limits) as source:
        if source.kind != "pdf":
            return Proposals(1, (), (1,))
        pages = textlayer.read(source.path, source.info, limits)
    proposals: list[Proposal] = []
    for page, size in zip(pages, source.info.pages, strict=True):
        proposals += _page_proposals(page, size, term_patterns, resident_ids, mobiles)
    without_text = tuple(page.number for page in pages if not page.has_text)
    return Proposals(source.info.page_count, tuple(proposals), without_text)
