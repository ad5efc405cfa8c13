"""The released copy of a text PDF: what was boxed is gone from every layer, the rest is still readable."""

import io

import pypdf
import pytest

import redaction

from . import documents
from .pixels import box_place, correlation, has_ink, region

KNOWN = [documents.RESIDENT_ID, documents.MOBILE, documents.NAME]


def test_the_original_holds_the_known_strings_so_the_checks_below_can_fail(text_form):
    text = documents.pdftotext(text_form.pdf)
    assert all(known in text for known in KNOWN)
    trapped = documents.every_byte(documents.booby_trapped(text_form.pdf))
    assert all(any(form in trapped for form in documents.encodings(known)) for known in KNOWN)


def test_pdftotext_finds_none_of_the_withheld_strings_nor_any_text(text_release):
    _boxes, release = text_release
    assert documents.pdftotext(release.pdf).strip() == ""


@pytest.mark.parametrize("known", KNOWN)
def test_a_byte_search_of_the_released_file_finds_nothing_withheld(text_release, known):
    _boxes, release = text_release
    stored = documents.every_byte(release.pdf)
    assert not any(form in stored for form in documents.encodings(known))


def test_every_box_is_uniform_black_in_the_rendered_release(text_release):
    boxes, release = text_release
    for dpi in (redaction.RELEASE_DPI, 100):
        page = documents.render_gray(release.pdf, 1, dpi)
        for box in boxes:
            assert region(page, box_place(box), shrink_px=1).max() == 0


def test_the_boxes_cover_ink_of_the_original(text_form, text_release):
    boxes, _release = text_release
    page = documents.render_gray(text_form.pdf, 1, redaction.RELEASE_DPI)
    assert all(has_ink(region(page, box_place(box))) for box in boxes)


@pytest.mark.parametrize("word", [documents.TITLE, documents.OPINION])
def test_text_outside_the_boxes_is_still_legible(text_form, text_release, word):
    _boxes, release = text_release
    place = text_form.places[word][0]
    original = region(documents.render_gray(text_form.pdf, 1, 200), place)
    released = region(documents.render_gray(release.pdf, 1, 200), place)
    assert has_ink(original)
    assert released.shape == original.shape
    assert correlation(original, released) > 0.95


def test_the_released_copy_has_no_metadata(text_release):
    _boxes, release = text_release
    info = documents.pdfinfo(release.pdf)
    for field in ("Title", "Subject", "Keywords", "Author", "Creator", "Producer", "CreationDate", "ModDate"):
        assert f"\n{field}:" not in f"\n{info}"
    assert "Metadata Stream: no" in info
    reader = pypdf.PdfReader(io.BytesIO(release.pdf))
    assert not reader.metadata
    assert reader.xmp_metadata is None


def test_the_release_reports_its_page_count_and_digest(text_release):
    import hashlib

    _boxes, release = text_release
    assert release.page_count == len(pypdf.PdfReader(io.BytesIO(release.pdf)).pages) == 1
    assert release.sha256 == hashlib.sha256(release.pdf).hexdigest()
    assert release.dpi == redaction.RELEASE_DPI


def test_releasing_the_same_boxes_twice_gives_the_same_digest(text_form, text_release):
    boxes, release = text_release
    assert redaction.redact(text_form.pdf, boxes).sha256 == release.sha256


def test_attachments_annotations_forms_and_javascript_are_not_carried_over(text_form, text_proposals):
    trapped = documents.booby_trapped(text_form.pdf)
    assert "Form:            AcroForm" in documents.pdfinfo(trapped)
    release = redaction.redact(trapped, [p.box("privacy") for p in text_proposals.proposals])
    reader = pypdf.PdfReader(io.BytesIO(release.pdf))
    assert reader.attachments == {}
    assert set(reader.trailer["/Root"].keys()) == {"/Type", "/Pages"}
    assert all("/Annots" not in page for page in reader.pages)
    assert reader.get_fields() is None
    stored = documents.every_byte(release.pdf)
    assert not any(form in stored for known in KNOWN for form in documents.encodings(known))
    assert b"JavaScript" not in stored


def test_a_box_applied_to_every_page_is_burnt_into_each():
    form = documents.text_layer_pdf(pages=3)
    x0, y0, x1, y1 = form.places[documents.TITLE][0]
    boxes = redaction.on_every_page(redaction.Box.from_corners(1, x0, y0, x1, y1, "internal"), 3)
    release = redaction.redact(form.pdf, boxes)
    assert release.page_count == 3
    for page in (1, 2, 3):
        assert region(documents.render_gray(release.pdf, page), (x0, y0, x1, y1), shrink_px=1).max() == 0
    assert documents.pdftotext(release.pdf).strip() == ""


def test_no_boxes_still_releases_pictures_only(text_form):
    release = redaction.redact(text_form.pdf, [])
    assert documents.pdftotext(release.pdf).strip() == ""
    page = documents.render_gray(release.pdf)
    assert has_ink(region(page, text_form.places[documents.RESIDENT_ID][0]))


def test_a_black_rectangle_drawn_over_text_in_the_original_hides_nothing_until_released():
    """The known leak: a box drawn over text that is still in the file. The release keeps only the pixels."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=documents.PAGE)
    drawing.setFont(documents.FONT_NAME, 14)
    drawing.drawString(72, 700, f"身份证号：{documents.RESIDENT_ID}")
    drawing.rect(140, 690, 200, 25, stroke=0, fill=1)
    drawing.save()
    covered = buffer.getvalue()
    assert documents.RESIDENT_ID in documents.pdftotext(covered)
    release = redaction.redact(covered, [])
    assert documents.RESIDENT_ID not in documents.pdftotext(release.pdf)
    assert not any(form in documents.every_byte(release.pdf) for form in documents.encodings(documents.RESIDENT_ID))
