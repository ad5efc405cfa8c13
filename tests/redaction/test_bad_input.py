"""Input the engine refuses, each with a clear Chinese message, before any work is done."""

import io
import subprocess

import pikepdf
import pytest
from PIL import Image

import redaction
from redaction import Box, Limits, poppler, release

from . import documents


@pytest.fixture(scope="module")
def form_pdf():
    return documents.text_layer_pdf().pdf


def assert_refused(error_class, call, *arguments, **options):
    with pytest.raises(error_class) as error:
        call(*arguments, **options)
    assert any("\u4e00" <= char <= "\u9fff" for char in error.value.message)  # a Chinese sentence for the user
    return error.value


@pytest.mark.parametrize("call", [redaction.inspect, redaction.propose, lambda data: redaction.redact(data, []),
                                  lambda data: redaction.render_page(data, 1)])
def test_a_file_that_is_neither_pdf_nor_image_is_refused_by_every_entry_point(call):
    error = assert_refused(redaction.UnsupportedDocument, call, "这是一封信".encode() * 20)
    assert "PDF" in error.message


def test_a_damaged_pdf_is_refused():
    assert_refused(redaction.DamagedDocument,
                   redaction.inspect, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" * 10)


def test_a_truncated_image_is_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), "white").save(buffer, "JPEG")
    assert_refused(redaction.DamagedDocument, redaction.inspect, buffer.getvalue()[:200])


def test_an_image_of_another_format_behind_a_png_signature_is_refused():
    assert_refused(redaction.DamagedDocument, redaction.inspect, b"\x89PNG\r\n\x1a\n" + b"\0" * 100)


def encrypted(pdf: bytes, user_password: str) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        output = io.BytesIO()
        document.save(output, encryption=pikepdf.Encryption(user=user_password, owner="owner-secret", R=6))
        return output.getvalue()


@pytest.mark.parametrize("user_password", ["open-me", ""], ids=["needs a password", "permissions only"])
def test_an_encrypted_pdf_is_refused(form_pdf, user_password):
    data = encrypted(form_pdf, user_password)
    error = assert_refused(redaction.EncryptedDocument, redaction.inspect, data)
    assert "加密" in error.message
    assert_refused(redaction.EncryptedDocument, redaction.redact, data, [])


def test_too_many_pages_are_refused_before_rendering():
    data = documents.text_layer_pdf(pages=4).pdf
    error = assert_refused(redaction.LimitExceeded, redaction.redact, data, [], limits=Limits(max_pages=3))
    assert "共 4 页" in error.message and "3 页" in error.message
    assert redaction.inspect(data, limits=Limits(max_pages=4)).page_count == 4


def test_a_file_over_the_size_limit_is_refused(form_pdf):
    assert_refused(redaction.LimitExceeded, redaction.inspect, form_pdf, limits=Limits(max_document_bytes=1000))


def test_a_page_too_large_to_render_at_the_chosen_resolution_is_refused(form_pdf):
    small = Limits(max_page_pixels=1_000_000)  # A4 at 200 dpi is 3.9 M pixels
    error = assert_refused(redaction.LimitExceeded, redaction.redact, form_pdf, [], limits=small)
    assert "第 1 页" in error.message
    assert_refused(redaction.LimitExceeded, redaction.render_page, form_pdf, 1, 200, limits=small)
    assert redaction.render_page(form_pdf, 1, 72, limits=small).startswith(b"\x89PNG")


def test_an_image_with_too_many_pixels_is_refused():
    buffer = io.BytesIO()
    Image.new("L", (2000, 1000), 255).save(buffer, "PNG")
    assert_refused(redaction.LimitExceeded,
                   redaction.inspect, buffer.getvalue(), limits=Limits(max_image_pixels=1_000_000))


@pytest.mark.parametrize("dpi", [10, 1200, 150.5])
def test_a_resolution_out_of_range_is_refused(form_pdf, dpi):
    assert_refused(redaction.LimitExceeded, redaction.redact, form_pdf, [], dpi=dpi)


def test_a_page_number_out_of_range_is_refused(form_pdf):
    assert_refused(redaction.InvalidPage, redaction.render_page, form_pdf, 2)
    assert_refused(redaction.InvalidPage, redaction.render_page, form_pdf, 0)


def test_a_box_on_a_missing_page_is_refused(form_pdf):
    assert_refused(redaction.InvalidBox, redaction.redact, form_pdf, [Box(2, 0.1, 0.1, 0.2, 0.2, "privacy")])


def test_something_else_than_boxes_is_a_programming_error(form_pdf):
    with pytest.raises(TypeError):
        redaction.redact(form_pdf, [(1, 0.1, 0.1, 0.2, 0.2)])


def test_a_tool_that_runs_past_its_timeout_is_stopped_with_a_message(form_pdf, monkeypatch, tmp_path):
    # A tool that never finishes (not a real one that merely might be slow: a race with the clock is no test).
    hanging = tmp_path / "hanging-tool"
    hanging.write_text("#!/bin/sh\nexec sleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(poppler, "tool", lambda name: str(hanging))
    short = Limits(base_seconds=0.3, seconds_per_page=0)
    assert_refused(redaction.ToolTimeout, redaction.inspect, form_pdf, limits=short)


def test_rasterising_past_its_timeout_stops_every_process(monkeypatch, tmp_path):
    started = []

    class RecordedPopen(subprocess.Popen):
        def __init__(self, *arguments, **options):
            super().__init__(*arguments, **options)
            started.append(self)

    monkeypatch.setattr(release.subprocess, "Popen", RecordedPopen)
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(documents.text_layer_pdf(pages=4).pdf)
    no_time = Limits(base_seconds=0.0001, seconds_per_page=0)
    pages = release.rasterised(pdf, 4, 200, tmp_path / "pages", processes=2, limits=no_time)
    assert_refused(redaction.ToolTimeout, list, pages)
    assert len(started) == 2
    assert all(process.returncode is not None for process in started)
