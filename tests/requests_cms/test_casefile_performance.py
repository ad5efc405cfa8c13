"""A case file of 300 pages is built in seconds (run with -s to see the figure)."""

import time

from requests_cms.casefile.builder import build

from .casefile_support import frozen_letter, many_scans
from .delivery_support import posted

BUDGET_SECONDS = 20


def test_a_300_page_case_file_is_built_in_seconds(make_request, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = posted(make_request, staff)
    many_scans(req, staff["registrar"], 270)
    frozen_letter(req, "reply", "REPLY", staff["handler"], number="高教公开〔2026〕9号", pages=20)
    started = time.perf_counter()
    built = build(req)
    seconds = time.perf_counter() - started
    print(f"\ncase file: {built.page_count} pages, {len(built.pdf) / 1e6:.1f} MB, built in {seconds:.2f} s")
    assert built.page_count >= 300
    assert seconds < BUDGET_SECONDS
