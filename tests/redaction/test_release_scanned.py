"""The released copy of a scan (a PDF page that is one image, or the image file itself)."""

import io

import pypdf
import pytest
from PIL import Image

import redaction

from . import documents
from .conftest import boxes_at
from .pixels import box_place, correlation, has_ink, region

KNOWN = [documents.RESIDENT_ID, documents.MOBILE, documents.NAME]


def test_every_box_on_the_scan_is_uniform_black_and_covered_ink(scanned_form, scan_release):
    boxes, release = scan_release
    original, released = documents.render_gray(scanned_form.pdf), documents.render_gray(release.pdf)
    for box in boxes:
        assert has_ink(region(original, box_place(box)))
        assert region(released, box_place(box), shrink_px=1).max() == 0


@pytest.mark.parametrize("word", [documents.TITLE, documents.OPINION])
def test_words_outside_the_boxes_stay_legible_on_the_scan(scanned_form, scan_release, word):
    _boxes, release = scan_release
    place = scanned_form.places[word][0]
    original = region(documents.render_gray(scanned_form.pdf), place)
    released = region(documents.render_gray(release.pdf), place)
    assert has_ink(original)
    assert correlation(original, released) > 0.95


def test_the_released_scan_has_no_text_no_metadata_and_none_of_the_strings(scanned_form, scan_release):
    _boxes, release = scan_release
    assert "Title:" in documents.pdfinfo(scanned_form.pdf)
    assert documents.pdftotext(release.pdf).strip() == ""
    info = documents.pdfinfo(release.pdf)
    assert "Title:" not in info and "Author:" not in info and "Producer:" not in info
    assert not pypdf.PdfReader(io.BytesIO(release.pdf)).metadata
    stored = documents.every_byte(release.pdf)
    assert not any(form in stored for known in KNOWN for form in documents.encodings(known))


def image_file(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_a_scanned_image_is_a_one_page_document_and_releases_like_a_page(kind):
    image, places = documents.scanned_image(dpi=150)
    data = image_file(image, kind, dpi=(150, 150))
    info = redaction.inspect(data)
    assert info.page_count == 1
    assert (round(info.pages[0].width), round(info.pages[0].height)) == (595, 842)
    boxes = boxes_at(places[documents.RESIDENT_ID])
    release = redaction.redact(data, boxes)
    released = documents.render_gray(release.pdf)
    assert release.page_count == 1
    assert region(released, box_place(boxes[0]), shrink_px=1).max() == 0
    original = region(image, places[documents.TITLE][0])
    assert correlation(original, region(released.resize(image.size), places[documents.TITLE][0])) > 0.9


def test_an_image_turned_by_its_exif_orientation_is_released_upright():
    image, places = documents.scanned_image(dpi=100)
    turned = image.rotate(90, expand=True)  # stored on its side, EXIF says: rotate 270 to display
    exif = Image.Exif()
    exif[0x0112] = 6
    data = image_file(turned, "JPEG", exif=exif, dpi=(100, 100))
    info = redaction.inspect(data)
    assert info.pages[0].width < info.pages[0].height
    release = redaction.redact(data, [])
    released = documents.render_gray(release.pdf, dpi=100)
    assert released.width < released.height
    title = places[documents.TITLE][0]
    assert correlation(region(image, title), region(released.resize(image.size), title)) > 0.8  # sideways: ~0


def test_a_transparent_png_is_flattened_on_white():
    image = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (100, 100, 200, 150))
    release = redaction.redact(image_file(image, "PNG"), [])
    released = documents.render_gray(release.pdf)
    assert region(released, (0.0, 0.0, 0.2, 0.2)).min() > 240
    assert region(released, (0.26, 0.34, 0.49, 0.49)).max() < 30
