"""Case-file exports run outside the web request: a job row tracks progress; the files land under MEDIA_ROOT.

`export_start` creates the row and runs the build in a background thread (inline when the database is an
in-memory SQLite one, as in tests, which a second connection could not see). The page polls the row.
"""

import hashlib
import logging
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from requests_cms.models import CaseFileExport, CaseFileStatus, InformationRequest

from .builder import build

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=30)


def export_dir(job):
    return Path(settings.MEDIA_ROOT) / "casefiles" / str(job.request_id) / str(job.pk)


def file_names(req):
    stem = f"{req.number}-案卷"
    return f"{stem}.pdf", f"{stem}-原件.zip"


def write_case_file(req, out_dir, progress=None):
    """Build and write the PDF and ZIP into out_dir; returns (CaseFile, pdf path, zip path)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    case_file = build(req, progress) if progress else build(req)
    pdf_name, zip_name = file_names(req)
    (out_dir / pdf_name).write_bytes(case_file.pdf)
    (out_dir / zip_name).write_bytes(case_file.zip)
    return case_file, out_dir / pdf_name, out_dir / zip_name


def _progress(job_pk):
    state = {"last": -1}

    def report(percent, step):
        if percent != state["last"]:
            state["last"] = percent
            CaseFileExport.objects.filter(pk=job_pk).update(progress=min(percent, 99), step=step[:100])

    return report


def export_run(job_pk):
    """Build the case file of job `job_pk` and record the outcome on the row."""
    job = CaseFileExport.objects.select_related("request").get(pk=job_pk)
    CaseFileExport.objects.filter(pk=job_pk).update(status=CaseFileStatus.RUNNING, step="开始生成")
    try:
        req = InformationRequest.objects.select_related("agency", "applicant").get(pk=job.request_id)
        case_file, pdf, archive = write_case_file(req, export_dir(job), _progress(job_pk))
    except Exception as exc:
        log.exception("case file export %s failed", job_pk)
        CaseFileExport.objects.filter(pk=job_pk).update(status=CaseFileStatus.FAILED, error=str(exc)[:1000],
                                                         finished_at=timezone.now())
        return
    root = Path(settings.MEDIA_ROOT)
    CaseFileExport.objects.filter(pk=job_pk).update(
        status=CaseFileStatus.DONE, progress=100, step="已完成", page_count=case_file.page_count,
        pdf_path=str(pdf.relative_to(root)), zip_path=str(archive.relative_to(root)),
        pdf_sha256=hashlib.sha256(case_file.pdf).hexdigest(), finished_at=timezone.now())


def _in_memory_database():
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _thread_main(job_pk):
    close_old_connections()
    try:
        export_run(job_pk)
    finally:
        connection.close()


def export_start(*, request, by):
    """Queue an export of `request` and start it; returns the job row."""
    job = CaseFileExport.objects.create(request=request, requested_by=by, step="排队中")
    inline = getattr(settings, "CASEFILE_EXPORT_INLINE", None)
    if inline is None:
        inline = _in_memory_database()
    if inline:
        export_run(job.pk)
    else:
        threading.Thread(target=_thread_main, args=(job.pk,), daemon=True, name=f"casefile-{job.pk}").start()
    return job


def job_status(job):
    """Status dict for the polling page; a job that stopped reporting long ago counts as failed."""
    job.refresh_from_db()
    status = job.status
    if status in (CaseFileStatus.QUEUED, CaseFileStatus.RUNNING) and timezone.now() - job.created_at > STALE_AFTER:
        status = CaseFileStatus.FAILED
    return {"status": status, "label": CaseFileStatus(status).label, "progress": job.progress, "step": job.step,
            "pages": job.page_count, "error": "生成失败，请重试" if status == CaseFileStatus.FAILED else ""}
