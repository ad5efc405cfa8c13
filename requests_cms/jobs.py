"""Running background jobs (models/jobs.py) on Celery so that a dead worker never leaves one "running" forever.

- `dispatch` queues a job's task after the transaction that created the row commits.
- `run` claims the row with a conditional UPDATE, heartbeats while the work runs, and records the outcome. A
  message delivered twice (acks_late re-queues it when the worker died) claims nothing once the job is finished.
  A message re-delivered after its own execution died counts as a new attempt; after JOBS_MAX_ATTEMPTS attempts
  the job fails with the reason instead of running again (a file that kills every worker must not loop).
- `reap` (a beat task, and every status poll) re-queues a running job whose heartbeat stopped, or fails it once
  it has used its attempts. With the defaults a killed worker's job is re-queued or failed within 3 minutes.

The user sees the real reason of a failure: the message of a JobError or ValueError (the builders' Chinese
messages, e.g. "定稿PDF与存档摘要不符"), a time-out, or the death of the worker; anything else is logged with its
traceback and shown as an internal error naming its type.
"""

import logging
import os
import socket
import threading
import uuid
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from requests_cms.models.jobs import ACTIVE, JobStatus

log = logging.getLogger(__name__)


class JobError(Exception):
    """A job cannot be done; the message is for the user, in Chinese."""


def max_attempts():
    return settings.JOBS_MAX_ATTEMPTS


def stale_after():
    return timedelta(seconds=settings.JOBS_STALE_SECONDS)


def worker_name():
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


# --- queueing ------------------------------------------------------------------------------------------------------
def dispatch(job, task):
    """Send `task(job.pk)` once the current transaction commits (at once outside one). Returns the job."""
    task_id = str(uuid.uuid4())
    type(job).objects.filter(pk=job.pk).update(task_id=task_id, dispatched_at=timezone.now())
    job.task_id = task_id
    transaction.on_commit(lambda: task.apply_async(args=[job.pk], task_id=task_id))
    return job


# --- running -------------------------------------------------------------------------------------------------------
def claim(model, pk, task_id, now=None):
    """Take the job for this execution; returns its attempt number, or None when there is nothing to run.

    Claimable: a queued job; a running one whose previous execution of this same message died (re-delivered by
    acks_late / reject_on_worker_lost); a running one whose heartbeat stopped. Exactly one UPDATE can win.
    """
    now = now or timezone.now()
    died = Q(status=JobStatus.RUNNING) & (Q(task_id=task_id) | Q(heartbeat_at__lt=now - stale_after()))
    won = model.objects.filter(Q(status=JobStatus.QUEUED) | died, pk=pk, attempts__lt=max_attempts()).update(
        status=JobStatus.RUNNING, attempts=F("attempts") + 1, task_id=task_id, worker=worker_name(),
        started_at=now, heartbeat_at=now, step="开始执行", error="")
    if won:
        return model.objects.values_list("attempts", flat=True).get(pk=pk)
    # Attempts used up by executions that died: say so instead of trying again.
    model.objects.filter(died, pk=pk, attempts__gte=max_attempts()).update(
        status=JobStatus.FAILED, error=died_reason(max_attempts()), finished_at=now)
    return None


def died_reason(attempts):
    return f"执行任务的进程意外终止，已重试{attempts - 1}次；请联系系统管理员查看任务进程的日志"


class Run:
    """One execution of a claimed job: its progress and heartbeat, guarded by the attempt number."""

    def __init__(self, model, pk, attempt):
        self.model, self.pk, self.attempt = model, pk, attempt
        self._last = -1

    def _mine(self):
        return self.model.objects.filter(pk=self.pk, attempts=self.attempt, status=JobStatus.RUNNING)

    def progress(self, percent, step):
        if percent != self._last:
            self._last = percent
            self._mine().update(progress=min(percent, 99), step=step[:100], heartbeat_at=timezone.now())

    def beat(self):
        return self._mine().update(heartbeat_at=timezone.now())

    def finish(self, **fields):
        return self._mine().update(status=JobStatus.DONE, progress=100, step="已完成", finished_at=timezone.now(),
                                   **fields)

    def fail(self, reason):
        return self._mine().update(status=JobStatus.FAILED, error=reason[:2000], finished_at=timezone.now())


class Heartbeat:
    """Beat every JOBS_HEARTBEAT_SECONDS from a thread while a worker runs a job (only in a worker process:
    in the embedded default the job runs in the caller and the poll sees it finish)."""

    def __init__(self, run, enabled):
        self.run, self.enabled = run, enabled
        self._stop = threading.Event()
        self._thread = None

    def __enter__(self):
        if self.enabled:
            self._thread = threading.Thread(target=self._loop, daemon=True, name=f"heartbeat-{self.run.pk}")
            self._thread.start()
        return self

    def _loop(self):
        try:
            while not self._stop.wait(settings.JOBS_HEARTBEAT_SECONDS):
                self.run.beat()
        finally:
            connection.close()

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread:
            self._thread.join()


def failure_reason(exc):
    if isinstance(exc, JobError | ValueError):
        return str(exc)
    if isinstance(exc, SoftTimeLimitExceeded):
        return f"执行超时（超过{settings.JOBS_SOFT_TIME_LIMIT // 60}分钟）已中止；请联系系统管理员"
    return f"执行时发生内部错误（{type(exc).__name__}），已记入服务器日志；请稍后重试，仍失败请联系系统管理员"


def run(model, pk, task_id, work, *, in_worker):
    """Claim job `pk` of `model` and run `work(job, run)`, which returns the fields to store on success."""
    attempt = claim(model, pk, task_id)  # (a worker's stale connections are closed by Celery's Django fix-up)
    if attempt is None:
        log.info("%s %s: nothing to run (finished, taken or out of attempts)", model.__name__, pk)
        return None
    current = Run(model, pk, attempt)
    job = model.objects.get(pk=pk)
    try:
        with Heartbeat(current, in_worker):
            fields = work(job, current)
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row with its reason
        log.exception("%s %s attempt %s failed", model.__name__, pk, attempt)
        current.fail(failure_reason(exc))
        return JobStatus.FAILED
    current.finish(**(fields or {}))
    return JobStatus.DONE


# --- reaping -------------------------------------------------------------------------------------------------------
def reap_job(job, task, now=None):
    """Re-queue (or fail, when its attempts are used) a running job whose heartbeat stopped. True if it acted."""
    now = now or timezone.now()
    model = type(job)
    stale = Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - stale_after(), pk=job.pk)
    if model.objects.filter(stale, attempts__gte=max_attempts()).update(
            status=JobStatus.FAILED, error=died_reason(job.attempts or max_attempts()), finished_at=now):
        return True
    requeued = f"执行进程中断，重新排队（已执行{job.attempts}次）"
    if model.objects.filter(stale).update(status=JobStatus.QUEUED, step=requeued):
        dispatch(job, task)
        return True
    return False


def reap(model, task, now=None):
    """Reap every stale running job of `model`; returns how many were re-queued or failed."""
    now = now or timezone.now()
    stale = model.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=now - stale_after())
    return sum(reap_job(job, task, now) for job in stale.only("pk", "attempts"))


def redispatch_lost(model, task, now=None):
    """Send again a queued job whose message was never taken (a broker restarted without its data)."""
    now = now or timezone.now()
    lost = model.objects.filter(status=JobStatus.QUEUED,
                                dispatched_at__lt=now - timedelta(seconds=settings.JOBS_REDISPATCH_SECONDS))
    jobs = list(lost.only("pk"))
    for job in jobs:
        dispatch(job, task)
    return len(jobs)


def status(job, task):
    """The status dict the page polls; a poll also reaps its own job, so no job stays "running" on the page."""
    if job.status == JobStatus.RUNNING and job.heartbeat_at and job.heartbeat_at < timezone.now() - stale_after():
        reap_job(job, task)
    job.refresh_from_db()
    return {"status": job.status, "label": JobStatus(job.status).label, "progress": job.progress, "step": job.step,
            "error": job.error if job.status == JobStatus.FAILED else "", "active": job.status in ACTIVE}
