"""True removal: every page becomes a picture with the boxes burnt in, and the released PDF holds only those pictures.

1. pdftoppm rasterises the pages to JPEG (several processes on contiguous page ranges, one per core);
2. on each page that has boxes, Pillow paints the boxes' pixels opaque black and encodes the page again, as soon
   as pdftoppm has written it (while it renders the next pages);
3. img2pdf wraps the JPEG files, unchanged, as the pages of a new PDF: no text layer, no information dictionary,
   no XMP (``nodate``, no title/author/producer), nothing of the original file's structure;
4. the result passes ``audit.check_release`` (an allow-list of what a page may contain) or is not returned.

Boxes are widened to the 8-pixel JPEG block grid and boxed pages are encoded without chroma subsampling, so each
JPEG block is either wholly black or holds no black box pixel: the black decodes exactly as black, and no block
mixes withheld and released pixels. Memory stays at one decoded page; the pages wait on disk as JPEG files.
"""

import hashlib
import os
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import img2pdf
import pikepdf
from PIL import Image

from . import poppler
from .audit import check_release
from .boxes import Box, check_pages
from .errors import ToolFailed, ToolTimeout
from .limits import DEFAULT_LIMITS, Limits
from .poppler import PageSize
from .sources import opened

# 200 dpi keeps 小五 (9 pt) table text and the strokes of a red seal legible; 150 dpi blurs 9 pt Song/Fang strokes,
# 300 dpi more than doubles pixels and size for nothing the reader needs.
RELEASE_DPI = 200
JPEG_QUALITY = 85
_JPEG_BLOCK = 8
MAX_PROCESSES = 4
_POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Release:
    pdf: bytes = field(repr=False)
    page_count: int
    sha256: str
    dpi: int


def page_ranges(page_count: int, parts: int) -> list[tuple[int, int]]:
    """Contiguous (first, last) ranges covering 1…page_count, as equal as possible."""
    parts = max(1, min(parts, page_count))
    size, extra = divmod(page_count, parts)
    ranges, first = [], 1
    for part in range(parts):
        last = first + size - 1 + (1 if part < extra else 0)
        ranges.append((first, last))
        first = last + 1
    return ranges


def _default_processes() -> int:
    return max(1, min(len(os.sched_getaffinity(0)), MAX_PROCESSES))


@dataclass
class _Range:
    first: int
    last: int
    process: subprocess.Popen
    errors: BinaryIO


def _start(pdf: Path, dpi: int, directory: Path, first: int, last: int) -> _Range:
    errors = (directory / f"stderr-{first}").open("wb")
    arguments = ["-f", str(first), "-l", str(last), "-r", str(dpi), "-jpeg", "-jpegopt", f"quality={JPEG_QUALITY}",
                 str(pdf), str(directory / "page")]
    process = subprocess.Popen([poppler.tool("pdftoppm"), *arguments], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=errors, env=poppler.environment())
    return _Range(first, last, process, errors)


def _finished_pages(part: _Range, files: dict[int, Path]) -> Iterator[int]:
    """Pages of the range whose file is complete: pdftoppm has opened the next page's file, or exited cleanly."""
    exited = part.process.poll() == 0
    for number in range(part.first, part.last + 1):
        if number in files and (exited or number + 1 in files):
            yield number


def rasterised(pdf: Path, page_count: int, dpi: int, directory: Path, *, processes: int,
               limits: Limits) -> Iterator[tuple[int, Path]]:
    """Render every page to ``directory`` as JPEG, one pdftoppm per page range at once.

    Yields (page number, file) as soon as each file is complete, so boxes are burnt into the first pages while
    pdftoppm still renders the later ones. Use it inside ``contextlib.closing``: closing stops the processes.
    """
    directory.mkdir()
    ranges = page_ranges(page_count, processes)
    deadline = time.monotonic() + limits.timeout(max(last - first + 1 for first, last in ranges))
    parts: list[_Range] = []
    given: set[int] = set()
    try:
        parts = [_start(pdf, dpi, directory, first, last) for first, last in ranges]
        while len(given) < page_count:
            files = {int(path.stem.rsplit("-", 1)[1]): path for path in directory.glob("page-*.jpg")}
            for part in parts:
                if part.process.poll() not in (None, 0):
                    part.errors.close()
                    stderr = Path(part.errors.name).read_text("utf-8", "replace")
                    raise poppler.classify_failure("pdftoppm", part.process.returncode, stderr)
            ready = [number for part in parts for number in _finished_pages(part, files) if number not in given]
            for number in ready:
                given.add(number)
                yield number, files[number]
            if ready:
                continue
            if all(part.process.poll() == 0 for part in parts):
                raise ToolFailed(detail=f"pdftoppm wrote {len(files)} of {page_count} pages")
            if time.monotonic() > deadline:
                raise ToolTimeout(detail=f"pdftoppm of {page_count} pages in {len(parts)} processes")
            time.sleep(_POLL_SECONDS)
    finally:
        for part in parts:
            if part.process.poll() is None:
                part.process.kill()
                part.process.wait()
            part.errors.close()


def burn(path: Path, boxes: list[Box], dpi: int) -> None:
    """Paint the boxes opaque black into the page image at ``path``, replacing the file."""
    burnt = path.with_suffix(".burnt")
    with Image.open(path) as image:
        image.load()
        page = image if image.mode in ("RGB", "L") else image.convert("RGB")
        for box in boxes:
            page.paste(0, box.pixels(page.width, page.height, grid=_JPEG_BLOCK))
        page.save(burnt, "JPEG", quality=JPEG_QUALITY, subsampling=0, dpi=(dpi, dpi))
    os.replace(burnt, path)


def assemble(pages: list[Path], sizes: tuple[PageSize, ...], dpi: int, output: Path) -> None:
    """Write to ``output`` a PDF whose pages are the JPEG files as they are, with no information dictionary.

    Each page keeps the original page's size in points (an A4 page stays exactly A4), so the released copy rendered
    at ``dpi`` has the pixel grid of the original rendered at ``dpi``.
    """
    points: dict[tuple[int, int], tuple[float, float]] = {}
    for path, size in zip(pages, sizes, strict=True):
        with Image.open(path) as image:
            points.setdefault(image.size, (size.width, size.height))

    def layout(width_px: int, height_px: int, _image_dpi) -> tuple[float, float, float, float]:
        width, height = points.get((width_px, height_px), (width_px * 72 / dpi, height_px * 72 / dpi))
        return width, height, width, height

    assembled = output.with_suffix(".assembled.pdf")
    with assembled.open("wb") as stream:
        img2pdf.convert([str(path) for path in pages], layout_fun=layout, nodate=True, engine=img2pdf.Engine.pikepdf,
                        outputstream=stream)
    _with_content_id(assembled, output)
    assembled.unlink()


def _with_content_id(source: Path, output: Path) -> None:
    """The same PDF written again so that its /ID depends on its bytes alone.

    qpdf's deterministic /ID, as img2pdf writes it, hashes the objects before they are renumbered, and that order can
    change with Python's garbage collection; written from the parsed file it cannot. Same pages, same boxes: same
    bytes, same digest.
    """
    with pikepdf.open(source) as document:
        del document.trailer.ID
        document.save(output, deterministic_id=True, linearize=True)


def redact(document: bytes, boxes: Iterable[Box], *, dpi: int = RELEASE_DPI, limits: Limits = DEFAULT_LIMITS,
           processes: int | None = None) -> Release:
    """The released copy of a PDF or scan: every page an image, every box burnt in black, nothing else kept.

    Memory: one decoded page at a time in this process (and one in each pdftoppm); pages wait on disk as JPEG
    files, the assembled PDF is written to disk and read back once, as the returned bytes.
    """
    limits.check_dpi(dpi)
    boxes = list(boxes)
    if not all(isinstance(box, Box) for box in boxes):
        raise TypeError("boxes must be redaction.Box values")
    by_page: dict[int, list[Box]] = defaultdict(list)
    for box in boxes:
        by_page[box.page].append(box)
    with opened(document, limits) as source:
        info = source.info
        check_pages(boxes, info.page_count)
        for number, page in enumerate(info.pages, start=1):
            limits.check_page_pixels(number, *page.pixels(dpi))
        files: dict[int, Path] = {}
        with closing(rasterised(source.path, info.page_count, dpi, source.workdir / "pages",
                                processes=processes or _default_processes(), limits=limits)) as pages:
            for number, path in pages:
                if by_page.get(number):
                    burn(path, by_page[number], dpi)
                files[number] = path
        released = source.workdir / "released.pdf"
        assemble([files[number] for number in range(1, info.page_count + 1)], info.pages, dpi, released)
        check_release(released, info.page_count)
        pdf = released.read_bytes()
    return Release(pdf, info.page_count, hashlib.sha256(pdf).hexdigest(), dpi)
