"""Case-file export from the web: start a background build, poll its progress, download with the permission check."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from requests_cms.casefile.jobs import export_start, file_names, job_status
from requests_cms.models import CaseFileExport, CaseFileStatus

from .common import case_for


@login_required
@require_http_methods(["GET", "POST"])
def casefile_export(request, pk):
    req = case_for(request.user, pk)  # auditors and oversight may pull a case file too
    if request.method == "POST":
        job = export_start(request=req, by=request.user)
        return redirect(f"{request.path}?job={job.pk}")
    jobs = CaseFileExport.objects.filter(request=req).order_by("-created_at", "-id")
    job = jobs.filter(pk=request.GET.get("job")).first() if request.GET.get("job", "").isdigit() else None
    return render(request, "requests_cms/casefile.html", {
        "req": req, "job": job, "recent": jobs.filter(status=CaseFileStatus.DONE)[:5]})


@login_required
def casefile_status(request, pk, job_pk):
    req = case_for(request.user, pk)
    job = get_object_or_404(CaseFileExport, pk=job_pk, request=req)
    return JsonResponse(job_status(job), json_dumps_params={"ensure_ascii": False})


@login_required
def casefile_download(request, pk, job_pk, part):
    req = case_for(request.user, pk)
    job = get_object_or_404(CaseFileExport, pk=job_pk, request=req, status=CaseFileStatus.DONE)
    relative = {"pdf": job.pdf_path, "zip": job.zip_path}.get(part)
    if not relative:
        raise Http404("没有该文件")
    try:
        handle = default_storage.open(relative, "rb")
    except FileNotFoundError as exc:
        raise Http404("文件不存在") from exc
    pdf_name, zip_name = file_names(req)
    content_type = "application/pdf" if part == "pdf" else "application/zip"
    response = FileResponse(handle, content_type=content_type, as_attachment=True,
                            filename=pdf_name if part == "pdf" else zip_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
