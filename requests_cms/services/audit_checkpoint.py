"""Signed checkpoints of every chain head, kept outside the database (AUDIT_CHECKPOINT_DIR, docs/audit.md).

A checkpoint is a file of JSON lines:

    {"kind": "requests_cms.audit_checkpoint", "format": 1, "created_at": ..., "host": ..., "pid": ...,
     "key_id": ..., "max_event_id": ...}                       the header
    {"r": <request id>, "n": <event count>, "m": "<last MAC>"}  one line per request, in request-id order
    {"count": N, "digest": "<sha256 over the head lines>", "mac": "<HMAC over header line + digest>"}

It is written by streaming (bounded memory), to a temporary file renamed into place, under a name unique to the
UTC time, host and process, so several hosts may run `audit_checkpoint` at once. Its heads are sorted, so one
request's head is found by binary search without reading the file.
"""

import hashlib
import hmac
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from requests_cms.models import RequestEvent

from .audit import signing_key, verify_keys

KIND = "requests_cms.audit_checkpoint"
SUFFIX = ".jsonl"


def _dumps(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _trailer_mac(key, header_line, digest, count):
    return hmac.new(key, f"{header_line}\n{digest}\n{count}".encode(), hashlib.sha256).hexdigest()


def checkpoint_dir():
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def chain_heads(chunk_size=5000):
    """(request id, event count, last MAC) of every request with events, in request-id order, streamed."""
    rows = RequestEvent.objects.order_by("request_id", "seq").values_list("request_id", "hash")
    current, count, last = None, 0, None
    for request_id, mac in rows.iterator(chunk_size=chunk_size):
        if request_id != current:
            if current is not None:
                yield current, count, last
            current, count = request_id, 0
        count += 1
        last = mac
    if current is not None:
        yield current, count, last


def write_checkpoint(directory=None, *, now=None):
    """Write a checkpoint of every chain head; returns its path."""
    directory = Path(directory or checkpoint_dir())
    directory.mkdir(parents=True, exist_ok=True)
    key_id, key = signing_key()
    now = now or datetime.now(UTC)
    host = socket.gethostname().replace("/", "_") or "host"
    max_event = RequestEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    header_line = _dumps({"kind": KIND, "format": 1, "created_at": now.isoformat(), "host": host,
                          "pid": os.getpid(), "key_id": key_id, "max_event_id": max_event})
    name = f"checkpoint-{now.strftime('%Y%m%dT%H%M%S.%fZ')}-{host}-{os.getpid()}"
    temporary = directory / f".{name}.tmp"
    digest, count = hashlib.sha256(), 0
    with open(temporary, "w", encoding="utf-8") as out:
        out.write(header_line + "\n")
        # Events newer than max_event_id may be seen too (an action committed meanwhile): harmless, the head is real.
        for request_id, n, mac in chain_heads():
            line = _dumps({"r": request_id, "n": n, "m": mac})
            digest.update(line.encode() + b"\n")
            out.write(line + "\n")
            count += 1
        hexdigest = digest.hexdigest()
        out.write(_dumps({"count": count, "digest": hexdigest,
                          "mac": _trailer_mac(key, header_line, hexdigest, count)}) + "\n")
        out.flush()
        os.fsync(out.fileno())
    final = directory / f"{name}{SUFFIX}"
    os.replace(temporary, final)
    return final


def _parse_head(line):
    """(r, n, m) of a head line as this module writes it: {"m":"<hex>","n":<int>,"r":<int>} (sorted keys)."""
    if line.startswith(b'{"m":"') and len(line) > 80 and line[70:75] == b'","n"':
        n, _, r = line[76:].partition(b',"r":')
        return int(r.rstrip(b"}\n")), int(n), line[6:70].decode()
    head = json.loads(line)
    return head["r"], head["n"], head["m"]


class CheckpointError(ValueError):
    pass


class Checkpoint:
    """A checkpoint file whose signature and digest have been checked."""

    def __init__(self, path, header, count, body_start, body_end):
        self.path, self.header, self.count = Path(path), header, count
        self._body_start, self._body_end = body_start, body_end

    @property
    def created_at(self):
        return datetime.fromisoformat(self.header["created_at"])

    @property
    def max_event_id(self):
        return self.header["max_event_id"]

    def heads(self, start_id=None):
        """(request id, count, MAC) from `start_id` (or the first) on, in request-id order, streamed."""
        with open(self.path, "rb") as f:
            f.seek(self._seek(f, start_id) if start_id is not None else self._body_start)
            remaining = self._body_end - f.tell()
            while remaining > 0:
                line = f.readline()
                remaining -= len(line)
                yield _parse_head(line)

    def head_of(self, request_id):
        """(count, MAC) of one request, or None if it had no events then; by binary search."""
        for rid, n, mac in self.heads(request_id):
            return (n, mac) if rid == request_id else None
        return None

    def _seek(self, f, request_id):
        """Offset of the first head line whose request id is >= request_id (binary search over byte offsets).

        Invariants: every line starting before `lo` has r < request_id; every line starting at or after `hi` has
        r >= request_id.
        """
        lo, hi = self._body_start, self._body_end
        while lo < hi:
            mid = (lo + hi) // 2
            start = self._line_start_at_or_after(f, mid)
            if start >= hi:
                hi = mid
                continue
            f.seek(start)
            line = f.readline()
            if json.loads(line)["r"] < request_id:
                lo = start + len(line)
            else:
                hi = mid
        return self._line_start_at_or_after(f, hi)

    def _line_start_at_or_after(self, f, offset):
        if offset <= self._body_start:
            return self._body_start
        f.seek(offset - 1)
        f.readline()
        return min(f.tell(), self._body_end)


_validated = {}


def load_checkpoint(path, keys=None):
    """Check a checkpoint's digest and signature; returns a Checkpoint or raises CheckpointError (Chinese)."""
    path = Path(path)
    stat = path.stat()
    cache_key = (str(path), stat.st_size, stat.st_mtime_ns)
    if cache_key in _validated:
        return _validated[cache_key]
    keys = keys or verify_keys()
    with open(path, "rb") as f:
        header_raw = f.readline()
        try:
            header = json.loads(header_raw)
        except ValueError as exc:
            raise CheckpointError(f"检查点 {path.name} 格式错误") from exc
        if not isinstance(header, dict) or header.get("kind") != KIND:
            raise CheckpointError(f"检查点 {path.name} 格式错误")
        body_start = f.tell()
        digest, count, body_end, trailer = hashlib.sha256(), 0, body_start, None
        previous = None
        for line in f:
            item = json.loads(line)
            if "r" not in item:
                trailer = item
                break
            if previous is not None and item["r"] <= previous:
                raise CheckpointError(f"检查点 {path.name} 的申请顺序错误")
            previous = item["r"]
            digest.update(line)
            count += 1
            body_end += len(line)
        if trailer is None:
            raise CheckpointError(f"检查点 {path.name} 不完整（缺少签名）")
    key = keys.get(header.get("key_id"))
    if key is None:
        raise CheckpointError(f"检查点 {path.name} 的签名密钥（{header.get('key_id')}）未配置")
    expected = _trailer_mac(key, header_raw.decode().rstrip("\n"), digest.hexdigest(), count)
    if (trailer.get("digest") != digest.hexdigest() or trailer.get("count") != count
            or not hmac.compare_digest(str(trailer.get("mac", "")), expected)):
        raise CheckpointError(f"检查点 {path.name} 签名无效（文件被改动）")
    checkpoint = Checkpoint(path, header, count, body_start, body_end)
    _validated[cache_key] = checkpoint
    return checkpoint


def checkpoint_files(directory=None):
    """Checkpoint files, newest first (their names begin with the UTC time)."""
    directory = Path(directory or checkpoint_dir())
    if not directory.is_dir():
        return []
    return sorted((p for p in directory.glob(f"checkpoint-*{SUFFIX}")), key=lambda p: p.name, reverse=True)


def newest_checkpoint(directory=None, keys=None):
    """(the newest valid Checkpoint or None, [Chinese problems of newer files that did not validate])."""
    problems = []
    for path in checkpoint_files(directory):
        try:
            return load_checkpoint(path, keys), problems
        except (CheckpointError, ValueError, KeyError, OSError) as exc:
            problems.append(str(exc) if isinstance(exc, CheckpointError) else f"检查点 {path.name} 无法读取：{exc}")
    return None, problems
