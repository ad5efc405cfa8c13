"""Uploading scanned documents to a request and downloading them, always after the permission check; and the
redaction pages of its responsive documents (区分处理): page images, boxes, proposals, release, review, the log.

Only staff of the request's agency see a page of an original (access.original_refusal, 403 otherwise); the views
hand every change to services.responsive, which checks the role and records the event.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from requests_cms.access import REDACTOR, case_for, original_refusal
from requests_cms.forms.documents import UploadForm
from requests_cms.forms.redaction import BoxForm, NewVersionForm, ProposalForm, RemoveBoxForm, StepForm
from requests_cms.models import ResponsiveDocument
from requests_cms.selectors.case import attachment_of
from requests_cms.services import responsive
from requests_cms.services.attachments import attachment_upload as upload_service
from requests_cms.services.errors import ConflictError, WorkflowError
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
    if attachment.responsive_versions.exists() and original_refusal(req, request.user):
        raise PermissionDenied(original_refusal(req, request.user))  # an original to redact: the agency's staff only
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


# --- redaction of the responsive documents (区分处理) --------------------------------------------------------
PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def _document(request, pk, doc_pk, *, write=False):
    req = case_for(request.user, pk, write=write)
    refusal = original_refusal(req, request.user)
    if refusal:
        raise PermissionDenied(refusal)
    try:
        return req, responsive.document_of(req, doc_pk)
    except ResponsiveDocument.DoesNotExist as exc:
        raise Http404("没有这份文件") from exc


def _context(req, document, user, **extra):
    pages = range(1, document.page_count + 1)
    boxes = list(document.boxes.select_related("drawn_by"))
    return {
        "req": req, "document": document, "pages": pages, "boxes": boxes,
        "boxes_by_page": {page: [b for b in boxes if b.page == page] for page in pages},
        "log": responsive.log_rows(document), "may_mark": REDACTOR(req, user) and document.is_current
        and not document.is_frozen, "versions": responsive.versions_of(document), **extra,
    }


@login_required
def redaction_page(request, pk, doc_pk):
    req, document = _document(request, pk, doc_pk)
    box_form = BoxForm(initial={"expected_version": req.version, "page": 1})
    proposal_form = ProposalForm(request.GET or None, request_obj=req)
    found = None
    if "terms" in request.GET and proposal_form.is_valid():
        try:
            found = responsive.proposals(document=document, by=request.user, terms=proposal_form.term_list())
        except WorkflowError as exc:
            proposal_form.add_error(None, str(exc))
    return render(request, "requests_cms/redaction.html", _context(
        req, document, request.user, box_form=box_form, proposal_form=proposal_form, found=found))


@login_required
def redaction_review(request, pk, doc_pk):
    """The approver's comparison: each page of the original beside the same page of the released copy."""
    req, document = _document(request, pk, doc_pk)
    return render(request, "requests_cms/redaction_review.html", _context(req, document, request.user))


STEPS = {
    "box": BoxForm,
    "remove": RemoveBoxForm,
    "release": StepForm,
    "new_version": NewVersionForm,
}


@login_required
@require_POST
def redaction_action(request, pk, doc_pk, step):
    if step not in STEPS:
        raise Http404("没有这项操作")
    req, document = _document(request, pk, doc_pk, write=True)
    form = STEPS[step](request.POST, request_obj=req)
    if form.is_valid():
        cd = form.cleaned_data
        try:
            result = _run(step, document, request.user, cd)
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except WorkflowError as exc:
            for reason in exc.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, _done(step, result))
            target = result if isinstance(result, ResponsiveDocument) else document
            return redirect("redaction_page", pk=req.pk, doc_pk=target.pk)
    context = _context(req, document, request.user, proposal_form=ProposalForm(request_obj=req), found=None,
                       box_form=form if step == "box" else BoxForm(initial={"expected_version": req.version}),
                       step_errors=form.non_field_errors() if step != "box" else None,
                       field_errors=[e for f in form for e in f.errors] if step != "box" else None)
    return render(request, "requests_cms/redaction.html", context, status=400)


def _run(step, document, user, cd):
    version = cd["expected_version"]
    if step == "box":
        return responsive.box_add(document=document, by=user, page=cd["page"], left=cd["left"], top=cd["top"],
                                  width=cd["width"], height=cd["height"], reason=cd["reason"],
                                  every_page=cd["every_page"], origin=cd.get("origin") or "hand",
                                  expected_version=version)
    if step == "remove":
        return responsive.box_remove(document=document, by=user, box_pk=cd["box"], expected_version=version)
    if step == "release":
        return responsive.release(document=document, by=user, expected_version=version)
    return responsive.new_version(document=document, by=user, reason=cd["reason"], expected_version=version)


def _done(step, document):
    return {
        "box": "已标注遮盖区域",
        "remove": "已删除遮盖区域",
        "release": f"已生成公开件：共{getattr(document, 'released_pages', '')}页，SHA-256 "
                   f"{getattr(document, 'released_sha256', '')[:12]}…",
        "new_version": f"已建立第{getattr(document, 'version', '')}版，可重新标注",
    }[step]


@login_required
def redaction_page_image(request, pk, doc_pk, which, page):
    """A PNG of one page of the original or of the released copy (cached in default_storage)."""
    if which not in ("original", "released"):
        raise Http404("没有这一页")
    req, document = _document(request, pk, doc_pk)
    if not 1 <= page <= (document.page_count if which == "original" else (document.released_pages or 0)):
        raise Http404("没有这一页")
    render_page = responsive.page_image if which == "original" else responsive.page_image_of_release
    try:
        png = render_page(document=document, user=request.user, page=page)
    except WorkflowError as exc:
        raise Http404(str(exc)) from exc
    return HttpResponse(png, content_type="image/png", headers=PRIVATE)


@login_required
def redaction_released_pdf(request, pk, doc_pk):
    req, document = _document(request, pk, doc_pk)
    if not document.released_sha256:
        raise Http404("尚未生成公开件")
    data = responsive.released_bytes(document)
    response = HttpResponse(data, content_type="application/pdf", headers=PRIVATE)
    response["Content-Disposition"] = f"attachment; filename=released-{document.pk}-v{document.version}.pdf"
    return response


@login_required
def redaction_log_pdf(request, pk):
    """The redaction log of the request's released documents, the annex of the reply."""
    req = case_for(request.user, pk)
    refusal = original_refusal(req, request.user)
    if refusal:
        raise PermissionDenied(refusal)
    pdf, _ = responsive.log_annex_pdf(req)
    response = HttpResponse(pdf, content_type="application/pdf", headers=PRIVATE)
    response["Content-Disposition"] = f"attachment; filename=redaction-log-{req.pk}.pdf"
    return response
