"""Reading the PDFs the letters app produces, for assertions."""

import io
import re

from pypdf import PdfReader


def reader(pdf):
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf):
    return [page.extract_text() for page in reader(pdf).pages]


def text(pdf):
    """All text of the document with whitespace removed (justified CJK lines may extract with spaces)."""
    return re.sub(r"\s+", "", "".join(page_texts(pdf)))


def fonts(pdf):
    """(BaseFont, Subtype, embedded?) of every font referenced by any page."""
    found = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.add((str(font["/BaseFont"]), str(font["/Subtype"]), embedded))
    return found


def page_count(pdf):
    return len(reader(pdf).pages)
