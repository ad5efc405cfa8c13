"""The case file: cover, contents that match the pages, documents in §9 order, originals with a stable manifest."""

import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from requests_cms.casefile.builder import build
from requests_cms.casefile.documents import collect
from requests_cms.models import InformationRequest
from requests_cms.services import delivery as service

from .casefile_support import frozen_letter, scan
from .delivery_support import at, days_ago, pdf_bytes, png_bytes, posted, reply_delivery

ROW = re.compile(r"^(\d+)\.\s*(.+?)\s+(\d+)$")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(make_request, staff):
    """A posted and delivered reply (its letter frozen on approval), two more letters, scans and a proof."""
    req = posted(make_request, staff, on=days_ago(2))
    by = staff["handler"]
    frozen_letter(req, "acknowledgement", "ACK-LETTER", by, number="高教公开登〔2026〕1号", title="登记回执")
    frozen_letter(req, "extension_notice", "EXTENSION-LETTER", by, number="高教公开延〔2026〕3号", pages=2,
                  title="延期答复告知书")
    scan(req, "application", png_bytes(), by, content_type="image/png")
    scan(req, "identity_proof", pdf_bytes("ID"), by, content_type="application/pdf")
    req = service.delivery_add_postal_event(request=req, delivery=reply_delivery(req), by=staff["registrar"],
                                            status="delivered", occurred_at=at(days_ago(1)), signer="本人")
    scan(req, "proof_of_service", pdf_bytes("PROOF"), by, content_type="application/pdf",
         delivery=reply_delivery(req))
    return InformationRequest.objects.get(pk=req.pk)


def contents_rows(reader):
    rows, index = [], 1
    while True:
        lines = reader.pages[index].extract_text().splitlines()
        if not lines or "目" not in lines[0]:
            return rows
        rows += [(m.group(2), int(m.group(3))) for m in map(ROW.match, lines) if m]
        index += 1


def test_the_contents_page_lists_where_each_document_starts(case):
    built = build(case)
    reader = PdfReader(io.BytesIO(built.pdf))
    rows = contents_rows(reader)
    assert [title for title, _ in rows] == [e.title[:38] for e in built.contents]
    assert len(reader.pages) == built.page_count == built.contents[-1].start + built.contents[-1].pages - 1
    for (title, start), entry, doc in zip(rows, built.contents, collect(case), strict=True):
        assert start == entry.start
        text = reader.pages[start - 1].extract_text()
        if doc.pdf is not None:  # a letter or an uploaded PDF: its own first page, unchanged
            assert text == PdfReader(io.BytesIO(doc.pdf)).pages[0].extract_text(), f"{title} not on page {start}"
        else:
            assert title in text, f"{title} does not start on page {start}"
            assert title not in reader.pages[start - 2].extract_text() or start - 1 <= built.contents[0].start


def test_documents_follow_the_order_of_the_case_file_rules(case):
    reply = case.letters.get(kind="reply")
    titles = [e.title for e in build(case).contents]
    order = ["申请书原件", "身份证明", "申请登记信息", "登记回执（高教公开登〔2026〕1号）",
             "延期答复告知书（高教公开延〔2026〕3号）", "办理意见、审核与审批记录",
             f"{reply.title}（{reply.document_number}）", "答复送达记录", "签收的送达回证", "所依据的规定",
             "办理过程时间线", "期限计算说明", "审计记录（哈希链）"]
    assert titles == order


def test_frozen_letters_are_merged_exactly_as_stored(case):
    built = build(case)
    reader = PdfReader(io.BytesIO(built.pdf))
    notice = next(e for e in built.contents if e.title.startswith("延期答复告知书"))
    assert notice.pages == 2
    assert "EXTENSION-LETTER page 2" in reader.pages[notice.start].extract_text()
    archive = zipfile.ZipFile(io.BytesIO(built.zip))
    for letter in case.letters.filter(state="frozen"):
        stored = [f for f in built.manifest["files"] if f["sha256"] == letter.sha256]
        assert len(stored) == 1 and stored[0]["kind"] == f"letter_{letter.kind}"
        assert archive.read(stored[0]["file"]) == bytes(letter.pdf)


def test_the_manifest_lists_every_original_with_its_digest_and_is_the_same_twice(case):
    first, second = build(case), build(case)
    assert first.manifest == second.manifest and first.zip == second.zip
    archive = zipfile.ZipFile(io.BytesIO(first.zip))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest == first.manifest
    assert [sorted(f) for f in manifest["files"]] == [["date", "file", "kind", "sha256"]] * len(manifest["files"])
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["file"])).hexdigest() == entry["sha256"]
    kinds = [f["kind"] for f in manifest["files"]]
    assert kinds == ["application", "identity_proof", "letter_acknowledgement", "letter_extension_notice",
                     "letter_reply", "proof_of_service", "audit_trail"]


def test_the_audit_trail_prints_every_event_with_its_hash(case):
    built = build(case)
    reader = PdfReader(io.BytesIO(built.pdf))
    audit = built.contents[-1]
    text = "".join(reader.pages[i].extract_text() for i in range(audit.start - 1, audit.start - 1 + audit.pages))
    for event in case.events.all():
        assert event.hash in text.replace("\n", "")
    # The fixture stores three scans straight into the table, past the upload action that would have recorded them:
    # the case file does not certify that record, it says what is wrong (test_audit.py: a clean record's certificate).
    assert "未通过" in text and "不在任何上传记录中" in text


def test_the_pdf_embeds_its_fonts_and_never_uses_stsong(case):
    reader = PdfReader(io.BytesIO(build(case).pdf))
    names = set()
    for page in reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            names.add(str(font["/BaseFont"]))
            assert "/FontFile2" in font.get("/FontDescriptor", {}) or font["/Subtype"] == "/Type0"
    assert not any("STSong" in n for n in names)


def test_the_command_writes_the_pdf_and_the_zip(case, tmp_path):
    call_command("export_case_file", case.number, out=str(tmp_path / "out"))
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == [f"{case.number}-案卷-原件.zip", f"{case.number}-案卷.pdf"]


def test_the_command_needs_the_agency_for_an_ambiguous_number(case, tmp_path, make_request, staff, land):
    other = posted(make_request, staff)
    InformationRequest.objects.filter(pk=other.pk).update(number=case.number, agency=land)
    with pytest.raises(CommandError, match="--agency") as excinfo:
        call_command("export_case_file", case.number, out=str(tmp_path))
    assert excinfo.value.returncode == 2
    call_command("export_case_file", case.number, out=str(tmp_path), agency=case.agency.name)
    with pytest.raises(CommandError, match="未找到机关") as excinfo:
        call_command("export_case_file", case.number, out=str(tmp_path), agency="高平市不存在局")
    assert excinfo.value.returncode == 2


def test_the_command_refuses_missing_arguments_with_one_line_and_status_2():
    result = subprocess.run([sys.executable, "manage.py", "export_case_file"], capture_output=True, text=True,
                            env={"DEBUG": "1", "PATH": "/usr/bin:/bin"}, timeout=60)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_the_web_export_reports_progress_and_downloads_only_for_those_who_may_see(client, case, staff,
                                                                                   django_capture_on_commit_callbacks):
    client.force_login(staff["auditor"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("casefile_export", kwargs={"pk": case.pk}))
    job = case.casefile_exports.get()
    assert response.status_code == 302 and f"job={job.pk}" in response["Location"]
    status = client.get(reverse("casefile_status", kwargs={"pk": case.pk, "job_pk": job.pk})).json()
    assert status["status"] == "done" and status["progress"] == 100 and status["pages"] > 10
    page = client.get(response["Location"]).content.decode()
    assert "下载案卷PDF" in page
    pdf = client.get(reverse("casefile_download", kwargs={"pk": case.pk, "job_pk": job.pk, "part": "pdf"}))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(staff["other_handler"])
    assert client.get(reverse("casefile_download", kwargs={"pk": case.pk, "job_pk": job.pk,
                                                           "part": "zip"})).status_code == 404
    assert client.get(reverse("casefile_status", kwargs={"pk": case.pk, "job_pk": job.pk})).status_code == 404


def test_an_unreadable_pdf_upload_gets_a_page_saying_so_and_stays_in_the_zip(case, staff):
    scan(case, "other", b"%PDF-1.4 this is not really a pdf", staff["handler"], content_type="application/pdf")
    built = build(case)
    reader = PdfReader(io.BytesIO(built.pdf))
    other = next(e for e in built.contents if e.title == "其他")
    assert "无法合并显示" in reader.pages[other.start - 1].extract_text()
    assert "other" in [f["kind"] for f in built.manifest["files"]]
