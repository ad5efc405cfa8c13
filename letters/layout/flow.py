"""Placing rows of a document from top to bottom, page after page, keeping together what belongs together."""

from collections.abc import Callable
from dataclasses import dataclass

from .geometry import TYPE_BOTTOM, TYPE_TOP

EPSILON = 0.05


@dataclass(slots=True)
class Row:
    """A horizontal band of the page; draw(canvas, top) draws it, None leaves it blank."""

    height: float
    draw: Callable | None = None
    keep_with_next: bool = False


def blocks(rows):
    """Runs of rows chained by keep_with_next: each run goes on one page when it can."""
    block = []
    for row in rows:
        block.append(row)
        if not row.keep_with_next:
            yield block
            block = []
    if block:
        yield block


class Pager:
    """Draws rows into the type area; calls end_page(canvas, number) before each page is closed.

    With canvas=None nothing is drawn: the pager only counts, per page, the rows that carry something
    (`filled`), which is how a renderer tries a layout before committing to it.
    """

    def __init__(self, canvas, *, end_page: Callable = None, first_top=TYPE_TOP, first_bottom=TYPE_BOTTOM,
                 top=TYPE_TOP, bottom=TYPE_BOTTOM):
        self.canvas = canvas
        self.top, self.page_bottom = top, bottom
        self.y, self.bottom = first_top, first_bottom
        self.page = 1
        self.filled = [0]
        self.fresh = False  # at the top of a page that a break started
        self.end_page = end_page

    def place(self, rows):
        for block in blocks(rows):
            height = sum(row.height for row in block)
            if height > self.y - self.bottom + EPSILON and not self.fresh and height <= self.top - self.page_bottom:
                self.new_page()
            for row in block:
                self._place_row(row)
        return self

    def _place_row(self, row):
        if row.height > self.y - self.bottom + EPSILON:
            self.new_page()
        if row.draw is None and self.fresh:
            return  # no blank band at the top of a continuation page
        if row.draw is not None:
            self.filled[-1] += 1
            if self.canvas is not None:
                row.draw(self.canvas, self.y)
        self.y -= row.height
        self.fresh = False

    def new_page(self):
        self._close_page()
        self.page += 1
        self.filled.append(0)
        self.y, self.bottom = self.top, self.page_bottom
        self.fresh = True

    def _close_page(self):
        if self.canvas is not None:
            self.end_page(self.canvas, self.page)
            self.canvas.showPage()

    def finish(self):
        self._close_page()
        return self.page
