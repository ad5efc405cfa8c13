"""Uploading a scanned document to a request (original application, envelope, proof of service…)."""

from django.core.files.storage import default_storage

from requests_cms.access import UPLOADER
from requests_cms.models import Attachment, AttachmentKind, EventAction, ResponsiveSource
from requests_cms.uploads import UploadRejected, check_upload

from . import responsive
from .errors import WorkflowError
from .runner import run_update


def attachment_upload(*, request, by, kind, uploaded_file, description="", delivery=None, expected_version=None):
    """Check the file by content, store it under MEDIA_ROOT by digest and record an `upload` event.

    Returns the Attachment. Raises WorkflowError (Chinese message) for a refused file or user.
    """
    denied = UPLOADER.reason(request, by)
    if denied:
        raise WorkflowError(denied)
    if kind not in AttachmentKind.values:
        raise WorkflowError("请选择材料类型")
    if delivery is not None and delivery.request_id != request.pk:
        raise WorkflowError("送达记录不属于该申请")
    try:
        content_type, sha256, size = check_upload(uploaded_file)
    except UploadRejected as exc:
        raise WorkflowError(str(exc)) from exc
    original_name = (getattr(uploaded_file, "name", "") or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
    stored = []

    def change(req):
        attachment = Attachment(request=req, delivery=delivery, kind=kind, original_name=original_name,
                                content_type=content_type, size=size, sha256=sha256, description=description[:200],
                                uploaded_by=by)
        attachment.file.save(original_name, uploaded_file, save=False)
        stored.append(attachment.file.name)
        attachment.save()
        if responsive.is_responsive_kind(kind):  # the handler's 提供的信息: a responsive document to redact
            responsive.make_responsive(attachment, by=by, source=ResponsiveSource.HANDLER)
        return attachment

    label = AttachmentKind(kind).label
    try:
        return run_update(request=request, action=EventAction.UPLOAD, by=by, change=change,
                          expected_version=expected_version,
                          note=f"{label}：{original_name}（{size} 字节）",
                          payload={"kind": kind, "sha256": sha256, "size": size, "content_type": content_type})
    except Exception:
        for name in stored:  # the row was rolled back: do not leave an orphan file behind
            default_storage.delete(name)
        raise
