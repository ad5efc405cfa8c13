"""A document as the engine reads it: a PDF, or a JPEG/PNG scan taken as a one-page PDF.

``opened`` checks the bytes, writes them to a private temporary directory (poppler reads files) and reads the page
sizes once; the directory and everything rendered into it are removed when the block ends.
"""

import io
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import img2pdf
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import DamagedDocument, LimitExceeded, UnsupportedDocument
from .limits import Limits
from .poppler import DocumentInfo, document_info

# A scan whose file states no plausible resolution is taken to be at 200 dpi (a common scanner setting), so it is
# rendered at its own pixels when released at the default 200 dpi.
IMAGE_DEFAULT_DPI = 200
_PLAUSIBLE_IMAGE_DPI = range(100, 1201)


@dataclass(frozen=True)
class Source:
    kind: str  # "pdf", "jpeg" or "png"
    path: Path  # the document as a PDF
    workdir: Path  # private scratch directory, removed with the source
    info: DocumentInfo


def sniff(data: bytes) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    raise UnsupportedDocument(detail=f"starts with {data[:8]!r}")


def _image_dpi(image: Image.Image) -> tuple[float, float]:
    dpi = image.info.get("dpi")
    try:
        x, y = (round(float(value)) for value in dpi)
    except (TypeError, ValueError):
        return IMAGE_DEFAULT_DPI, IMAGE_DEFAULT_DPI
    if x in _PLAUSIBLE_IMAGE_DPI and y in _PLAUSIBLE_IMAGE_DPI:
        return x, y
    return IMAGE_DEFAULT_DPI, IMAGE_DEFAULT_DPI


def image_as_pdf(data: bytes, limits: Limits) -> bytes:
    """A one-page PDF of the scan: upright (EXIF orientation applied), flattened on white, lossless."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG"):
                raise UnsupportedDocument(detail=f"image format {image.format}")
            if image.width * image.height > limits.max_image_pixels:
                raise LimitExceeded("图片像素过多，超出处理上限，请降低扫描分辨率后重新上传。",
                                    detail=f"{image.width}x{image.height}")
            dpi = _image_dpi(image)
            upright = image.format == "JPEG" and image.mode in ("L", "RGB") and image.getexif().get(0x0112, 1) == 1
            if upright:
                image.load()  # proves the whole file decodes before it goes on
                embedded = data
            else:
                embedded = _normalised_png(image)
    except Image.DecompressionBombError as error:
        raise LimitExceeded("图片像素过多，超出处理上限，请降低扫描分辨率后重新上传。", detail=str(error)) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise DamagedDocument("无法读取该图片，文件可能已损坏。", detail=str(error)) from error
    layout = img2pdf.get_fixed_dpi_layout_fun(dpi)
    return img2pdf.convert(embedded, layout_fun=layout, nodate=True, engine=img2pdf.Engine.pikepdf)


def _normalised_png(image: Image.Image) -> bytes:
    upright = ImageOps.exif_transpose(image)
    if upright.mode == "1":
        upright = upright.convert("L")
    if upright.mode not in ("L", "RGB"):
        rgba = upright.convert("RGBA")
        upright = Image.new("RGB", rgba.size, "white")
        upright.paste(rgba, mask=rgba.getchannel("A"))
    buffer = io.BytesIO()
    upright.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


@contextmanager
def opened(data: bytes, limits: Limits) -> Iterator[Source]:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("document must be bytes")
    data = bytes(data)
    limits.check_size(len(data))
    kind = sniff(data)
    with tempfile.TemporaryDirectory(prefix="redaction-") as workdir:
        path = Path(workdir) / "document.pdf"
        path.write_bytes(data if kind == "pdf" else image_as_pdf(data, limits))
        yield Source(kind, path, Path(workdir), document_info(path, limits))
