"""Benchmark: redact and release a 50-page scanned document, against plain rasterising of the same file.

Run: .venv/bin/python bench/redaction.py [--pages N] [--repeat R] [--scan-dpi D]
The document is generated first (not timed): N pages, each its own RGB JPEG scan (A4 at --scan-dpi, default 300,
with paper noise so the JPEGs are as large as real scans), embedded one image per page with img2pdf.
Timed, each the median of R runs in this process, the variants taking turns in every round:
  redaction   redaction.redact(): three boxes on every page (an ID, a phone number, a name), released at 200 dpi;
  baseline    one pdftoppm of all pages to JPEG at the same dpi and quality + img2pdf of those files, no boxes:
              what anyone would run to "print the file to images";
also shown: redact() with no boxes, and redact() in one process (no parallel page ranges).
Goal (issue 17): redaction at most 20 s for 50 pages on this machine's 2 cores.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import img2pdf
import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import redaction  # noqa: E402
from redaction.release import JPEG_QUALITY, RELEASE_DPI  # noqa: E402

FONT = ROOT / "letters" / "fonts" / "FandolFang-Regular.ttf"
GOAL_SECONDS = 20.0
A4 = (595.0, 842.0)
BODY = "根据《中华人民共和国政府信息公开条例》第三十七条，对可以公开的部分予以公开。"[:30]


def text_block(dpi: int) -> Image.Image:
    """The page's ink as a grey mask (255 = ink), drawn once: glyph rasterising is not what is measured."""
    width, height = round(A4[0] / 72 * dpi), round(A4[1] / 72 * dpi)
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    font = ImageFont.truetype(str(FONT), round(14 / 72 * dpi))
    lines = ["申请人：欧阳明远", "身份证号：320102198506123454", "联系电话：13912345678"] + [BODY] * 30
    for index, line in enumerate(lines):
        draw.text((round(dpi), round(dpi * (1 + 0.3 * index))), line, font=font, fill=255)
    return mask


def scanned_page(number: int, block: Image.Image, font: ImageFont.FreeTypeFont, dpi: int,
                 rng: np.random.Generator) -> bytes:
    """One scan: paper with a little noise, the ink, the page number and a red seal, as an RGB JPEG."""
    width, height = block.size
    paper = rng.normal(243, 2, (height // 4, width // 4, 3)).clip(0, 255).astype(np.uint8)
    image = Image.fromarray(paper).resize((width, height), Image.BILINEAR)
    image.paste((30, 30, 40), (0, 0), block)
    draw = ImageDraw.Draw(image)
    draw.text((round(dpi), height - dpi), f"第 {number} 页", font=font, fill=(30, 30, 40))
    draw.ellipse((width - 4 * dpi, height - 4 * dpi, width - 2 * dpi, height - 2 * dpi), outline=(200, 30, 30),
                 width=dpi // 30)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def scanned_document(pages: int, dpi: int) -> bytes:
    """The scans as the pages of a PDF, one JPEG per page embedded as it is (as scanner software does)."""
    rng = np.random.default_rng(17)
    block, font = text_block(dpi), ImageFont.truetype(str(FONT), round(14 / 72 * dpi))
    scans = [scanned_page(number, block, font, dpi, rng) for number in range(1, pages + 1)]
    return img2pdf.convert(scans, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))


def boxes(pages: int) -> list[redaction.Box]:
    """On every page: the name, the ID number and the phone number of the three first lines (14 pt type, lines
    0.3 inch apart from 1 inch down, values after 4 or 5 Chinese characters of label)."""
    inch_x, inch_y = 72 / A4[0], 72 / A4[1]
    values = [(0, 4, 4 * 14), (1, 5, 18 * 7), (2, 5, 11 * 7)]  # line, label characters, value width in points
    marks = []
    for page in range(1, pages + 1):
        for line, label, width in values:
            left = inch_x + label * 14 / A4[0]
            top = (1 + 0.3 * line) * inch_y
            marks.append(redaction.Box(page, left - 0.005, top - 0.004, width / A4[0] + 0.01, 14 / A4[1] + 0.01,
                                       "个人隐私"))
    return marks


def plain_rasterising(document: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "in.pdf"
        source.write_bytes(document)
        subprocess.run(["pdftoppm", "-r", str(RELEASE_DPI), "-jpeg", "-jpegopt", f"quality={JPEG_QUALITY}",
                        str(source), str(Path(directory) / "page")], check=True, timeout=600)
        files = sorted(Path(directory).glob("page-*.jpg"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
        return img2pdf.convert([str(path) for path in files], nodate=True)


def interleaved_medians(variants: dict, repeat: int) -> dict[str, float]:
    """Median seconds of each variant, the variants run in turn in every round so that load from other processes
    on this shared machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(repeat):
        for name, function in variants.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scan-dpi", type=int, default=300)
    options = parser.parse_args()

    start = time.perf_counter()
    document = scanned_document(options.pages, options.scan_dpi)
    print(f"document: {options.pages} scanned pages at {options.scan_dpi} dpi, {len(document) / 1e6:.1f} MB "
          f"(generated in {time.perf_counter() - start:.1f} s, not timed)")
    marks = boxes(options.pages)
    release = redaction.redact(document, marks)  # warm-up, and the figures of the released copy
    print(f"released: {release.page_count} pages, {len(release.pdf) / 1e6:.1f} MB, sha256 {release.sha256[:16]}…")

    medians = interleaved_medians({
        "baseline": lambda: plain_rasterising(document),
        "redaction (3 boxes per page)": lambda: redaction.redact(document, marks),
        "redact() without boxes": lambda: redaction.redact(document, []),
        "redaction in one process": lambda: redaction.redact(document, marks, processes=1),
    }, options.repeat)
    baseline, redacting = medians["baseline"], medians["redaction (3 boxes per page)"]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"median of {options.repeat} interleaved runs, {options.pages} pages at {RELEASE_DPI} dpi, "
          f"{len(os.sched_getaffinity(0))} cores, load average {load}:")
    print(f"  baseline: pdftoppm + img2pdf, no boxes {baseline:6.2f} s")
    for label, seconds in list(medians.items())[1:]:
        print(f"  {label:<37} {seconds:6.2f} s   ratio {seconds / baseline:.2f}x baseline")
    verdict = "met" if redacting <= GOAL_SECONDS else "MISSED"
    print(f"goal: redaction <= {GOAL_SECONDS:.0f} s for 50 pages: {verdict} ({redacting:.2f} s)")
    return 0 if redacting <= GOAL_SECONDS or options.pages != 50 else 1


if __name__ == "__main__":
    sys.exit(main())
