"""Pages as images for the browser's redaction view, and the size of every page."""

from . import poppler
from .errors import InvalidPage
from .limits import DEFAULT_LIMITS, Limits
from .poppler import DocumentInfo
from .sources import opened

# The browser view's default: a page fits a screen at 100 % and stays sharp at 150 % zoom.
VIEW_DPI = 110


def inspect(document: bytes, *, limits: Limits = DEFAULT_LIMITS) -> DocumentInfo:
    """Page count and page sizes (points, as displayed) of a PDF or a scan; raises a RedactionError if unusable."""
    with opened(document, limits) as source:
        return source.info


def render_page(document: bytes, page_number: int, dpi: int = VIEW_DPI, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """One page as PNG bytes at ``dpi``, exactly as the released copy will show it before boxes are burnt in."""
    limits.check_dpi(dpi)
    with opened(document, limits) as source:
        if not isinstance(page_number, int) or not 1 <= page_number <= source.info.page_count:
            raise InvalidPage(f"页码超出范围：文件共 {source.info.page_count} 页。", detail=f"page={page_number!r}")
        limits.check_page_pixels(page_number, *source.info.pages[page_number - 1].pixels(dpi))
        return poppler.run("pdftoppm", ["-f", str(page_number), "-l", str(page_number), "-r", str(dpi), "-png",
                                        "-singlefile", str(source.path)], timeout=limits.timeout(1))
