"""Checking uploaded scans by their content: PDF, JPEG and PNG only, whatever the name or declared type says.

The first bytes say what a file claims to be; it is then parsed as that type and refused unless it is wholly that:
- an image's pixel count is read from its header and limited BEFORE anything is decoded (a 17 KB PNG can
  declare 12000×12000 pixels), then the image must decode completely;
- nothing may follow the end of an image (PNG's IEND chunk, JPEG's EOI marker) or a PDF's last %%EOF: that is
  where polyglots (PNG+HTML, PNG+ZIP, JPEG+PHP, PDF+ZIP) hide their second file;
- a PDF must open and have pages, and is refused when it carries JavaScript, launch or other active actions,
  embedded files or XFA forms. Refused, not stripped: an upload is evidence kept with its digest, and a cleaned
  copy would no longer be what the applicant sent; the office can print the document to a new PDF or scan it.
- a file name may only carry one of the accepted extensions (a stored "evil.exe" is refused whatever it holds).
"""

import hashlib
import io
import struct
import warnings

from django.conf import settings
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
ALLOWED_EXTENSIONS = {"pdf", "jpg", "jpeg", "png"}
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}
LABELS = {PDF: "PDF 文件", JPEG: "JPEG 图片", PNG: "PNG 图片"}

# Active PDF content, named in the refusal. Keys of a dictionary, and the /S (action type) values.
PDF_ACTIVE_KEYS = {"/JS": "脚本（JavaScript）", "/JavaScript": "脚本（JavaScript）", "/EmbeddedFiles": "嵌入的文件",
                   "/EmbeddedFile": "嵌入的文件", "/EF": "嵌入的文件", "/XFA": "XFA 动态表单",
                   "/AA": "自动执行的动作", "/RichMedia": "多媒体内容"}
PDF_ACTIVE_ACTIONS = {"/JavaScript": "脚本（JavaScript）", "/Launch": "启动外部程序的动作",
                      "/ImportData": "导入数据的动作", "/SubmitForm": "提交表单的动作",
                      "/GoToE": "打开嵌入文件的动作", "/RichMediaExecute": "多媒体执行动作"}
PDF_MAX_OBJECTS = 500_000


class UploadRejected(ValueError):
    """The file is not acceptable; the message is for the user, in Chinese."""


def sniff(head):
    """The content type from the first bytes, or None when it is none of the accepted kinds."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(PNG_SIGNATURE):
        return PNG
    return None


def check_upload(uploaded_file, *, max_bytes=None):
    """Validate an UploadedFile. Returns (content_type, sha256 hex digest, size); raises UploadRejected."""
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if uploaded_file is None:
        raise UploadRejected("请选择要上传的文件")
    size = uploaded_file.size or 0
    if size == 0:
        raise UploadRejected("文件为空")
    if size > max_bytes:
        raise UploadRejected(f"文件过大：不能超过 {max_bytes // (1024 * 1024) or 1} MB")
    _check_name(getattr(uploaded_file, "name", "") or "")
    uploaded_file.seek(0)
    data = uploaded_file.read()
    content_type = sniff(data[:16])
    if content_type is None:
        raise UploadRejected("只能上传 PDF、JPEG 或 PNG 文件（按文件内容判断，与文件名无关）")
    if content_type == PDF:
        check_pdf(data)
    else:
        check_image(data, content_type)
    uploaded_file.seek(0)
    return content_type, hashlib.sha256(data).hexdigest(), size


def _check_name(name):
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    if "." in base.strip("."):
        extension = base.rsplit(".", 1)[1].lower()
        if extension not in ALLOWED_EXTENSIONS:
            raise UploadRejected(f"文件名“{base[:60]}”的扩展名 .{extension[:10]} 不被接受："
                                 "只能上传 .pdf、.jpg、.jpeg 或 .png 文件")


# --- images --------------------------------------------------------------------------------------------------------
def max_pixels():
    return settings.UPLOAD_MAX_PIXELS


def pixel_limit_message(width, height):
    limit = max_pixels()
    return (f"图片像素过多（{width}×{height}）：每张图片不能超过{limit / 1_000_000:g}百万像素"
            f"（约为A4纸600dpi扫描），请降低扫描分辨率后重新上传")


def check_image(data, content_type):
    """Header first (size and format, nothing decoded), then the end of the file, then a complete decode."""
    expected = PILLOW_FORMATS[content_type]
    try:
        with warnings.catch_warnings():  # Pillow warns of large images at open; the limit below is ours
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[expected])
        with image:
            width, height = image.size
            if width * height > max_pixels():
                raise UploadRejected(pixel_limit_message(width, height))
            if image.format != expected:
                raise UploadRejected("图片格式与内容不符")
    except Image.DecompressionBombError as exc:  # Pillow's own bound, above ours: report ours
        raise UploadRejected(f"图片像素过多：每张图片不能超过{max_pixels() / 1_000_000:g}百万像素") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as exc:
        if isinstance(exc, UploadRejected):
            raise
        raise UploadRejected("图片文件已损坏或无法识别") from exc
    end = png_end(data) if content_type == PNG else jpeg_end(data)
    if end is None:
        raise UploadRejected("图片文件不完整或已损坏")
    if data[end:].strip(b"\x00"):
        raise UploadRejected(f"{LABELS[content_type]}的结尾之后还附带了其他数据（可能是伪装成图片的文件），"
                             "请重新扫描或导出后上传")
    _decode(data, expected)


def _decode(data, expected):
    try:
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            image.verify()
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error, Image.DecompressionBombError) \
            as exc:
        raise UploadRejected("图片文件已损坏或无法完整解码") from exc


def png_end(data):
    """Offset just after the IEND chunk, or None when the chunk structure is broken."""
    pos = len(PNG_SIGNATURE)
    while pos + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        pos += 12 + length
        if kind == b"IEND":
            return pos if pos <= len(data) else None
    return None


def jpeg_end(data):
    """Offset just after the EOI marker that ends the image, walking segments and scans; None when broken.

    Segments carry their length (so thumbnails inside APP1 with their own EOI are skipped); entropy-coded scan data
    ends at the first marker that is neither a stuffed 0xFF00 nor a restart marker.
    """
    pos, size = 2, len(data)
    while pos + 2 <= size:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            return pos + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if pos + 4 > size:
            return None
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        pos += 2 + length
        if marker == 0xDA:
            pos = _scan_end(data, pos)
    return None


def _scan_end(data, pos):
    size = len(data)
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= size:
            return size
        following = data[pos + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1 if following == 0xFF else 2
            continue
        return pos


# --- PDF -----------------------------------------------------------------------------------------------------------
def check_pdf(data):
    """The PDF opens, is not encrypted, has pages, ends at its last %%EOF and carries nothing active."""
    end = data.rfind(b"%%EOF")
    if end < 0:
        raise UploadRejected("PDF 文件不完整或已损坏")
    if data[end + 5:].strip(b" \t\r\n\x00"):
        raise UploadRejected("PDF 文件的结尾之后还附带了其他数据（可能是伪装成 PDF 的文件），请重新导出后上传")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UploadRejected("PDF 文件已加密，无法存档核对，请上传未加密的文件")
        pages = len(reader.pages)
    except UploadRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for a file that is not a PDF
        raise UploadRejected("PDF 文件无法打开（不完整、已损坏或不是真正的 PDF）") from exc
    if pages == 0:
        raise UploadRejected("PDF 文件没有页面")
    found = pdf_active_content(reader)
    if found:
        raise UploadRejected(f"PDF 文件含有{'、'.join(found)}，出于安全原因不予接收；"
                             "请用“打印为PDF”另存一份或扫描纸质件后上传")


def pdf_active_content(reader):
    """Names of the active content found in any object of the file (every indirect object, not only the pages)."""
    found = []
    try:
        for obj in _pdf_objects(reader):
            for what in _active_in(obj):
                if what not in found:
                    found.append(what)
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UploadRejected("PDF 文件结构无法完整读取，请重新导出后上传") from exc
    return found


def _pdf_objects(reader):
    yield reader.trailer
    count = 0
    for generation, numbers in reader.xref.items():
        for number in numbers:
            count += 1
            if count > PDF_MAX_OBJECTS:
                raise UploadRejected("PDF 文件对象过多，请重新导出后上传")
            yield IndirectObject(number, generation, reader).get_object()
    for number, _ in reader.xref_objStm.items():
        yield IndirectObject(number, 0, reader).get_object()


def _active_in(obj, depth=0):
    """Walk one object's direct dictionaries and arrays (indirect references are visited on their own)."""
    if depth > 50 or obj is None:
        return
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            if key in PDF_ACTIVE_KEYS:
                yield PDF_ACTIVE_KEYS[key]
            if key == "/S" and value in PDF_ACTIVE_ACTIONS:
                yield PDF_ACTIVE_ACTIONS[value]
            if not isinstance(value, IndirectObject):
                yield from _active_in(value, depth + 1)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            if not isinstance(value, IndirectObject):
                yield from _active_in(value, depth + 1)


def download_name(attachment):
    """A safe file name for Content-Disposition: the original name with the extension of the real content."""
    base = attachment.original_name.rsplit(".", 1)[0] or attachment.get_kind_display()
    return base + EXTENSIONS.get(attachment.content_type, "")
