"""The structural check every released copy passes before it leaves the engine.

A released PDF may hold pages, each showing one image and nothing else: no text operators or fonts, no document
information dictionary or XMP metadata, no annotations, forms, attachments, outlines, actions or JavaScript.
The check is an allow-list (what may be there), so anything new a PDF writer might add fails it.
"""

import io
from pathlib import Path

import pikepdf

from .errors import ReleaseCheckFailed

_CATALOG_KEYS = {"/Type", "/Pages"}
_PAGE_KEYS = {"/Type", "/Parent", "/MediaBox", "/Resources", "/Contents"}
_RESOURCE_KEYS = {"/XObject", "/ProcSet"}
_OPERATORS = {"q", "Q", "cm", "Do"}


def _fail(reason: str):
    raise ReleaseCheckFailed(detail=reason)


def _check_page(number: int, page: pikepdf.Page) -> None:
    extra = set(page.obj.keys()) - _PAGE_KEYS
    if extra:
        _fail(f"page {number} has {sorted(extra)}")
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    if set(resources.keys()) - _RESOURCE_KEYS:
        _fail(f"page {number} resources {sorted(resources.keys())}")
    for name, xobject in resources.get("/XObject", pikepdf.Dictionary()).items():
        if xobject.get("/Subtype") != pikepdf.Name.Image or "/SMask" in xobject or "/Metadata" in xobject:
            _fail(f"page {number} XObject {name} is not a plain image")
    for _operands, operator in pikepdf.parse_content_stream(page):
        if str(operator) not in _OPERATORS:
            _fail(f"page {number} content has operator {operator}")


def check_release(pdf: bytes | Path, page_count: int) -> None:
    """Raise ReleaseCheckFailed unless ``pdf`` (bytes or a file) is ``page_count`` pages of images, nothing else."""
    try:
        document = pikepdf.open(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    except pikepdf.PdfError as error:
        raise ReleaseCheckFailed(detail=str(error)) from error
    with document:
        if document.is_encrypted:
            _fail("encrypted")
        if "/Info" in document.trailer and len(document.trailer.Info.keys()) > 0:
            _fail(f"document information {sorted(document.trailer.Info.keys())}")
        if set(document.Root.keys()) - _CATALOG_KEYS:
            _fail(f"catalog has {sorted(set(document.Root.keys()) - _CATALOG_KEYS)}")
        if len(document.pages) != page_count:
            _fail(f"{len(document.pages)} pages instead of {page_count}")
        for number, page in enumerate(document.pages, start=1):
            _check_page(number, page)
