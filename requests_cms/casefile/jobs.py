"""Case-file exports as background jobs: a row tracks progress, a Celery task builds, the files go to storage.

`export_start` creates the row and queues `requests_cms.tasks.casefile_export` (run in the calling process when
no broker is configured). The task runs `export_build` through requests_cms/jobs.py, which claims the row,
heartbeats, re-queues a job whose worker died and records the real reason of a failure. The PDF and the ZIP are
saved through Django's default storage (file system by default, an object store when several servers share it).
"""

import hashlib
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from requests_cms import jobs
from requests_cms.models import CaseFileExport, InformationRequest

from .builder import build


def file_names(req):
    stem = f"{req.number}-案卷"
    return f"{stem}.pdf", f"{stem}-原件.zip"


def write_case_file(req, out_dir, progress=None):
    """Build and write the PDF and ZIP into a local directory (the command line); returns (CaseFile, pdf, zip)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    case_file = build(req, progress) if progress else build(req)
    pdf_name, zip_name = file_names(req)
    (out_dir / pdf_name).write_bytes(case_file.pdf)
    (out_dir / zip_name).write_bytes(case_file.zip)
    return case_file, out_dir / pdf_name, out_dir / zip_name


def storage_prefix(job):
    return f"casefiles/{job.request_id}/{job.pk}/a{job.attempts}"


def export_build(job, run):
    """The work of one attempt: build the case file and store both files; returns the fields of the done row."""
    req = InformationRequest.objects.select_related("agency", "applicant").get(pk=job.request_id)
    run.progress(1, "开始生成")
    case_file = build(req, run.progress)
    run.progress(99, "保存文件")
    pdf_name, zip_name = file_names(req)
    prefix = storage_prefix(job)
    pdf = default_storage.save(f"{prefix}/{pdf_name}", ContentFile(case_file.pdf))
    archive = default_storage.save(f"{prefix}/{zip_name}", ContentFile(case_file.zip))
    return {"page_count": case_file.page_count, "pdf_path": pdf, "zip_path": archive,
            "pdf_sha256": hashlib.sha256(case_file.pdf).hexdigest()}


def export_start(*, request, by):
    """Create the job row of an export of `request` and queue it; returns the row."""
    from requests_cms.tasks import casefile_export

    job = CaseFileExport.objects.create(request=request, requested_by=by, step="排队中")
    return jobs.dispatch(job, casefile_export)


def job_status(job):
    """Status dict for the polling page (a poll also re-queues or fails the job when its worker died)."""
    from requests_cms.tasks import casefile_export

    status = jobs.status(job, casefile_export)
    status["pages"] = job.page_count
    return status
