"""Responsive documents and their redaction (区分处理): the department's and the handler's 提供的信息 become documents
to redact; boxes with reasons; the engine's release frozen with its digest; the per-page fee from its pages; approval
freezes it and a change needs a new version; the original is for the agency's staff only."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from letters.outcomes import REDACTION_REASONS, redaction_reason
from requests_cms.access import original_refusal
from requests_cms.models import (
    EventAction,
    RedactionBox,
    RequestEvent,
    ResponsiveDocument,
    ResponsiveSource,
    ResponsiveState,
)
from requests_cms.services import attachments, decision, handling, responsive
from requests_cms.services.errors import WorkflowError
from tests.redaction import documents
from tests.redaction.pixels import has_ink, region

from .redaction_support import consulted_request


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def consulted(make_request, staff, officers, departments):
    return consulted_request(make_request, staff, officers, departments)


def mark_proposals(document, by, terms=(documents.NAME,)):
    found = responsive.proposals(document=document, by=by, terms=terms)
    for p in found.proposals:
        document = responsive.box_add(document=document, by=by, page=p.page, left=p.left, top=p.top,
                                      width=p.width, height=p.height, reason="privacy", origin="proposal")
    return document, found


def test_the_reasons_are_tied_to_the_exemption_articles():
    assert [(r.label, r.article.rsplit("》", 1)[1]) for r in REDACTION_REASONS] == [
        ("个人隐私", "第十五条"), ("商业秘密", "第十五条"), ("国家秘密", "第十四条"),
        ("内部事务信息", "第十六条第一款"), ("过程性信息", "第十六条第二款"), ("行政执法案卷信息", "第十六条第二款"),
        ("其他法律、行政法规禁止公开的信息", "第十四条")]
    with pytest.raises(LookupError):
        redaction_reason("whim")


def test_a_departments_document_becomes_a_responsive_document(consulted, officers):
    req, document = consulted
    assert document.source == ResponsiveSource.DEPARTMENT and document.page_count == 1
    assert document.original.routing.department.name == "基础教育股"
    assert document.state == ResponsiveState.MARKING and document.is_current and document.version == 1


def test_the_handlers_supplied_information_upload_becomes_a_responsive_document(make_request, staff):
    req = handling.request_accept(request=make_request(), by=staff["handler"])
    attachments.attachment_upload(request=req, by=staff["handler"], kind="supplied_information",
                                  uploaded_file=SimpleUploadedFile("a.pdf", documents.scanned_pdf().pdf))
    attachments.attachment_upload(request=req, by=staff["handler"], kind="envelope",
                                  uploaded_file=SimpleUploadedFile("b.pdf", documents.scanned_pdf().pdf))
    (document,) = ResponsiveDocument.objects.filter(request=req)
    assert document.source == ResponsiveSource.HANDLER and document.original.original_name == "a.pdf"


def test_the_release_removes_ids_mobiles_and_names_from_a_text_layer(consulted, staff):
    req, document = consulted
    document, found = mark_proposals(document, staff["handler"])
    assert {p.kind for p in found.proposals} >= {"resident_id", "mobile", "term"}
    document = responsive.release(document=document, by=staff["handler"])
    data = responsive.released_bytes(document)
    text = documents.pdftotext(data)
    raw = documents.every_byte(data)
    for known in (documents.RESIDENT_ID, documents.MOBILE, documents.NAME):
        assert known not in text
        assert not any(form in raw for form in documents.encodings(known))
    info = documents.pdfinfo(data)
    assert "Title:" not in info and "Author:" not in info and "Producer:" not in info
    page = documents.render_gray(data)
    for box in document.boxes.all():
        inside = region(page, (box.left, box.top, box.left + box.width, box.top + box.height), shrink_px=2)
        assert inside.max() < 40  # uniform black (JPEG leaves a few grey levels at most)
    assert has_ink(region(page, _place(documents.OPINION)))  # the rest stays legible
    assert document.released_pages == 1 and len(document.released_sha256) == 64
    event = RequestEvent.objects.filter(request=req, action=EventAction.REDACTION_RELEASE).get()
    assert event.payload["sha256"] == document.released_sha256 and event.payload["boxes"] == document.boxes.count()


def _place(known):
    return documents.text_layer_pdf().places[known][0]


def test_a_scan_is_redacted_by_hand_drawn_boxes(make_request, staff, officers, departments):
    scan = documents.scanned_pdf()
    req, document = consulted_request(make_request, staff, officers, departments, pdf=scan.pdf)
    assert responsive.proposals(document=document, by=staff["handler"]).pages_without_text == (1,)
    for known in (documents.RESIDENT_ID, documents.NAME):
        left, top, right, bottom = scan.places[known][0]
        document = responsive.box_add(document=document, by=staff["handler"], page=1, left=left - 0.005,
                                      top=top - 0.005, width=right - left + 0.01, height=bottom - top + 0.01,
                                      reason="privacy")
    document = responsive.release(document=document, by=staff["handler"])
    page = documents.render_gray(responsive.released_bytes(document))
    for known in (documents.RESIDENT_ID, documents.NAME):
        assert region(page, scan.places[known][0], shrink_px=2).max() < 40
    assert has_ink(region(page, scan.places[documents.MOBILE][0]))  # not marked: still there


def test_apply_to_every_page_marks_each_page(make_request, staff, officers, departments):
    req, document = consulted_request(make_request, staff, officers, departments,
                                      pdf=documents.text_layer_pdf(pages=3).pdf)
    responsive.box_add(document=document, by=staff["handler"], page=2, left=0.1, top=0.9, width=0.3, height=0.05,
                       reason="internal_affairs", every_page=True)
    assert sorted(RedactionBox.objects.filter(document=document).values_list("page", flat=True)) == [1, 2, 3]


def test_a_changed_redaction_withdraws_the_released_copy(consulted, staff):
    req, document = consulted
    document = responsive.release(document=document, by=staff["handler"])
    assert document.state == ResponsiveState.RELEASED
    document = responsive.box_add(document=document, by=staff["handler"], page=1, left=0.1, top=0.1, width=0.2,
                                  height=0.1, reason="privacy")
    assert document.state == ResponsiveState.MARKING and document.released_sha256 == ""


@pytest.mark.parametrize(("fields", "message"), [
    ({"reason": ""}, "请为遮盖区域选择理由"),
    ({"page": 2}, "页码须在1至1之间"),
    ({"width": "宽"}, "遮盖区域无效"),
])
def test_bad_boxes_are_refused_and_change_nothing(consulted, staff, fields, message):
    req, document = consulted
    version = req.version
    box = {"page": 1, "left": 0.1, "top": 0.1, "width": 0.2, "height": 0.1, "reason": "privacy", **fields}
    with pytest.raises(WorkflowError, match=message):
        responsive.box_add(document=document, by=staff["handler"], **box)
    req.refresh_from_db()
    assert req.version == version and not RedactionBox.objects.exists()


@pytest.mark.parametrize("role", ["approver", "registrar", "auditor", "other_handler", "oversight"])
def test_only_the_agencys_handler_marks(consulted, staff, role):
    req, document = consulted
    with pytest.raises(WorkflowError):
        responsive.box_add(document=document, by=staff[role], page=1, left=0.1, top=0.1, width=0.2, height=0.1,
                           reason="privacy")
    assert not RedactionBox.objects.exists()


def test_the_original_is_for_the_agencys_staff_only(consulted, staff, officers):
    req, document = consulted
    for role in ("handler", "approver", "registrar", "auditor"):
        assert original_refusal(req, staff[role]) is None
        assert responsive.page_image(document=document, user=staff[role], page=1).startswith(b"\x89PNG")
    for outsider in (staff["other_handler"], staff["oversight"], officers["basic"]):
        assert original_refusal(req, outsider) == "提供的文件原件仅限本机关工作人员查看"
        with pytest.raises(WorkflowError):
            responsive.page_image(document=document, user=outsider, page=1)


def test_the_per_page_fee_counts_the_released_pages(make_request, staff, officers, departments, education):
    education.fee_method = "per_page"
    education.save()
    req, document = consulted_request(make_request, staff, officers, departments,
                                      pdf=documents.text_layer_pdf(pages=35).pdf)
    responsive.release(document=document, by=staff["handler"])
    assert responsive.released_page_total(req) == 35
    req = handling.fee_issue_notice(request=req, by=staff["handler"])
    fee = req.fee_notices.get()
    assert fee.pages == 35 and fee.amount == Decimal(50)  # 5 pages over 30, 10 yuan each


def _to_decision(req, staff):
    return decision.opinion_propose(request=req, by=staff["handler"], outcome="partly_disclosed",
                                    articles="第十五条、第三十七条", reasons="含个人隐私，已作区分处理",
                                    form_of_provision="电子文件，随答复书送达")


def _to_approval(req, staff):
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="partly_disclosed",
                                   articles="第十五条、第三十七条", reasons="含个人隐私，已作区分处理",
                                   form_of_provision="电子文件，随答复书送达")
    req = decision.request_decide(request=req, by=staff["handler"])
    return decision.request_submit_for_approval(request=req, by=staff["handler"])


def test_submission_waits_for_the_released_copy(consulted, staff):
    req, document = consulted
    req = decision.request_decide(request=_to_decision(req, staff), by=staff["handler"])
    with pytest.raises(WorkflowError, match="以下文件尚未生成公开件，不能报批：《学校名单》"):
        decision.request_submit_for_approval(request=req, by=staff["handler"])


def test_a_reply_drafted_before_the_release_is_not_approved(consulted, staff):
    req, document = consulted
    req = decision.request_decide(request=_to_decision(req, staff), by=staff["handler"])
    responsive.release(document=document, by=staff["handler"])
    req = decision.request_submit_for_approval(request=req, by=staff["handler"])
    with pytest.raises(WorkflowError, match="答复书未按已生成的公开件列明提供的文件（应为：《学校名单》，共1页）"):
        decision.request_approve(request=req, by=staff["approver"])
    req.refresh_from_db()
    document.refresh_from_db()
    assert req.state == "pending_approval" and document.state == ResponsiveState.RELEASED


def test_approval_freezes_the_released_copy_and_a_change_needs_a_new_version(consulted, staff):
    req, document = consulted
    document = responsive.release(document=document, by=staff["handler"])
    req = _to_approval(req, staff)
    decision.request_approve(request=req, by=staff["approver"])
    document.refresh_from_db()
    assert document.state == ResponsiveState.APPROVED and document.approved_at is not None
    with pytest.raises(WorkflowError, match="已随答复批准并冻结"):
        responsive.box_add(document=document, by=staff["handler"], page=1, left=0.1, top=0.1, width=0.2,
                           height=0.1, reason="privacy")
    copy = responsive.new_version(document=document, by=staff["handler"], reason="漏遮一处电话")
    document.refresh_from_db()
    assert (copy.version, copy.replaces, copy.state) == (2, document, ResponsiveState.MARKING)
    assert not document.is_current and document.released_sha256  # the frozen version stays as it was
    assert copy.boxes.count() == document.boxes.count()


def _approved_with_marks(consulted, staff):
    req, document = consulted
    document, _ = mark_proposals(document, staff["handler"])
    responsive.release(document=document, by=staff["handler"])
    req = _to_approval(req, staff)
    return decision.request_approve(request=req, by=staff["approver"]), ResponsiveDocument.objects.get(pk=document.pk)


def test_the_reply_lists_the_released_copy_under_the_form_of_provision(consulted, staff):
    req, document = _approved_with_marks(consulted, staff)
    reply = req.letters.get(kind="reply")
    provision = next(line for line in reply.text.splitlines() if "提供信息的形式和途径" in line)
    assert "随本答复书提供经区分处理的文件1份：《学校名单》，共1页" in provision
    assert "区分处理记录" in provision


def test_the_log_annex_names_reasons_and_articles_but_never_the_content(consulted, staff):
    req, document = _approved_with_marks(consulted, staff)
    pdf, pages = responsive.log_annex_pdf(req)
    text = documents.pdftotext(pdf)
    assert pages == 1 and "区分处理记录" in text
    assert text.count("个人隐私") == document.boxes.count() and "第十五条" in text and "陈磊" in text
    for known in (documents.RESIDENT_ID, documents.MOBILE, documents.NAME):
        assert known not in text


def test_the_case_file_holds_the_released_copy_and_the_log(consulted, staff):
    from requests_cms.casefile.documents import collect

    req, document = _approved_with_marks(consulted, staff)
    held = {doc.kind: doc for doc in collect(req)}
    assert held["released_copy"].sha256 == document.released_sha256
    assert held["released_copy"].pdf == responsive.released_bytes(document)
    assert any("个人隐私" in text for _, text in held["redaction_log"].blocks)


def test_the_reply_is_delivered_with_the_released_copy_and_the_log(consulted, staff, client):
    from django.urls import reverse

    from requests_cms.services import delivery

    from .views_support import days_ago

    req, document = _approved_with_marks(consulted, staff)
    req = delivery.request_deliver(request=req, by=staff["handler"], method="electronic", handed_over_on=days_ago(0),
                                   electronic_address="zhang@example.cn")
    event = RequestEvent.objects.filter(request=req, action=EventAction.DELIVER).get()
    titles = [item["title"] for item in event.payload["enclosures"]]
    assert titles == ["《学校名单》公开件（第1版，1页）", f"区分处理记录（{document.boxes.count()}处遮盖）"]
    assert event.payload["enclosures"][0]["sha256"] == document.released_sha256
    assert "随答复书送达：《学校名单》公开件" in event.note
    client.force_login(staff["handler"])
    page = client.get(reverse("delivery_panel", kwargs={"pk": req.pk})).content.decode()
    assert "随答复书送达的附件" in page and reverse("redaction_log_pdf", kwargs={"pk": req.pk}) in page
