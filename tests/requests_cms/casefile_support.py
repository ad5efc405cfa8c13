"""Helpers of the case-file tests: a request with letters, scans and delivery records."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.pdfgen.canvas import Canvas

from letters.models import Letter
from requests_cms.models import Attachment

from .delivery_support import jpeg_bytes


def marked_pdf(marker, pages=1):
    """A PDF whose every page carries an ASCII marker (to find it again in the merged case file)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for page in range(pages):
        canvas.drawString(72, 720, f"{marker} page {page + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def frozen_letter(req, kind, marker, by, *, number, pages=1, title=None):
    data = marked_pdf(marker, pages)
    return Letter.objects.create(
        request=req, agency=req.agency, kind=kind, state="frozen", title=title or kind, addressee="张伟",
        text="正文", template_source="default", document_number=number, letter_date=timezone.localdate(),
        pdf=data, sha256=hashlib.sha256(data).hexdigest(), frozen_at=timezone.now(), frozen_by=by, created_by=by)


def scan(req, kind, data, by, content_type="image/jpeg", delivery=None, description=""):
    """An attachment stored directly (the upload service is tested elsewhere; here only its row matters)."""
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(request=req, kind=kind, delivery=delivery, original_name=f"{kind}.bin",
                            content_type=content_type, size=len(data), sha256=digest, uploaded_by=by,
                            description=description)
    attachment.file.save(digest, ContentFile(data), save=False)
    attachment.save()
    return attachment


def many_scans(req, by, count):
    for index in range(count):
        scan(req, "application", jpeg_bytes(color=(200 + index % 50, 220, 210)), by, description=f"第{index + 1}页")
