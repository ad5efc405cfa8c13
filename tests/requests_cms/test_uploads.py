"""Uploads: checked by content, size-limited, stored by digest under MEDIA_ROOT, served after the access check."""

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from requests_cms.models import Attachment, RequestEvent
from requests_cms.services.attachments import attachment_upload
from requests_cms.services.errors import WorkflowError
from requests_cms.uploads import sniff

from .delivery_support import pdf_bytes
from .views_support import recent_request

PDF = pdf_bytes("ENVELOPE")


def image_bytes(fmt):
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, fmt)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def req(make_request):
    return recent_request(make_request)


def upload(client, req, name, content, kind="envelope"):
    return client.post(reverse("attachment_upload", kwargs={"pk": req.pk}),
                       {"kind": kind, "file": SimpleUploadedFile(name, content, "application/pdf")})


def test_the_sniffer_knows_the_three_kinds_by_their_first_bytes():
    assert sniff(PDF) == "application/pdf"
    assert sniff(image_bytes("JPEG")) == "image/jpeg"
    assert sniff(image_bytes("PNG")) == "image/png"
    assert sniff(b"MZ\x90\x00") is None and sniff(b"GIF89a") is None and sniff(b"") is None


def test_a_png_named_pdf_is_stored_as_png(client, staff, req, media):
    client.force_login(staff["registrar"])
    content = image_bytes("PNG")
    response = upload(client, req, "scan.pdf", content)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.file.name == f"attachments/{req.pk}/{attachment.sha256}"
    assert (media / attachment.file.name).read_bytes() == content
    event = RequestEvent.objects.filter(request=req).order_by("-seq").first()
    assert event.action == "upload" and event.payload["sha256"] == attachment.sha256


def test_an_exe_renamed_pdf_is_refused(client, staff, req):
    client.force_login(staff["registrar"])
    response = upload(client, req, "application.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    assert response.status_code == 200
    assert "只能上传 PDF、JPEG 或 PNG 文件" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_broken_image_is_refused(client, staff, req):
    client.force_login(staff["registrar"])
    response = upload(client, req, "x.png", image_bytes("PNG")[:30])
    assert "图片文件已损坏" in response.content.decode() and not Attachment.objects.exists()


def test_an_oversize_file_is_refused(client, staff, req, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(staff["registrar"])
    response = upload(client, req, "big.pdf", PDF + b"\n" * (1024 * 1024))
    assert "文件过大" in response.content.decode() and not Attachment.objects.exists()


def test_a_download_is_an_attachment_with_nosniff(client, staff, req):
    client.force_login(staff["registrar"])
    upload(client, req, "原件.pdf", PDF, kind="application")
    attachment = Attachment.objects.get()
    client.force_login(staff["auditor"])  # read-only users may read
    response = client.get(reverse("attachment_download", kwargs={"pk": req.pk, "attachment_pk": attachment.pk}))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;") and "filename" in response["Content-Disposition"]


def test_another_agencys_user_gets_404_on_upload_and_download(client, staff, req):
    client.force_login(staff["registrar"])
    upload(client, req, "a.pdf", PDF)
    attachment = Attachment.objects.get()
    client.force_login(staff["other_handler"])
    assert client.get(reverse("attachment_upload", kwargs={"pk": req.pk})).status_code == 404
    assert upload(client, req, "b.pdf", PDF).status_code == 404
    url = reverse("attachment_download", kwargs={"pk": req.pk, "attachment_pk": attachment.pk})
    assert client.get(url).status_code == 404
    assert Attachment.objects.count() == 1


def test_an_attachment_is_only_served_under_its_own_request(client, staff, req, make_request):
    client.force_login(staff["registrar"])
    upload(client, req, "a.pdf", PDF)
    other = recent_request(make_request)
    url = reverse("attachment_download", kwargs={"pk": other.pk, "attachment_pk": Attachment.objects.get().pk})
    assert client.get(url).status_code == 404


def test_read_only_users_cannot_upload(client, staff, req):
    client.force_login(staff["auditor"])
    assert upload(client, req, "a.pdf", PDF).status_code == 403
    with pytest.raises(WorkflowError):
        attachment_upload(request=req, by=staff["auditor"], kind="other",
                          uploaded_file=SimpleUploadedFile("a.pdf", PDF))


def test_the_service_links_a_proof_to_its_delivery(staff, req):
    from .views_support import walk

    req = walk(req, staff, "delivered")
    delivery = req.deliveries.get()
    attachment = attachment_upload(request=req, by=staff["registrar"], kind="proof_of_service",
                                   uploaded_file=SimpleUploadedFile("proof.jpg", image_bytes("JPEG")),
                                   delivery=delivery)
    assert attachment.delivery == delivery and attachment.content_type == "image/jpeg"
    assert req.has_proof_of_service()
