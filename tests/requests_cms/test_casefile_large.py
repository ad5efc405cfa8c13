"""A case file of 300 pages holds every page of its parts, in one PDF that opens (its build time is measured by
bench/casefile.py, never here)."""

import io

from pypdf import PdfReader

from requests_cms.casefile.builder import build

from .casefile_support import frozen_letter, many_scans
from .delivery_support import posted

SCANS, REPLY_PAGES = 270, 20


def test_a_300_page_case_file_holds_every_scan_and_letter_page(make_request, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = posted(make_request, staff)
    many_scans(req, staff["registrar"], SCANS)
    frozen_letter(req, "reply", "REPLY", staff["handler"], number="高教公开〔2026〕9号", pages=REPLY_PAGES)
    built = build(req)
    assert built.page_count >= 300 and built.page_count >= SCANS + REPLY_PAGES
    assert len(PdfReader(io.BytesIO(built.pdf)).pages) == built.page_count
