"""Backup and restore: the database and every stored file with a manifest; restored into a fresh database and
directory, the record verifies (SQLite here; PostgreSQL when DATABASE_URL is postgres)."""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from requests_cms.services.attachments import attachment_upload
from requests_cms.services.audit_checkpoint import write_checkpoint

from .delivery_support import approved, pdf_bytes

ROOT = Path(__file__).resolve().parents[2]
SECRET = "backup-test-audit-signing-key-kept-apart-from-the-database"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(settings, tmp_path, make_request, staff):
    settings.AUDIT_SIGNING_KEY, settings.AUDIT_SIGNING_KEY_ID, settings.AUDIT_VERIFY_KEYS = SECRET, "k1", {}
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    settings.MEDIA_ROOT = tmp_path / "media"
    req = approved(make_request, staff)
    attachment_upload(request=req, by=staff["registrar"], kind="application",
                      uploaded_file=SimpleUploadedFile("申请书.pdf", pdf_bytes("申请书"), "application/pdf"))
    write_checkpoint()
    return req


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of a new, empty database of the engine under test (dropped afterwards)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    auth = f"{db['USER']}{':' + db['PASSWORD'] if db.get('PASSWORD') else ''}"
    server = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args, database, media, checkpoints):
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "MEDIA_ROOT"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(REQUESTS_CMS_TESTING="1", DATABASE_URL=database, MEDIA_ROOT=str(media), AUDIT_SIGNING_KEY=SECRET,
               AUDIT_SIGNING_KEY_ID="k1", AUDIT_CHECKPOINT_DIR=str(checkpoints))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=300)


def test_a_backup_restored_into_a_fresh_site_verifies(site, settings, tmp_path, fresh_database):
    backup = tmp_path / "backup"
    call_command("backup_site", str(backup))
    manifest = json.loads((backup / "manifest.json").read_text())
    paths = {entry["path"] for entry in manifest["files"]}
    attachment = site.attachments.get()
    assert manifest["database"] in paths and f"media/{attachment.file.name}" in paths
    assert all(len(entry["sha256"]) == 64 for entry in manifest["files"])

    restored_media = tmp_path / "restored-media"
    where = {"database": fresh_database, "media": restored_media, "checkpoints": settings.AUDIT_CHECKPOINT_DIR}
    result = manage("restore_site", str(backup), **where)
    assert result.returncode == 0, result.stderr
    assert (restored_media / attachment.file.name).read_bytes() == (settings.MEDIA_ROOT /
                                                                  attachment.file.name).read_bytes()
    result = manage("verify_audit", **where)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "审计记录完好：共检查 1 件申请" in result.stdout and "对照检查点" in result.stdout

    again = manage("restore_site", str(backup), **where)  # never over a live site
    assert again.returncode == 1 and "不是空库" in again.stderr


def test_a_backup_refuses_a_non_empty_directory_and_a_restore_refuses_a_damaged_backup(site, tmp_path,
                                                                                       fresh_database):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(CommandError, match="不是空目录"):
        call_command("backup_site", str(tmp_path / "busy"))
    backup = tmp_path / "backup"
    call_command("backup_site", str(backup))
    damaged = tmp_path / "damaged"
    shutil.copytree(backup, damaged)
    victim = next(p for p in (damaged / "media").rglob("*") if p.is_file())
    victim.write_bytes(b"changed")
    where = {"database": fresh_database, "media": tmp_path / "m", "checkpoints": tmp_path / "c"}
    result = manage("restore_site", str(damaged), **where)
    assert result.returncode == 1 and "与清单不符" in result.stderr
