import io

import pikepdf
import pytest

import redaction
from redaction import ReleaseCheckFailed, check_release

from . import documents


def test_a_released_copy_passes_the_check(text_release):
    _boxes, release = text_release
    check_release(release.pdf, release.page_count)


def test_a_pdf_with_a_text_layer_fails_the_check(text_form):
    with pytest.raises(ReleaseCheckFailed):
        check_release(text_form.pdf, 1)


def edited(pdf: bytes, change) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        change(document)
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()


@pytest.mark.parametrize("change", [
    lambda d: setattr(d.trailer, "Info", d.make_indirect(pikepdf.Dictionary(Producer=pikepdf.String("x")))),
    lambda d: setattr(d.Root, "Metadata", d.make_stream(b"<x:xmpmeta/>")),
    lambda d: setattr(d.Root, "OpenAction", pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("1"))),
    lambda d: setattr(d.pages[0].obj, "Annots", pikepdf.Array([])),
    lambda d: d.pages[0].contents_add(d.make_stream(b"BT ET"), prepend=False),
    lambda d: d.pages.append(d.pages[0]),
], ids=["info", "xmp", "javascript", "annotations", "text operators", "page count"])
def test_anything_beyond_pages_of_images_fails_the_check(text_release, change):
    _boxes, release = text_release
    with pytest.raises(ReleaseCheckFailed) as error:
        check_release(edited(release.pdf, change), release.page_count)
    assert error.value.message.startswith("公开版本未通过安全检查")


def test_an_unreadable_file_fails_the_check():
    with pytest.raises(ReleaseCheckFailed):
        check_release(b"not a pdf", 1)


def test_the_check_runs_on_every_release(monkeypatch, text_form):
    def text_pdf_instead(_source, output):
        output.write_bytes(documents.text_layer_pdf().pdf)

    monkeypatch.setattr(redaction.release, "_with_content_id", text_pdf_instead)
    with pytest.raises(ReleaseCheckFailed):
        redaction.redact(text_form.pdf, [])
