"""Background jobs (case-file exports): claimed once, re-queued when their worker died, failed with the real reason."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.urls import reverse

from letters.models import Letter
from requests_cms import jobs
from requests_cms.casefile.jobs import export_start
from requests_cms.models import CaseFileExport, JobStatus
from requests_cms.tasks import casefile_export, jobs_reap

from .casefile_support import frozen_letter

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(make_request, staff):
    req = make_request()
    frozen_letter(req, "acknowledgement", "ACK", staff["handler"], number="高教公开登〔2026〕1号", title="登记回执")
    return req


@pytest.fixture
def queued(case, staff):
    """A job row as a web request leaves it: queued, its message not yet taken by a worker."""
    return CaseFileExport.objects.create(request=case, requested_by=staff["auditor"], task_id="t-1")


def start(case, staff, capture):
    with capture(execute=True):
        job = export_start(request=case, by=staff["auditor"])
    job.refresh_from_db()
    return job


def running_since(job, minutes, attempts=1, task_id="t-1"):
    """Make `job` look like a worker took it and stopped beating `minutes` before NOW."""
    CaseFileExport.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=attempts, task_id=task_id,
                                                    heartbeat_at=NOW - timedelta(minutes=minutes))


def test_without_a_broker_the_export_runs_in_the_calling_process_and_stores_both_files(
        case, staff, django_capture_on_commit_callbacks, settings):
    job = start(case, staff, django_capture_on_commit_callbacks)
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    assert job.pdf_path.startswith(f"casefiles/{case.pk}/{job.pk}/") and job.pdf_path.endswith("-案卷.pdf")
    assert (settings.MEDIA_ROOT / job.pdf_path).read_bytes().startswith(b"%PDF")
    assert (settings.MEDIA_ROOT / job.zip_path).read_bytes().startswith(b"PK")


def test_the_export_goes_through_the_configured_storage_not_the_file_system(
        case, staff, client, django_capture_on_commit_callbacks, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    job = start(case, staff, django_capture_on_commit_callbacks)
    assert not (settings.MEDIA_ROOT / "casefiles").exists()
    client.force_login(staff["auditor"])
    pdf = client.get(reverse("casefile_download", kwargs={"pk": case.pk, "job_pk": job.pk, "part": "pdf"}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert pdf["Content-Disposition"].startswith("attachment")


def test_a_failed_export_shows_its_real_reason_on_the_status_and_the_page(
        case, staff, client, django_capture_on_commit_callbacks):
    Letter.objects.filter(request=case).update(pdf=b"%PDF-1.4 altered bytes")
    job = start(case, staff, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.FAILED and "定稿PDF与存档摘要不符" in job.error
    client.force_login(staff["auditor"])
    status = client.get(reverse("casefile_status", kwargs={"pk": case.pk, "job_pk": job.pk})).json()
    assert status["status"] == "failed" and "定稿PDF与存档摘要不符" in status["error"]
    page = client.get(reverse("casefile_export", kwargs={"pk": case.pk}) + f"?job={job.pk}").content.decode()
    assert "定稿PDF与存档摘要不符" in page and "生成失败，请重试" not in page


def test_an_unexpected_error_is_named_by_its_type_and_not_shown_as_retry(queued, monkeypatch):
    def broken(job, run):
        raise KeyError("internal detail")

    assert jobs.run(CaseFileExport, queued.pk, "t-1", broken, in_worker=False) == JobStatus.FAILED
    queued.refresh_from_db()
    assert "内部错误（KeyError）" in queued.error and "internal detail" not in queued.error


def test_a_time_out_says_so(queued):
    def slow(job, run):
        raise SoftTimeLimitExceeded()

    jobs.run(CaseFileExport, queued.pk, "t-1", slow, in_worker=False)
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED and "执行超时" in queued.error


def test_a_message_delivered_again_after_the_job_finished_builds_nothing(
        case, staff, django_capture_on_commit_callbacks):
    job = start(case, staff, django_capture_on_commit_callbacks)
    calls = []
    assert jobs.run(CaseFileExport, job.pk, job.task_id, lambda j, r: calls.append(j), in_worker=False) is None
    job.refresh_from_db()
    assert calls == [] and (job.status, job.attempts) == (JobStatus.DONE, 1)


def test_a_message_redelivered_because_its_worker_died_is_a_new_attempt(queued):
    running_since(queued, minutes=0)  # the worker died a moment ago: the heartbeat is still fresh
    assert jobs.claim(CaseFileExport, queued.pk, "t-1", now=NOW) == 2
    other = CaseFileExport.objects.create(request=queued.request, task_id="t-2")
    running_since(other, minutes=0, task_id="t-2")
    assert jobs.claim(CaseFileExport, other.pk, "t-9", now=NOW) is None  # a live worker's job is not taken


def test_a_job_whose_worker_died_on_every_attempt_fails_with_that_reason(queued):
    running_since(queued, minutes=0, attempts=3)
    assert jobs.claim(CaseFileExport, queued.pk, "t-1", now=NOW) is None
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED
    assert queued.error.startswith("执行任务的进程意外终止，已重试2次")


def test_the_reaper_requeues_a_silent_job_and_it_finishes_on_the_next_attempt(
        queued, django_capture_on_commit_callbacks):
    running_since(queued, minutes=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.reap(CaseFileExport, casefile_export) == 1
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.progress) == (JobStatus.DONE, 2, 100)
    assert queued.task_id != "t-1"


def test_the_reaper_fails_a_silent_job_that_used_its_attempts(queued, settings):
    running_since(queued, minutes=30, attempts=settings.JOBS_MAX_ATTEMPTS)
    assert jobs_reap() == 1
    queued.refresh_from_db()
    assert queued.status == JobStatus.FAILED and "已重试2次" in queued.error


def test_the_reaper_leaves_a_job_that_is_still_beating(queued):
    running_since(queued, minutes=1)
    assert jobs.reap(CaseFileExport, casefile_export, now=NOW) == 0
    queued.refresh_from_db()
    assert queued.status == JobStatus.RUNNING


def test_a_poll_of_a_job_whose_worker_died_never_shows_it_running(queued, staff, client, settings):
    running_since(queued, minutes=30, attempts=settings.JOBS_MAX_ATTEMPTS)
    client.force_login(staff["auditor"])
    status = client.get(reverse("casefile_status", kwargs={"pk": queued.request_id, "job_pk": queued.pk})).json()
    assert status["status"] == "failed" and status["error"].startswith("执行任务的进程意外终止")


def test_a_superseded_execution_cannot_overwrite_the_new_one(queued):
    assert jobs.claim(CaseFileExport, queued.pk, "t-1") == 1
    old = jobs.Run(CaseFileExport, queued.pk, attempt=1)
    CaseFileExport.objects.filter(pk=queued.pk).update(attempts=2, progress=40)
    old.progress(80, "旧的执行")
    assert old.finish(page_count=1) == 0
    queued.refresh_from_db()
    assert (queued.status, queued.progress) == (JobStatus.RUNNING, 40)


def test_a_queued_job_whose_message_was_lost_is_sent_again(queued, settings, django_capture_on_commit_callbacks):
    CaseFileExport.objects.filter(pk=queued.pk).update(dispatched_at=NOW - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.redispatch_lost(CaseFileExport, casefile_export, now=NOW) == 1
    queued.refresh_from_db()
    assert queued.status == JobStatus.DONE
