"""Helpers of the delivery, challenge and case-file tests: requests brought to a step through the services."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from requests_cms.services import decision, delivery, handling

WAYBILL = "EA123456785CN"
PROVIDING = {"already_public", "disclosed", "partly_disclosed"}


def today():
    return timezone.localdate()


def days_ago(n):
    return today() - timedelta(days=n)


def approved(make_request, staff, received=None, outcome="disclosed", **extra):
    """A request received `received` (default 3 days ago), accepted, decided and approved."""
    req = make_request(received=received or days_ago(3))
    req = handling.request_accept(request=req, by=staff["registrar"])
    if outcome in PROVIDING:
        extra.setdefault("form_of_provision", "纸质文本，邮寄送达")
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome=outcome,
                                   articles=extra.pop("articles", "条例第三十六条第（二）项"),
                                   reasons=extra.pop("reasons", "属于公开范围"), **extra)
    req = decision.request_decide(request=req, by=staff["handler"])
    req = decision.request_submit_for_approval(request=req, by=staff["handler"])
    return decision.request_approve(request=req, by=staff["approver"])


def posted(make_request, staff, on=None, received=None, outcome="disclosed"):
    received = received or min(days_ago(3), (on or today()) - timedelta(days=3))
    req = approved(make_request, staff, received=received, outcome=outcome)
    return delivery.request_deliver(request=req, by=staff["registrar"], method="post",
                                    handed_over_on=on or today(), waybill_number=WAYBILL)


def reply_delivery(req):
    return req.deliveries.get(for_reply=True, replaces__isnull=True)


def png_bytes(size=(60, 80), color=(200, 200, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(600, 840), color=(230, 230, 220)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def pdf_bytes(text="送达回证"):
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, text.encode("ascii", "replace").decode())
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def at(day, hour=10, minute=0):
    return timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour, minute))
