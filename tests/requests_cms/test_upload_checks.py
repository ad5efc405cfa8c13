"""Uploads are parsed as the type their bytes claim: pixel bombs, polyglots, active PDFs and fakes are refused."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from requests_cms.models import Attachment
from requests_cms.uploads import UploadRejected, check_upload, jpeg_end

from .delivery_support import jpeg_bytes, pdf_bytes, png_bytes
from .views_support import recent_request


def check(name, data):
    return check_upload(SimpleUploadedFile(name, data))


def refused(name, data):
    with pytest.raises(UploadRejected) as excinfo:
        check(name, data)
    return str(excinfo.value)


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_declaring(width, height, mode_bits=1):
    """A tiny PNG whose header declares width×height pixels (1-bit grey), as in the 17 KB bomb of the issue."""
    header = struct.pack(">IIBBBBB", width, height, mode_bits, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width * mode_bits + 7) // 8)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * 8))
            + chunk(b"IEND", b""))


def pdf_with(mutate):
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    mutate(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def open_action(kind, **entries):
    def mutate(writer):
        action = DictionaryObject({NameObject("/S"): NameObject(kind)})
        for key, value in entries.items():
            action[NameObject(f"/{key}")] = TextStringObject(value)
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)

    return mutate


def document_script(writer, code):
    """A document-level script in the /Names tree (run when the file opens, without any OpenAction)."""
    action = writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                                  NameObject("/JS"): TextStringObject(code)}))
    tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("init"), action])})
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})


# --- images --------------------------------------------------------------------------------------------------------
def test_plain_scans_of_each_kind_are_accepted():
    assert check("信封.png", png_bytes())[0] == "image/png"
    assert check("回证.jpg", jpeg_bytes())[0] == "image/jpeg"
    assert check("申请书.pdf", pdf_bytes())[0] == "application/pdf"
    assert check("无扩展名", png_bytes())[0] == "image/png"


def test_a_pixel_bomb_is_refused_from_its_header_before_anything_is_decoded(monkeypatch, settings):
    def no_decoding(self):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    bomb = png_declaring(12000, 12000)
    assert len(bomb) < 20_000
    message = refused("bomb.png", bomb)
    assert "12000×12000" in message and f"{settings.UPLOAD_MAX_PIXELS / 1e6:g}百万像素" in message


def test_the_pixel_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_PIXELS = 60 * 80 - 1
    assert "60×80" in refused("a.png", png_bytes(size=(60, 80)))
    settings.UPLOAD_MAX_PIXELS = 60 * 80
    assert check("a.png", png_bytes(size=(60, 80)))[0] == "image/png"


def test_an_image_that_does_not_decode_completely_is_refused():
    good = png_bytes()
    start = good.index(b"IDAT") - 4
    length = struct.unpack(">I", good[start:start + 4])[0]
    garbage = chunk(b"IDAT", b"\x78\x9c" + b"\xff" * (length - 2))  # valid CRC, broken deflate stream
    broken = good[:start] + garbage + good[start + 12 + length:]
    assert "无法完整解码" in refused("x.png", broken)
    cut = jpeg_bytes()
    assert "不完整" in refused("x.jpg", cut[: len(cut) // 2])


@pytest.mark.parametrize("name, data", [
    ("网页.png", png_bytes() + b"<html><script>alert(1)</script></html>"),
    ("压缩包.png", png_bytes() + (lambda b: (zipfile.ZipFile(b, "w").writestr("a.txt", "x"), b.getvalue())[1])(
        io.BytesIO())),
    ("脚本.jpg", jpeg_bytes() + b"<?php system($_GET['c']); ?>"),
])
def test_polyglots_with_data_after_the_image_are_refused(name, data):
    assert "结尾之后还附带了其他数据" in refused(name, data)


def test_the_end_of_a_jpeg_is_found_past_a_thumbnail_with_its_own_end_marker():
    thumbnail = jpeg_bytes(size=(16, 16))
    image = Image.new("RGB", (64, 64), "white")
    out = io.BytesIO()
    exif = Image.Exif()
    image.save(out, "JPEG", exif=exif.tobytes())
    plain = out.getvalue()
    app1 = b"\xff\xe1" + struct.pack(">H", len(thumbnail) + 2) + thumbnail  # an APP1 segment holding a whole JPEG
    with_thumbnail = plain[:2] + app1 + plain[2:]
    assert jpeg_end(with_thumbnail) == len(with_thumbnail)
    assert check("带缩略图.jpg", with_thumbnail)[0] == "image/jpeg"


# --- PDF -----------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mutate, named", [
    (open_action("/JavaScript", JS="app.alert('x')"), "脚本（JavaScript）"),
    (lambda w: document_script(w, "this.print();"), "脚本（JavaScript）"),
    (open_action("/Launch", F="cmd.exe"), "启动外部程序的动作"),
    (lambda w: w.add_attachment("payload.exe", b"MZ\x90\x00"), "嵌入的文件"),
])
def test_pdfs_with_active_content_are_refused_and_say_what_they_carry(mutate, named):
    message = refused("申请书.pdf", pdf_with(mutate))
    assert named in message and "打印为PDF" in message


def test_an_active_name_spelled_with_hex_escapes_is_still_found():
    data = pdf_with(open_action("/JavaScript", JS="app.alert('x')")).replace(b"/JavaScript", b"/J#61vaScript")
    assert "脚本（JavaScript）" in refused("申请书.pdf", data)


def test_a_link_to_a_page_is_not_active_content():
    def go_to_first_page(writer):
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(
            DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): TextStringObject("p1")}))

    assert check("申请书.pdf", pdf_with(go_to_first_page))[0] == "application/pdf"


def test_a_pdf_that_does_not_open_or_has_no_pages_is_refused():
    fake = b"%PDF-1.4\nMZ\x90\x00\x03" + b"\x00" * 300 + b"\n%%EOF\n"
    assert "无法打开" in refused("申请书.pdf", fake)
    assert "没有页面" in refused("空.pdf", pdf_with(lambda w: w.remove_page(0)))


def test_a_pdf_with_a_zip_appended_after_its_end_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.txt", "x")
    assert "结尾之后还附带了其他数据" in refused("申请书.pdf", pdf_bytes() + archive.getvalue())
    assert check("申请书.pdf", pdf_bytes() + b"\r\n\n")[0] == "application/pdf"


def test_an_encrypted_pdf_is_refused():
    assert "已加密" in refused("加密.pdf", pdf_with(lambda w: w.encrypt("secret")))


def test_an_executable_dressed_as_a_pdf_and_named_exe_is_refused():
    message = refused("evil.exe", b"%PDF-MZ\x90\x00" + b"\x00" * 200 + b"%%EOF")
    assert "evil.exe" in message and ".exe" in message
    assert "扩展名" in refused("scan.pdf.html", pdf_bytes())


# --- serving -------------------------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(client, staff, make_request, name, data):
    req = recent_request(make_request)
    client.force_login(staff["registrar"])
    client.post(reverse("attachment_upload", kwargs={"pk": req.pk}),
                {"kind": "envelope", "file": SimpleUploadedFile(name, data)})
    attachment = Attachment.objects.get()
    return reverse("attachment_download", kwargs={"pk": req.pk, "attachment_pk": attachment.pk})


def test_a_pdf_asked_for_inline_is_still_downloaded(client, staff, make_request):
    response = client.get(stored(client, staff, make_request, "信封.pdf", pdf_bytes()) + "?inline=1")
    assert response["Content-Disposition"].startswith("attachment;")


def test_an_image_is_shown_inline_only_inside_a_sandbox(client, staff, make_request):
    response = client.get(stored(client, staff, make_request, "信封.png", png_bytes()) + "?inline=1")
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["X-Content-Type-Options"] == "nosniff"
