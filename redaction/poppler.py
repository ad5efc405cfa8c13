"""The poppler command-line tools (Debian's poppler-utils) as subprocesses: timeouts, errors, pdfinfo parsing.

Every tool reads the document's MediaBox (poppler's default), so the page the user sees in the browser, the text
boxes the proposals come from and the pages that are released are the same area. Content a /CropBox would hide is
therefore shown to the reviewer too, and released only if it is not boxed: nothing is released unseen.
"""

import math
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import DamagedDocument, EncryptedDocument, ToolFailed, ToolTimeout
from .limits import Limits

# Messages of poppler that say what is wrong with the file (its own wording, LC_ALL=C).
_ENCRYPTED = ("Incorrect password", "Command Line Error: Incorrect password")
_DAMAGED = ("May not be a PDF file", "Couldn't find trailer", "Couldn't read xref", "Couldn't open file",
            "PDF file is damaged")


def tool(name: str) -> str:
    path = shutil.which(name, path="/usr/bin:/bin:/usr/local/bin")
    if path is None:
        raise ToolFailed("服务器缺少PDF处理组件（poppler-utils），请联系系统管理员。", detail=f"{name} not found")
    return path


def environment() -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": os.environ.get("HOME", "/tmp")}


def classify_failure(name: str, returncode: int, stderr: str) -> Exception:
    detail = f"{name} exit {returncode}: {stderr.strip()[-500:]}"
    if any(text in stderr for text in _ENCRYPTED) or returncode == 3:
        return EncryptedDocument(detail=detail)
    if any(text in stderr for text in _DAMAGED):
        return DamagedDocument(detail=detail)
    return ToolFailed(detail=detail)


def run(name: str, arguments: list[str], *, timeout: float) -> bytes:
    """Run one poppler tool and return its standard output; raise a RedactionError on failure or timeout."""
    try:
        done = subprocess.run([tool(name), *arguments], capture_output=True, timeout=timeout, env=environment(),
                              stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as error:
        raise ToolTimeout(detail=f"{name} after {timeout:.0f} s") from error
    if done.returncode != 0:
        raise classify_failure(name, done.returncode, done.stderr.decode("utf-8", "replace"))
    return done.stdout


@dataclass(frozen=True)
class PageSize:
    """A page as displayed (its /Rotate applied), in PDF points (1/72 inch)."""

    width: float
    height: float
    rotation: int = 0  # the page's /Rotate, clockwise: 0, 90, 180 or 270

    def pixels(self, dpi: int) -> tuple[int, int]:
        """The size pdftoppm renders at ``dpi`` (it rounds up)."""
        return math.ceil(self.width * dpi / 72 - 1e-9), math.ceil(self.height * dpi / 72 - 1e-9)


@dataclass(frozen=True)
class DocumentInfo:
    page_count: int
    pages: tuple[PageSize, ...]


_MEDIA_BOX = re.compile(r"^Page\s+(\d+) MediaBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)", re.MULTILINE)
_ROTATION = re.compile(r"^Page\s+(\d+) rot:\s+(-?\d+)", re.MULTILINE)
_FIELD = re.compile(r"^(Pages|Encrypted):\s+(.*)$", re.MULTILINE)


def document_info(pdf: Path, limits: Limits) -> DocumentInfo:
    """Page count and page sizes from pdfinfo; refuses encrypted files and files over the page limit."""
    output = run("pdfinfo", ["-box", "-f", "1", "-l", str(limits.max_pages), str(pdf)],
                 timeout=limits.timeout(1)).decode("utf-8", "replace")
    fields = dict(_FIELD.findall(output))
    if fields.get("Encrypted", "no").startswith("yes"):
        raise EncryptedDocument(detail=fields["Encrypted"])
    if "Pages" not in fields or not fields["Pages"].strip().isdigit():
        raise DamagedDocument(detail="pdfinfo printed no page count")
    page_count = int(fields["Pages"])
    if page_count < 1:
        raise DamagedDocument("该PDF文件没有页面。")
    limits.check_page_count(page_count)
    rotations = {int(page): int(angle) % 360 for page, angle in _ROTATION.findall(output)}
    pages = []
    for page, x0, y0, x1, y1 in _MEDIA_BOX.findall(output):
        width, height = abs(float(x1) - float(x0)), abs(float(y1) - float(y0))
        rotation = rotations.get(int(page), 0)
        if rotation in (90, 270):
            width, height = height, width
        pages.append(PageSize(width, height, rotation))
    if len(pages) != page_count or any(p.width <= 0 or p.height <= 0 for p in pages):
        raise DamagedDocument(detail=f"pdfinfo listed {len(pages)} page boxes for {page_count} pages")
    return DocumentInfo(page_count, tuple(pages))
