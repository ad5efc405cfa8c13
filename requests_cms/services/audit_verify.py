"""Verifying a request's record: one function (`record_problems`) for verify_audit, the case page and the case file.

A request's record is its event chain and what the chain anchors (models/audit.py): the request row's state and
version, its frozen letters (PDF bytes, stored digest, content), its uploads (file bytes against their digest and
their upload events), the simple-history rows written with its actions, and its head in the newest valid checkpoint.
`stream_records` reads all of them for a range of requests in one ordered pass — every table streamed in request-id
order with .iterator(chunk_size) and merged, no query per request, memory bounded by one request's rows.
`verify_request` reads the same for one request (a few queries). docs/audit.md lists every problem reported.
"""

import hashlib
import hmac
import itertools
import json
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import BinaryField, F, Func

from letters.models import LETTER_CONTENT_FIELDS, Letter, LetterState, letter_content_digest
from requests_cms.models import Attachment, EventAction, InformationRequest, RequestEvent
from requests_cms.models.audit import event_content, event_mac

from .audit import GENESIS, verify_keys
from .audit_checkpoint import newest_checkpoint
from .audit_history import digest_expression, digest_in_database, digests_of, request_history_models, row_digest

EVENT_FIELDS = ("request_id", "seq", "action", "actor_id", "actor_name", "at", "from_state", "to_state", "note",
                "due_before", "due_after", "payload", "prev_hash", "hash", "key_id", "anchors")
FROZEN = (LetterState.FROZEN, LetterState.SUPERSEDED)
CHUNK = 2000


@dataclass
class Record:
    """Everything verified about one request, as read from the database (and the checkpoint)."""

    id: int
    number: str | None  # None: the request row is missing
    state: str = ""
    version: int = 0
    events: list = field(default_factory=list)  # tuples in EVENT_FIELDS order, by seq
    letters: list = field(default_factory=list)  # (id, sha256 stored, sha256 of the bytes or None, content digest)
    attachments: list = field(default_factory=list)  # (id, sha256, file name)
    history: dict = field(default_factory=dict)  # {(label, history_id): digest} of the anchored rows found
    head: tuple | None = None  # (count, MAC) in the checkpoint

    @property
    def label(self):
        return self.number or f"申请#{self.id}（申请记录已不存在）"


def record_problems(record, keys, file_digest=None, *, files=True):
    """Chinese descriptions of everything wrong with one request's record; [] when it verifies. With `files` off the
    uploads are checked as rows (each digest in an upload event), not by reading their bytes back."""
    file_digest = file_digest or storage_digest
    problems = []
    if record.number is None:
        problems.append("申请记录被删除，但其办理记录或检查点仍在")
    events = record.events
    previous, anchored_letters, upload_digests = GENESIS, {}, set()
    for row in events:
        (request_id, seq, action, actor_id, actor_name, at, from_state, to_state, note, due_before, due_after,
         payload, prev_hash, mac, key_id, anchors) = row
        where = _Where(seq, action)
        if prev_hash != previous:
            problems.append(f"{where}与上一条记录的链接断开（中间记录被删除、插入或改写）")
        if not key_id:
            problems.append(f"{where}没有密钥签名（旧格式记录，须先运行 audit_sign_legacy）")
        elif key_id not in keys:
            problems.append(f"{where}的签名密钥（{key_id}）未配置，无法校验")
        else:
            content = event_content(
                request_id=request_id, seq=seq, action=action, actor_id=actor_id, actor_name=actor_name, at=at,
                from_state=from_state, to_state=to_state, note=note, due_before=due_before, due_after=due_after,
                payload=payload, prev_hash=prev_hash, key_id=key_id, anchors=anchors)
            if not hmac.compare_digest(event_mac(keys[key_id], content), mac):
                problems.append(f"{where}内容与签名不符（记录被改动）")
        previous = mac
        anchors = anchors or {}
        for letter_id, sha256, content in anchors.get("letters", []):
            anchored_letters[letter_id] = (seq, sha256, content)
        for label, history_id, digest in anchors.get("history", []):
            found = record.history.get((label, history_id))
            if found is None:
                problems.append(f"{where}写入的历史记录（{label} #{history_id}）被删除")
            elif found != digest:
                problems.append(f"{where}写入的历史记录（{label} #{history_id}）被改动")
        if action == EventAction.UPLOAD and isinstance(payload, dict):
            upload_digests.add(payload.get("sha256"))
    for expected, row in enumerate(events, start=1):
        if row[1] != expected:
            problems.append(f"记录序号不连续：应为第{expected}条，实为第{row[1]}条（记录被删除或插入）")
            break
    if record.number is not None:
        problems += _state_problems(record, events)
    problems += _letter_problems(record, anchored_letters)
    for attachment_id, sha256, name in record.attachments:
        actual = file_digest(name) if files else sha256
        if actual is None:
            problems.append(f"上传材料 #{attachment_id} 的文件缺失")
        elif actual != sha256:
            problems.append(f"上传材料 #{attachment_id} 的文件内容与存档摘要不符（文件被改动或替换）")
        if sha256 not in upload_digests:
            problems.append(f"上传材料 #{attachment_id} 的摘要不在任何上传记录中（材料被替换或无记录添加）")
    if record.head is not None:
        count, mac = record.head
        if len(events) < count:
            problems.append(f"记录条数（{len(events)}）少于检查点记载的{count}条：记录被删除")
        elif events[count - 1][EVENT_FIELDS.index("hash")] != mac:
            problems.append(f"第{count}条记录与检查点记载的不同：记录被改写")
    return problems


class _Where:
    """"第n条记录（操作）", formatted only when a problem is reported."""

    __slots__ = ("seq", "action")

    def __init__(self, seq, action):
        self.seq, self.action = seq, action

    def __format__(self, spec):
        return f"第{self.seq}条记录（{EventAction.label_of(self.action)}）"


def _state_problems(record, events):
    if not events:
        return ["没有任何办理记录"]
    last = dict(zip(EVENT_FIELDS, events[-1], strict=True))
    anchors = last["anchors"] or {}
    problems = []
    if record.version != last["seq"] or ("version" in anchors and anchors["version"] != record.version):
        problems.append(f"申请版本号（{record.version}）与记录条数（{last['seq']}）不符：记录被删除或版本号被改动")
    if record.state != last["to_state"] or ("state" in anchors and anchors["state"] != record.state):
        problems.append(f"申请状态（{record.state}）与最后一条记录（{last['to_state']}）不符：状态被直接改动")
    return problems


def _letter_problems(record, anchored):
    problems, seen = [], set()
    for letter_id, stored, actual, content in record.letters:
        seen.add(letter_id)
        name = f"定稿文书 #{letter_id}"
        if actual is None:
            problems.append(f"{name}的定稿PDF缺失")
        elif actual != stored:
            problems.append(f"{name}的定稿PDF与存档摘要不符（PDF被改动）")
        fixed = anchored.get(letter_id)
        if fixed is None:
            problems.append(f"{name}没有批准或签发记录（不是经办理操作定稿的）")
            continue
        seq, sha256, digest = fixed
        if sha256 != stored:
            problems.append(f"{name}的PDF摘要与第{seq}条记录所载不符（PDF及其摘要被替换）")
        if digest != content:
            problems.append(f"{name}的正文与第{seq}条记录所载不符（正文被改动）")
    for letter_id in sorted(set(anchored) - seen):
        problems.append(f"第{anchored[letter_id][0]}条记录所载的定稿文书 #{letter_id} 已不存在或不再是定稿")
    return problems


def storage_digest(name):
    """SHA-256 of a stored file (None if missing), read in chunks."""
    if not name or not default_storage.exists(name):
        return None
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- reading ---

def _letters_query():
    query = Letter.objects.filter(state__in=FROZEN).order_by("request_id", "pk")
    if connection.vendor == "postgresql":  # hash the bytes where they are: no PDF crosses the wire
        query = query.annotate(pdf_digest=Func(F("pdf"), function="sha256", output_field=BinaryField()))
        return query.values_list("request_id", "sha256", "pdf_digest", *LETTER_CONTENT_FIELDS)
    return query.values_list("request_id", "sha256", "pdf", *LETTER_CONTENT_FIELDS)


def _letter_row(row):
    request_id, stored, pdf, *content = row
    if pdf is None:
        actual = None
    elif connection.vendor == "postgresql":
        actual = bytes(pdf).hex()
    else:
        actual = hashlib.sha256(bytes(pdf)).hexdigest()
    return request_id, (content[0], stored, actual, letter_content_digest(content))


def _streams(filter_kwargs):
    """{name: iterator of (request id, item)}, each in request-id order."""
    ids = filter_kwargs.get("ids")
    lo, hi = filter_kwargs.get("lo"), filter_kwargs.get("hi")

    def ranged(query, path):
        if ids is not None:
            query = query.filter(**{f"{path}__in": ids})
        if lo is not None:
            query = query.filter(**{f"{path}__gte": lo})
        if hi is not None:
            query = query.filter(**{f"{path}__lt": hi})
        return query

    events = ranged(RequestEvent.objects.order_by("request_id", "seq"), "request_id").values_list(*EVENT_FIELDS)
    letters = ranged(_letters_query(), "request_id")
    attachments = ranged(Attachment.objects.order_by("request_id", "pk"), "request_id").values_list(
        "request_id", "pk", "sha256", "file")
    streams = {
        "events": _event_items(events),
        "letters": (_letter_row(row) for row in rows_of(letters, 200)),
        "attachments": ((row[0], row[1:]) for row in rows_of(attachments)),
    }
    for label, (history, path, value_fields) in request_history_models().items():
        query = ranged(history.objects.order_by(path, "pk"), path)
        if digest_in_database():
            rows = query.annotate(_digest=digest_expression(history)).values_list(path, "pk", "_digest")
            streams[f"history:{label}"] = _history_items(label, rows)
        else:
            rows = query.values_list(path, *value_fields)
            streams[f"history:{label}"] = _history_rows(label, rows, value_fields.index(history._meta.pk.attname))
    requests = ranged(InformationRequest.objects.order_by("pk"), "pk").values_list("pk", "number", "state",
                                                                                   "version")
    return rows_of(requests), streams


def rows_of(query, chunk=CHUNK):
    """The rows of a values_list query, streamed. On PostgreSQL straight from a server-side cursor (Django's own
    chunked cursor), past the ORM's per-value converters — for a million events they cost more than the check; the
    only column needing one, JSON, is decoded by `_event_items`. Elsewhere the ORM's .iterator(chunk_size)."""
    if connection.vendor != "postgresql":
        yield from query.iterator(chunk_size=chunk)
        return
    sql, params = query.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield from rows


_PAYLOAD, _ANCHORS = EVENT_FIELDS.index("payload"), EVENT_FIELDS.index("anchors")


def _event_items(query):
    raw = connection.vendor == "postgresql"
    for row in rows_of(query):
        if raw and (isinstance(row[_PAYLOAD], str) or isinstance(row[_ANCHORS], str)):
            row = list(row)
            for index in (_PAYLOAD, _ANCHORS):
                if isinstance(row[index], str):
                    row[index] = json.loads(row[index])
            row = tuple(row)
        yield row[0], row


def _history_items(label, rows):
    for request_id, history_id, digest in rows_of(rows):
        yield request_id, (label, history_id, digest)


def _history_rows(label, rows, pk_index):
    for row in rows_of(rows):
        yield row[0], (label, row[1 + pk_index], row_digest(row[1:]))


class _Peek:
    def __init__(self, iterator):
        self._it, self._next = iterator, None
        self._advance()

    def _advance(self):
        self._next = next(self._it, None)

    @property
    def key(self):
        return None if self._next is None else self._next[0]

    def take(self, key):
        """Items of `key`; items of smaller keys (rows whose request is gone) are returned as orphans."""
        items, orphans = [], []
        while self._next is not None and self._next[0] <= key:
            (items if self._next[0] == key else orphans).append(self._next)
            self._advance()
        return items, orphans


def stream_records(*, lo=None, hi=None, ids=None, checkpoint=None):
    """Every Record of the requests in [lo, hi) (or of `ids`), in request-id order, read in one ordered pass."""
    requests, streams = _streams({"lo": lo, "hi": hi, "ids": ids})
    peeks = {name: _Peek(iterator) for name, iterator in streams.items()}
    if checkpoint is None:
        heads = iter(())
    elif ids is not None:
        heads = ((rid, head) for rid in sorted(ids) if (head := checkpoint.head_of(rid)) is not None)
    else:
        heads = ((rid, (n, mac)) for rid, n, mac in
                 itertools.takewhile(lambda head: hi is None or head[0] < hi, checkpoint.heads(lo)))
    peeks["heads"] = _Peek(heads)

    def build(request_id, number, state="", version=0):
        record = Record(id=request_id, number=number, state=state, version=version)
        events, _ = peeks["events"].take(request_id)
        record.events = [row for _rid, row in events]
        wanted = {(label, hid) for row in record.events for label, hid, _d in (row[-1] or {}).get("history", [])}
        for name, peek in peeks.items():
            if name == "events":
                continue
            items, _ = peek.take(request_id)
            if name == "letters":
                record.letters = [item for _rid, item in items]
            elif name == "attachments":
                record.attachments = [item for _rid, item in items]
            elif name == "heads":
                record.head = items[0][1] if items else None
            else:
                for _rid, (label, history_id, digest) in items:
                    if (label, history_id) in wanted:
                        record.history[(label, history_id)] = digest
        return record

    for request_id, number, state, version in requests:
        # Rows of requests that no longer exist come before this one: read them as records of their own.
        while True:
            pending = [p.key for n, p in peeks.items() if n in ("events", "heads") and p.key is not None]
            gone = min(pending) if pending else None
            if gone is None or gone >= request_id:
                break
            record = build(gone, None)
            yield record
        record = build(request_id, number, state, version)
        yield record
    while True:
        pending = [p.key for n, p in peeks.items() if n in ("events", "heads") and p.key is not None]
        if not pending:
            break
        record = build(min(pending), None)
        yield record


def read_record(request_id, checkpoint=None):
    """One request's Record by a few queries (the events, the request, its frozen letters, its uploads, and per
    history table only the rows its events anchor) — the rows stream_records reads for it."""
    row = InformationRequest.objects.filter(pk=request_id).values_list("number", "state", "version").first()
    record = Record(id=request_id, number=row[0] if row else None, state=row[1] if row else "",
                    version=row[2] if row else 0)
    record.events = list(RequestEvent.objects.filter(request_id=request_id).order_by("seq")
                         .values_list(*EVENT_FIELDS))
    record.letters = [_letter_row(r)[1] for r in _letters_query().filter(request_id=request_id)]
    record.attachments = list(Attachment.objects.filter(request_id=request_id).order_by("pk")
                              .values_list("pk", "sha256", "file"))
    wanted = {}
    for event in record.events:
        for label, history_id, _digest in (event[-1] or {}).get("history", []):
            wanted.setdefault(label, set()).add(history_id)
    models = request_history_models()
    for label, history_ids in wanted.items():
        if label in models:
            history = models[label][0]
            for history_id, digest in digests_of(history, history.objects.filter(pk__in=history_ids)):
                record.history[(label, history_id)] = digest
    record.head = checkpoint.head_of(request_id) if checkpoint is not None else None
    return record


def verify_request(request_id, *, keys=None, checkpoint=None, checkpoint_problems=None, files=True):
    """The problems of one request's record (Chinese; [] when it verifies), against the newest valid checkpoint.

    The same `record_problems` verify_audit applies, on the same rows, read for this request alone (`files`: read
    the uploads back and compare their bytes, as verify_audit and the case file do).
    """
    keys = keys or verify_keys()
    if checkpoint is None and checkpoint_problems is None:
        checkpoint, checkpoint_problems = newest_checkpoint(keys=keys)
    return [*(checkpoint_problems or []),
            *record_problems(read_record(request_id, checkpoint), keys, files=files)]
