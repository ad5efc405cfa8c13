"""Backup and restore of the whole site: the database and every stored file, with a manifest (docs/audit.md).

    manage.py backup_site DIR     the database (pg_dump custom format on PostgreSQL, the sqlite3 backup API on
                                  SQLite), every file of default_storage (uploads, exports), manifest.json with
                                  the SHA-256 and size of every file in DIR
    manage.py restore_site DIR    checks the manifest, then restores into the configured database and storage,
                                  which must be fresh (no tables, no files): it never overwrites a live site

Frozen letters live in the database (Letter.pdf). The audit checkpoints (AUDIT_CHECKPOINT_DIR) are not copied: they
are kept apart on purpose (WORM storage, another host) and verify a restored site as they verified the original.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection

MANIFEST = "manifest.json"
MEDIA = "media"
FORMAT = "requests_cms.backup/1"


class BackupError(Exception):
    """A refused or failed backup or restore (Chinese message)."""


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env_and_args():
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return env, args, db["NAME"]


def _run(command, env=None):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{result.stderr.strip()[:2000]}")


def storage_names(storage=None, directory=""):
    """Every file name in the storage, walked directory by directory (never all held at once per level only)."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for sub in sorted(directories):
        yield from storage_names(storage, f"{directory}/{sub}" if directory else sub)


def backup_site(target):
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"备份目录 {target} 不是空目录")
    target.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        database = "database.pgdump"
        env, args, name = _pg_env_and_args()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "-f", str(target / database),
              name], env)
    elif connection.vendor == "sqlite":
        database = "database.sqlite3"
        destination = sqlite3.connect(target / database)
        try:
            connection.connection.backup(destination)  # a consistent copy even while the site runs
        finally:
            destination.close()
    else:
        raise BackupError(f"不支持的数据库：{connection.vendor}")
    files = [{"path": database, "sha256": file_sha256(target / database), "size": (target / database).stat().st_size}]
    for name in storage_names():
        destination = target / MEDIA / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
        files.append({"path": f"{MEDIA}/{name}", "sha256": file_sha256(destination),
                      "size": destination.stat().st_size})
    manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(), "engine": connection.vendor,
                "database": database, "files": files}
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def check_manifest(source):
    """The manifest, after checking every file it lists (and that it lists every file); raises BackupError."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"备份目录 {source} 没有可读的 manifest.json") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("manifest.json 不是本系统的备份清单")
    listed = set()
    for entry in manifest["files"]:
        path = source / entry["path"]
        listed.add(entry["path"])
        if not path.is_file():
            raise BackupError(f"备份缺少文件：{entry['path']}")
        if path.stat().st_size != entry["size"] or file_sha256(path) != entry["sha256"]:
            raise BackupError(f"备份文件与清单不符（被改动或损坏）：{entry['path']}")
    present = {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()} - {MANIFEST}
    if present - listed:
        raise BackupError(f"备份目录中有清单未列出的文件：{sorted(present - listed)[0]}")
    return manifest


def restore_site(source):
    source = Path(source)
    manifest = check_manifest(source)
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"备份来自 {manifest['engine']}，目标数据库是 {connection.vendor}")
    if connection.introspection.table_names():
        raise BackupError("目标数据库不是空库：恢复只写入新建的空数据库")
    if any(True for _ in storage_names()):
        raise BackupError("目标文件存储（MEDIA_ROOT）不是空的：恢复只写入新的空目录")
    database = source / manifest["database"]
    if connection.vendor == "postgresql":
        env, args, name = _pg_env_and_args()
        connection.close()
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args, "-d", name, str(database)],
             env)
    else:
        connection.ensure_connection()
        backup = sqlite3.connect(database)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    restored = 0
    for entry in manifest["files"]:
        if not entry["path"].startswith(f"{MEDIA}/"):
            continue
        name = entry["path"][len(MEDIA) + 1:]
        with open(source / entry["path"], "rb") as f:
            saved = default_storage.save(name, File(f))
        if saved != name:
            raise BackupError(f"文件 {name} 恢复后名称变为 {saved}")
        restored += 1
    return manifest, restored
