"""Uploading scanned documents to a request and downloading them, always after the permission check."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from requests_cms.access import case_for
from requests_cms.forms.documents import UploadForm
from requests_cms.selectors.case import attachment_of
from requests_cms.services.attachments import attachment_upload as upload_service
from requests_cms.services.errors import WorkflowError
from requests_cms.uploads import JPEG, PNG, download_name

INLINE_TYPES = {JPEG, PNG}


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request, pk):
    req = case_for(request.user, pk, write=True)
    form = UploadForm(request.POST or None, request.FILES or None, request_obj=req,
                      initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        try:
            attachment = upload_service(request=req, by=request.user, kind=cd["kind"], uploaded_file=cd["file"],
                                        description=cd["description"])
        except WorkflowError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, f"已上传：{attachment.get_kind_display()}（{attachment.original_name}）")
            return redirect("request_detail", pk=req.pk)
    return render(request, "requests_cms/case_upload.html",
                  {"req": req, "form": form, "max_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)})


@login_required
def attachment_download(request, pk, attachment_pk):
    req = case_for(request.user, pk)
    attachment = attachment_of(req, attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("文件不存在") from exc
    # Only a checked image is shown in the browser, and then in a sandbox that runs nothing; PDFs are downloaded.
    inline = request.GET.get("inline") == "1" and attachment.content_type in INLINE_TYPES
    response = FileResponse(handle, content_type=attachment.content_type, as_attachment=not inline,
                            filename=download_name(attachment))
    if inline:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
