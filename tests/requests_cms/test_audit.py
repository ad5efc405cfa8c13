"""The record holds up: every action is a signed row, and the ten direct database edits of the security review are
each named by verify_audit when the attacker has the database and the source but not the key (a checkpoint taken
first). The case page and the case file use the same check."""

import hashlib
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from letters.models import Letter
from requests_cms.casefile.records import audit_trail
from requests_cms.models import Attachment, InformationRequest, RequestEvent
from requests_cms.models.audit import event_mac, legacy_hash
from requests_cms.services import handling, registration
from requests_cms.services.attachments import attachment_upload
from requests_cms.services.audit_checkpoint import checkpoint_files, load_checkpoint, write_checkpoint

from .delivery_support import approved, pdf_bytes

SECRET = "test-audit-signing-key-that-the-attacker-does-not-have"
GUESS = b"insecure-development-audit-key-do-not-use-in-production"  # in the source: what an attacker would try


@pytest.fixture(autouse=True)
def audit_settings(settings, tmp_path):
    settings.AUDIT_SIGNING_KEY, settings.AUDIT_SIGNING_KEY_ID, settings.AUDIT_VERIFY_KEYS = SECRET, "k1", {}
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def accepted(make_request, staff):
    req = make_request(received=timezone.localdate() - timedelta(days=2))
    return handling.request_accept(request=req, by=staff["registrar"], note="材料齐全")


@pytest.fixture
def record(make_request, staff):
    """An approved request (reply frozen on approval) with an upload, another clean request, and a checkpoint."""
    req = approved(make_request, staff)
    attachment_upload(request=req, by=staff["registrar"], kind="application",
                      uploaded_file=SimpleUploadedFile("申请书.pdf", pdf_bytes("申请书"), "application/pdf"))
    other = handling.request_accept(request=make_request(received=timezone.localdate() - timedelta(days=1)),
                                    by=staff["registrar"])
    write_checkpoint()
    return InformationRequest.objects.get(pk=req.pk), other


def verify(*args):
    """(exit status, output) of verify_audit."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify_audit", *args, stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def events_of(req):
    return list(RequestEvent.objects.filter(request=req).order_by("seq"))


def forge(event, **changes):
    """What an attacker with the source but not the key can do: change the row and recompute its MAC with a key
    they guess (the development key in the source) — or the legacy plain SHA-256."""
    for name, value in changes.items():
        setattr(event, name, value)
    event.hash = event_mac(GUESS, event.content())
    RequestEvent._base_manager.filter(pk=event.pk).update(**{"prev_hash": event.prev_hash, **changes,
                                                             "hash": event.hash})
    return event


def sql(statement, params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def reply_of(req):
    return Letter.objects.get(request=req, kind="reply", state="frozen")


def test_each_action_appends_an_event_signed_with_the_key_and_tied_to_the_request(accepted):
    first, second = events_of(accepted)
    assert (first.action, second.action) == ("register", "accept")
    assert second.prev_hash == first.hash and second.key_id == "k1"
    assert second.hash == second.compute_mac(SECRET.encode())
    assert second.anchors["state"] == "accepted" and second.anchors["version"] == accepted.version == 2
    labels = {label for label, _id, _digest in second.anchors["history"]}
    assert "requests_cms.InformationRequest" in labels  # the request's history row written with the action
    assert second.actor_name.startswith("刘芳") and second.from_state == "registered" and second.to_state == "accepted"


def test_the_approval_signs_the_digests_of_the_letter_it_froze(record):
    req, _ = record
    letter = reply_of(req)
    approve = RequestEvent.objects.get(request=req, action="approve")
    assert approve.anchors["letters"] == [[letter.pk, letter.sha256, letter.content_digest()]]
    assert letter.sha256 == hashlib.sha256(bytes(letter.pdf)).hexdigest()


def test_events_cannot_be_changed_or_deleted_through_the_orm(accepted):
    event = RequestEvent.objects.filter(request=accepted).first()
    event.note = "改动"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        RequestEvent.objects.filter(request=accepted).delete()


def test_a_clean_record_passes(record):
    status, out = verify()
    assert status == 0, out
    assert "审计记录完好：共检查 2 件申请" in out and "对照检查点" in out


# --- the ten direct database edits of the security review (issue 13, "What was found" 1) ---

def tamper_note(req):
    sql(f"UPDATE {RequestEvent._meta.db_table} SET note = %s WHERE request_id = %s AND seq = 2", ["事后篡改", req.pk])


def tamper_last_event_deleted_version_left(req):
    sql(f"DELETE FROM {RequestEvent._meta.db_table} WHERE request_id = %s AND seq = %s", [req.pk, req.version])


def tamper_pdf_bytes(req):
    letter = reply_of(req)
    Letter.objects.filter(pk=letter.pk).update(pdf=bytes(letter.pdf).replace(b"%%EOF", b"%%EOF\n% changed"))


def tamper_letter_text(req):
    Letter.objects.filter(pk=reply_of(req).pk).update(text="经篡改的答复正文")


def tamper_pdf_swapped_with_digest(req):
    forged = pdf_bytes("另一份答复")
    Letter.objects.filter(pk=reply_of(req).pk).update(pdf=forged, sha256=hashlib.sha256(forged).hexdigest())


def tamper_state_without_event(req):
    InformationRequest.objects.filter(pk=req.pk).update(state="closed")


def tamper_history_row_deleted(req):
    history = InformationRequest.history.model
    newest = history.objects.filter(id=req.pk).order_by("-history_id").first()
    sql(f"DELETE FROM {history._meta.db_table} WHERE history_id = %s", [newest.history_id])


def tamper_last_event_rewritten_and_rehashed(req):
    """Rewritten and re-hashed the way the source did before keys: a plain SHA-256, key id emptied."""
    last = events_of(req)[-1]
    last.note, last.key_id = "篡改后的记录", ""
    RequestEvent._base_manager.filter(pk=last.pk).update(note=last.note, key_id="", hash=last.compute_hash())


def tamper_last_event_deleted_and_version_decremented(req):
    events = events_of(req)
    sql(f"DELETE FROM {RequestEvent._meta.db_table} WHERE id = %s", [events[-1].pk])
    InformationRequest.objects.filter(pk=req.pk).update(version=req.version - 1, state=events[-2].to_state)


def tamper_middle_event_rewritten_and_chain_rehashed(req):
    events = events_of(req)
    previous = events[1].prev_hash
    for event in events[1:]:
        changes = {"note": "改写的中间记录"} if event.seq == 2 else {}
        forge(event, prev_hash=previous, **changes)
        previous = event.hash


TAMPERS = {
    tamper_note: "内容与签名不符",
    tamper_last_event_deleted_version_left: "版本号",
    tamper_pdf_bytes: "定稿PDF与存档摘要不符",
    tamper_letter_text: "正文与第",
    tamper_pdf_swapped_with_digest: "PDF摘要与第",
    tamper_state_without_event: "状态被直接改动",
    tamper_history_row_deleted: "历史记录（requests_cms.InformationRequest",
    tamper_last_event_rewritten_and_rehashed: "没有密钥签名",
    tamper_last_event_deleted_and_version_decremented: "少于检查点",
    tamper_middle_event_rewritten_and_chain_rehashed: "内容与签名不符",
}


@pytest.mark.parametrize("tamper", TAMPERS, ids=[t.__name__ for t in TAMPERS])
def test_every_direct_database_edit_is_named_by_verify_audit(record, tamper):
    req, other = record
    tamper(req)
    status, out = verify()
    assert status == 1
    lines = [line for line in out.splitlines() if line.startswith(f"{req.number}：")]
    assert any(TAMPERS[tamper] in line for line in lines), out
    assert not any(line.startswith(f"{other.number}：") for line in out.splitlines())  # only the tampered one


def test_a_rehash_with_a_guessed_key_is_caught_as_a_bad_signature(record):
    req, _ = record
    forge(events_of(req)[-1], note="篡改后的批准意见")
    status, out = verify()
    assert status == 1 and f"{req.number}：第{req.version}条记录（上传材料）内容与签名不符" in out


def test_an_edited_upload_and_an_edited_history_row_are_named(record, settings):
    req, _ = record
    attachment = req.attachments.get()
    (settings.MEDIA_ROOT / attachment.file.name).write_bytes(b"%PDF-1.4 replaced")
    history = InformationRequest.history.model
    newest = history.objects.filter(id=req.pk).order_by("-history_id").first()
    history.objects.filter(history_id=newest.history_id).update(description="改过的历史")
    status, out = verify()
    assert status == 1
    assert "文件内容与存档摘要不符" in out and "被改动" in out


def test_a_deleted_request_still_in_the_checkpoint_is_named(record):
    _, other = record
    for table in (RequestEvent._meta.db_table, InformationRequest.history.model._meta.db_table):
        column = "request_id" if table == RequestEvent._meta.db_table else "id"
        sql(f"DELETE FROM {table} WHERE {column} = %s", [other.pk])
    sql("DELETE FROM requests_cms_tallystate WHERE request_id = %s", [other.pk])
    sql(f"DELETE FROM {InformationRequest._meta.db_table} WHERE id = %s", [other.pk])
    status, out = verify()
    assert status == 1 and f"申请#{other.pk}（申请记录已不存在）：申请记录被删除" in out


# --- the case page and the case file use the same check ---

def test_the_case_page_shows_a_red_notice_on_a_record_that_fails(record, client, staff):
    req, other = record
    tamper_state_without_event(req)
    client.force_login(staff["handler"])
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert 'id="audit-alert"' in page and "审计记录校验未通过" in page and "状态被直接改动" in page
    clean = client.get(reverse("request_detail", kwargs={"pk": other.pk})).content.decode()
    assert 'id="audit-alert"' not in clean


def test_the_case_page_checks_uploads_as_rows_and_leaves_their_bytes_to_verify_audit(record, client, staff,
                                                                                        settings, monkeypatch):
    req, _ = record
    attachment = req.attachments.get()
    (settings.MEDIA_ROOT / attachment.file.name).write_bytes(b"%PDF-1.4 replaced")

    def no_file_reads(name):
        raise AssertionError(f"the case page read {name}")

    monkeypatch.setattr("requests_cms.services.audit_verify.storage_digest", no_file_reads)
    client.force_login(staff["handler"])
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert 'id="audit-alert"' not in page
    monkeypatch.undo()
    status, out = verify()
    assert status == 1 and "文件内容与存档摘要不符" in out
    sql(f"UPDATE {Attachment._meta.db_table} SET sha256 = %s WHERE id = %s", ["0" * 64, attachment.pk])
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert 'id="audit-alert"' in page and "摘要不在任何上传记录中" in page


def certificate(req):
    return [text for kind, text in audit_trail(req).blocks if kind == "p" and text.startswith(("哈希链校验", "问题"))]


def test_the_case_file_certifies_a_clean_record(record):
    req, _ = record
    assert certificate(req) == ["哈希链校验：完整，未发现改动"]


def test_the_case_file_never_certifies_what_verify_audit_rejects_and_says_what_is_broken(record):
    req, _ = record
    tamper_last_event_deleted_and_version_decremented(req)
    lines = certificate(InformationRequest.objects.get(pk=req.pk))
    assert lines[0].startswith("哈希链校验：未通过")
    assert any("少于检查点" in line for line in lines[1:])
    assert verify()[0] == 1


# --- keys, checkpoints, incremental mode, streaming ---

def test_a_rotated_key_still_verifies_the_events_it_signed(accepted, settings, staff):
    settings.AUDIT_SIGNING_KEY, settings.AUDIT_SIGNING_KEY_ID = "second-audit-signing-key-after-the-rotation", "k2"
    settings.AUDIT_VERIFY_KEYS = {"k1": SECRET}
    req = registration.request_override_received_on(request=accepted, by=staff["registrar"],
                                                    received_on=accepted.received_on, reason="核对")
    assert [e.key_id for e in events_of(req)] == ["k1", "k1", "k2"]
    assert verify()[0] == 0
    settings.AUDIT_VERIFY_KEYS = {}
    status, out = verify()
    assert status == 1 and "签名密钥（k1）未配置" in out


def test_the_checkpoint_is_signed_unique_per_run_and_a_forged_one_is_refused(record, settings):
    req, other = record
    second = write_checkpoint()
    files = checkpoint_files()
    assert len(files) == 2 and second in files and not list(settings.AUDIT_CHECKPOINT_DIR.glob(".*.tmp"))
    heads = list(load_checkpoint(second).heads())
    assert heads == [(r.pk, r.version, events_of(r)[-1].hash) for r in (req, other)]
    lines = second.read_text().splitlines()
    forged = json.loads(lines[1])
    forged["n"] = 99
    lines[1] = json.dumps(forged)
    second.write_text("\n".join(lines) + "\n")
    status, out = verify()
    assert status == 1 and "签名无效" in out and files[1].name in out  # falls back to the older valid one


def test_head_lookup_by_binary_search_finds_every_request(db, monkeypatch):
    from requests_cms.services import audit_checkpoint

    heads = [(rid, rid % 7 + 1, f"{rid:064x}") for rid in range(5, 3000, 3)]
    monkeypatch.setattr(audit_checkpoint, "chain_heads", lambda: iter(heads))
    checkpoint = load_checkpoint(write_checkpoint())
    for rid, n, mac in heads:
        assert checkpoint.head_of(rid) == (n, mac)
    assert checkpoint.head_of(1) is None and checkpoint.head_of(6) is None and checkpoint.head_of(10**6) is None
    assert next(checkpoint.heads(2000))[0] == 2000


def test_the_incremental_mode_checks_only_requests_whose_chain_grew(record, staff):
    req, other = record
    grown = registration.request_override_received_on(request=other, by=staff["registrar"],
                                                      received_on=other.received_on, reason="核对")
    status, out = verify("--since-checkpoint")
    assert status == 0 and "增量校验：检查点之后有新记录的申请 1 件" in out and "共检查 1 件申请" in out
    sql(f"UPDATE {RequestEvent._meta.db_table} SET note = %s WHERE request_id = %s AND seq = %s",
        ["改", grown.pk, grown.version])
    status, out = verify("--since-checkpoint")
    assert status == 1 and f"{grown.number}：" in out


def test_the_incremental_mode_needs_a_checkpoint(accepted):
    assert verify("--since-checkpoint")[0] == 2


def test_workers_split_the_pass_by_range_and_find_the_same(record):
    req, other = record
    tamper_note(req)
    tamper_state_without_event(other)
    status, out = verify("--workers", "2")
    assert status == 1 and "共检查 2 件申请" in out
    assert f"{req.number}：" in out and f"{other.number}：" in out


def test_verify_audit_reads_in_a_fixed_number_of_queries_whatever_the_number_of_requests(record, make_request,
                                                                                         staff):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert verify()[0] == 0
        return len(captured)

    before = queries()
    for _ in range(6):
        handling.request_accept(request=make_request(), by=staff["registrar"])
    assert queries() == before  # streamed with iterators: no query per request


def test_the_cut_over_re_signs_a_legacy_chain_and_refuses_a_broken_one(accepted, make_request, staff):
    broken = make_request()

    def to_legacy(req):
        previous = "0" * 64
        for event in events_of(req):
            content = {k: v for k, v in event.content().items() if k not in ("key_id", "anchors")}
            content["prev"] = previous
            previous = legacy_hash(content)
            RequestEvent._base_manager.filter(pk=event.pk).update(key_id="", anchors={}, prev_hash=content["prev"],
                                                                  hash=previous)

    to_legacy(accepted)
    to_legacy(broken)
    status, out = verify()
    assert status == 1 and "没有密钥签名" in out
    sql(f"UPDATE {RequestEvent._meta.db_table} SET note = %s WHERE request_id = %s", ["改", broken.pk])
    with pytest.raises(CommandError):
        call_command("audit_sign_legacy")
    status, out = verify()
    assert f"{accepted.number}：" not in out and f"{broken.number}：" in out
    assert all(e.key_id == "k1" and e.anchors["legacy"] for e in events_of(accepted))
