import io

from PIL import Image

import redaction

from . import documents


def test_it_tells_the_page_count_and_the_size_of_each_page():
    info = redaction.inspect(documents.text_layer_pdf(pages=2).pdf)
    assert info.page_count == 2
    assert [(page.width, page.height) for page in info.pages] == [(595.0, 842.0), (595.0, 842.0)]


def test_a_rotated_page_is_measured_as_displayed():
    from .test_proposals import rotated

    info = redaction.inspect(rotated(documents.text_layer_pdf().pdf, 90))
    assert (info.pages[0].width, info.pages[0].height, info.pages[0].rotation) == (842.0, 595.0, 90)


def test_a_page_is_rendered_as_png_at_the_asked_resolution():
    png = redaction.render_page(documents.text_layer_pdf().pdf, 1, 72)
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (595, 842))


def test_the_rendered_page_is_what_will_be_released(text_form, text_release):
    """The browser sees the page the release is made from: at the release's resolution, the same pixels."""
    from .pixels import correlation, region

    _boxes, release = text_release
    dpi = redaction.RELEASE_DPI
    view = Image.open(io.BytesIO(redaction.render_page(text_form.pdf, 1, dpi))).convert("L")
    released = documents.render_gray(release.pdf, 1, dpi)
    assert view.size == released.size
    place = text_form.places[documents.OPINION][0]
    assert correlation(region(view, place), region(released, place)) > 0.95


def test_a_scan_is_rendered_as_its_single_page():
    image, _places = documents.scanned_image(dpi=100)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", dpi=(100, 100))
    png = redaction.render_page(buffer.getvalue(), 1, 100)
    assert Image.open(io.BytesIO(png)).size == image.size
