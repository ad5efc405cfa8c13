"""Limits that keep one document from exhausting the server. Declared once; every call takes ``limits=``."""

from dataclasses import dataclass

from .errors import LimitExceeded


@dataclass(frozen=True)
class Limits:
    max_document_bytes: int = 200 * 1024 * 1024
    max_pages: int = 1000
    # Pixels of one rendered page: A3 at 300 dpi is 17.4 M, A1 at 200 dpi 33.7 M; A0 at 200 dpi (62 M) is refused.
    max_page_pixels: int = 40_000_000
    # Pixels of an uploaded image (Pillow's own bomb guard starts at 89 M).
    max_image_pixels: int = 80_000_000
    min_dpi: int = 50
    max_dpi: int = 300
    # Timeouts of the poppler tools: a fixed part plus a part per page handled by the call.
    base_seconds: float = 20.0
    seconds_per_page: float = 10.0

    def timeout(self, pages: int) -> float:
        return self.base_seconds + self.seconds_per_page * max(pages, 1)

    def check_dpi(self, dpi: int) -> None:
        if not isinstance(dpi, int) or not self.min_dpi <= dpi <= self.max_dpi:
            raise LimitExceeded(f"分辨率须在 {self.min_dpi}–{self.max_dpi} dpi 之间。", detail=f"dpi={dpi!r}")

    def check_size(self, size: int) -> None:
        if size > self.max_document_bytes:
            limit_mb = self.max_document_bytes // (1024 * 1024)
            raise LimitExceeded(f"文件过大：上限为 {limit_mb} MB。", detail=f"{size} bytes")

    def check_page_count(self, pages: int) -> None:
        if pages > self.max_pages:
            raise LimitExceeded(f"文件共 {pages} 页，超过单个文件 {self.max_pages} 页的处理上限，请拆分后分别上传。")

    def check_page_pixels(self, page_number: int, width_px: int, height_px: int) -> None:
        if width_px * height_px > self.max_page_pixels:
            raise LimitExceeded(
                f"第 {page_number} 页幅面过大，按所选分辨率渲染超出上限，请降低分辨率或拆分页面。",
                detail=f"{width_px}x{height_px} px",
            )


DEFAULT_LIMITS = Limits()
