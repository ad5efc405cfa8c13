"""Checking uploaded scans by their content: PDF, JPEG and PNG only, whatever the name or declared type says."""

import hashlib
import io

from django.conf import settings
from PIL import Image, UnidentifiedImageError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}


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
    uploaded_file.seek(0)
    content_type = sniff(uploaded_file.read(16))
    if content_type is None:
        raise UploadRejected("只能上传 PDF、JPEG 或 PNG 文件（按文件内容判断，与文件名无关）")
    if content_type in PILLOW_FORMATS:
        _verify_image(uploaded_file, PILLOW_FORMATS[content_type])
    elif not _pdf_has_end(uploaded_file):
        raise UploadRejected("PDF 文件不完整或已损坏")
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return content_type, digest.hexdigest(), size


def _verify_image(uploaded_file, expected_format):
    uploaded_file.seek(0)
    try:
        with Image.open(io.BytesIO(uploaded_file.read())) as image:
            if image.format != expected_format:
                raise UploadRejected("图片格式与内容不符")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        if isinstance(exc, UploadRejected):
            raise
        raise UploadRejected("图片文件已损坏或无法识别") from exc


def _pdf_has_end(uploaded_file):
    """A complete PDF ends with %%EOF (allowing trailing whitespace or a few bytes of garbage)."""
    uploaded_file.seek(max(0, uploaded_file.size - 1024))
    return b"%%EOF" in uploaded_file.read()


def download_name(attachment):
    """A safe file name for Content-Disposition: the original name with the extension of the real content."""
    base = attachment.original_name.rsplit(".", 1)[0] or attachment.get_kind_display()
    return base + EXTENSIONS.get(attachment.content_type, "")
