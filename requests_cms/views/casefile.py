"""Case-file export from the web: start a background build, poll its progress, download with the permission check."""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from requests_cms.access import case_for
from requests_cms.casefile.jobs import export_start, file_names, job_status
from requests_cms.selectors.case import casefile_job, casefile_jobs


@login_required
@require_http_methods(["GET", "POST"])
def casefile_export(request, pk):
    req = case_for(request.user, pk)  # auditors and oversight may pull a case file too
    if request.method == "POST":
        job = export_start(request=req, by=request.user)
        return redirect(f"{request.path}?job={job.pk}")
    job, recent = casefile_jobs(req, request.GET.get("job"))
    return render(request, "requests_cms/casefile.html", {"req": req, "job": job, "recent": recent})


@login_required
def casefile_status(request, pk, job_pk):
    req = case_for(request.user, pk)
    job = casefile_job(req, job_pk)
    return JsonResponse(job_status(job), json_dumps_params={"ensure_ascii": False})


@login_required
def casefile_download(request, pk, job_pk, part):
    req = case_for(request.user, pk)
    job = casefile_job(req, job_pk, done=True)
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
