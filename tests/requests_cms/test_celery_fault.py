"""A Celery worker killed (SIGKILL) during a case-file export: the job finishes on a restarted worker or fails with
its reason; it never stays "running".

Real processes: a worker and beat started here against Redis (database 5) and a database of the test's own (a
SQLite file, or a sibling PostgreSQL database when the suite runs on PostgreSQL), since a worker cannot see the
suite's in-memory or uncommitted test data.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
WAIT_SECONDS = 300  # the bound: finished or failed within 5 minutes of the kill

pytestmark = pytest.mark.celery


def _redis_answers():
    import redis

    try:
        return redis.Redis.from_url(BROKER, socket_connect_timeout=1, socket_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture(scope="module")
def broker():
    if not _redis_answers():
        pytest.skip(f"Redis is not reachable at {BROKER}: start redis-server to run the Celery fault tests "
                    "(.ci/run starts it)")
    import redis

    redis.Redis.from_url(BROKER).flushdb()  # database 5 is this suite's own
    return BROKER


class Database:
    """A database for the subprocesses, on the suite's engine: a SQLite file, or a fresh PostgreSQL database."""

    def __init__(self, tmp):
        suite = os.environ.get("DATABASE_URL", "")
        self.postgres = suite.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            parsed = urlparse(suite)
            self.name = f"{parsed.path.lstrip('/') or 'rcms'}_celery_{os.getpid()}"
            self.url = parsed._replace(path=f"/{self.name}").geturl()
            self.admin = parsed._replace(path="/postgres").geturl()
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')
        else:
            self.file = tmp / "db.sqlite3"
            self.url = f"sqlite:///{self.file}"

    def _admin(self, *statements):
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def job(self, pk):
        query = "SELECT status, progress, attempts, worker, error FROM requests_cms_casefileexport WHERE id = "
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url) as conn:
                row = conn.execute(query + "%s", (pk,)).fetchone()
        else:
            with sqlite3.connect(self.file, timeout=20) as conn:
                row = conn.execute(query + "?", (pk,)).fetchone()
        return dict(zip(("status", "progress", "attempts", "worker", "error"), row, strict=True))

    def drop(self):
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Stack:
    def __init__(self, tmp, broker):
        self.tmp, self.db = tmp, Database(tmp)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp), "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "requests_cms.settings", "DEBUG": "1", "DATABASE_URL": self.db.url,
            "CELERY_BROKER_URL": broker, "MEDIA_ROOT": str(tmp / "media"), "LOG_LEVEL": "WARNING",
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp / "beat-schedule"), "FAULT_STEP_SECONDS": "0.3",
            "JOBS_HEARTBEAT_SECONDS": "1", "JOBS_STALE_SECONDS": "6", "JOBS_REAP_SECONDS": "2",
            "JOBS_MAX_ATTEMPTS": "3",
        }
        self.processes = []

    def run(self, *args):
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=self.env, capture_output=True, text=True,
                              timeout=180)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    def spawn(self, name, *args):
        log = (self.tmp / f"{name}.log").open("w")
        process = subprocess.Popen([sys.executable, "-m", "celery", "-A", "tests.requests_cms.celery_fault", *args],
                                   cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append(process)
        return process

    def worker(self, name):
        return self.spawn(name, "worker", "-P", "prefork", "-c", "1", "-n", f"{name}@%h", "--without-gossip",
                          "--without-mingle", "-l", "INFO")

    def ensure_worker(self, name):
        if not any(p.poll() is None and "worker" in p.args for p in self.processes):
            self.worker(name)

    def beat(self):
        return self.spawn("beat", "beat", "-l", "INFO", "-s", str(self.tmp / "beat-schedule"))

    def wait(self, pk, until, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            row = self.db.job(pk)
            if until(row):
                return row
            time.sleep(0.2)
        raise AssertionError(f"job {pk} did not get there in {seconds} s: {self.db.job(pk)}\n{self.logs()}")

    def logs(self):
        return "\n".join(f"--- {p.name}\n{p.read_text()[-2000:]}" for p in sorted(self.tmp.glob("*.log")))

    @staticmethod
    def kill(process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                self.kill(process)
        self.db.drop()


@pytest.fixture(scope="module")
def stack(broker, tmp_path_factory):
    stack = Stack(tmp_path_factory.mktemp("celery-fault"), broker)
    try:
        stack.run("manage.py", "migrate", "--noinput", "-v", "0")
        stack.request_pk = int(stack.run("-m", "tests.requests_cms.celery_fault", "seed"))
        yield stack
    finally:
        stack.stop()


def export(stack):
    return int(stack.run("-m", "tests.requests_cms.celery_fault", "start", str(stack.request_pk)))


def midway(row):
    return row["status"] == "running" and row["progress"] >= 20


def finished(row):
    return row["status"] in ("done", "failed")


def test_a_job_whose_worker_was_killed_finishes_on_a_restarted_worker(stack):
    stack.beat()
    first = stack.worker("first")
    job = export(stack)
    stack.wait(job, midway)
    stack.kill(first)  # the whole worker: no process is left to re-queue its message
    assert stack.db.job(job)["status"] == "running"
    stack.worker("second")
    row = stack.wait(job, finished, seconds=WAIT_SECONDS)
    assert (row["status"], row["progress"], row["error"]) == ("done", 100, ""), stack.logs()
    assert row["attempts"] >= 2
    files = sorted(p.name for p in (stack.tmp / "media" / "casefiles").rglob("*") if p.is_file())
    assert any(name.endswith("-案卷.pdf") for name in files) and any(name.endswith("-原件.zip") for name in files)


def test_a_job_that_kills_its_worker_process_every_time_fails_with_that_reason(stack):
    stack.ensure_worker("third")
    job = export(stack)
    for attempt in (1, 2, 3):  # the process running the job dies on every attempt (as under an OOM kill)
        row = stack.wait(job, lambda r, a=attempt: r["status"] == "running" and r["attempts"] == a and r["progress"])
        os.kill(int(row["worker"].rsplit(":", 1)[1]), signal.SIGKILL)
    row = stack.wait(job, finished, seconds=WAIT_SECONDS)
    assert row["status"] == "failed", stack.logs()
    assert row["error"].startswith("执行任务的进程意外终止，已重试2次")
