"""The box model: a page number, a rectangle in page-relative units, and a reason code.

Units are fractions of the page's displayed width and height, measured from its top-left corner (after the page's
/Rotate is applied, as the user sees it), so the browser can send boxes drawn at any zoom. The reason is an opaque
code for the engine (the integration maps it to an exemption article).
"""

import math
from dataclasses import dataclass, replace

from .errors import InvalidBox

# A box may overshoot the page by float noise from the browser; anything beyond is an error, not clipped silently.
_TOLERANCE = 1e-6
# Float sums like 0.201 + 0.1 = 0.30100000000000005 must not round outward to one more pixel.
_PIXEL_NOISE = 1e-6


@dataclass(frozen=True)
class Box:
    page: int  # 1-based
    left: float
    top: float
    width: float
    height: float
    reason: str = ""

    def __post_init__(self):
        values = (self.left, self.top, self.width, self.height)
        if not isinstance(self.page, int) or isinstance(self.page, bool) or self.page < 1:
            raise InvalidBox(detail=f"page={self.page!r}")
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in values):
            raise InvalidBox(detail=f"rectangle={values!r}")
        if self.width <= 0 or self.height <= 0 or self.left < -_TOLERANCE or self.top < -_TOLERANCE:
            raise InvalidBox(detail=f"rectangle={values!r}")
        if self.right > 1 + _TOLERANCE or self.bottom > 1 + _TOLERANCE:
            raise InvalidBox(detail=f"rectangle={values!r}")
        if not isinstance(self.reason, str):
            raise InvalidBox(detail=f"reason={self.reason!r}")

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @classmethod
    def from_corners(cls, page: int, x0: float, y0: float, x1: float, y1: float, reason: str = "") -> "Box":
        """A box from two opposite corners in any order, clipped to the page (for boxes dragged past an edge)."""
        left, right = sorted((min(max(x0, 0.0), 1.0), min(max(x1, 0.0), 1.0)))
        top, bottom = sorted((min(max(y0, 0.0), 1.0), min(max(y1, 0.0), 1.0)))
        return cls(page, left, top, right - left, bottom - top, reason)

    def on_page(self, page: int) -> "Box":
        return replace(self, page=page)

    def pixels(self, width_px: int, height_px: int, grid: int = 1) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in pixels, rounded outward and widened to a multiple of ``grid`` pixels.

        Rounding outward means the burnt area always covers the whole requested area, never a pixel less.
        """
        def down(fraction: float, size: int) -> int:
            return math.floor(max(fraction, 0.0) * size / grid + _PIXEL_NOISE) * grid

        def up(fraction: float, size: int) -> int:
            return min(math.ceil(min(fraction, 1.0) * size / grid - _PIXEL_NOISE) * grid, size)

        left, top = down(self.left, width_px), down(self.top, height_px)
        return left, top, up(self.right, width_px), up(self.bottom, height_px)


def on_every_page(box: Box, page_count: int) -> list[Box]:
    """The same rectangle and reason on pages 1…page_count (e.g. a letterhead or a signature line)."""
    return [box.on_page(page) for page in range(1, page_count + 1)]


def check_pages(boxes: list[Box], page_count: int) -> None:
    for box in boxes:
        if box.page > page_count:
            raise InvalidBox(f"遮盖框所在页（第 {box.page} 页）超出文件页数（共 {page_count} 页）。")
