"""The applicant's whole journey through the test client: apply online → the registrar confirms (receipt date =
confirmation date) → lookup of the due date with the code → a correction notice arrives by SMS (file backend) and is
delivered electronically → the reply is delivered electronically, its first download recorded → the case file and the
event chain show it."""

import json

import pytest
from django.utils import timezone

from public import services
from public.models import OnlineSubmission, SubmissionEvent
from public.tasks import send_applicant_notices
from requests_cms.casefile.documents import collect
from requests_cms.models import Delivery, InformationRequest
from requests_cms.services import decision, delivery, delivery_records, handling, notices

from ..requests_cms.views_support import walk
from .support import code_of, number_of, submit

pytestmark = pytest.mark.django_db


def fresh(req):
    return InformationRequest.objects.get(pk=req.pk)


def test_apply_confirm_look_up_correction_by_sms_and_electronic_reply(client, staff, education, settings,
                                                                     tmp_path):
    settings.SMS_BACKEND = "requests_cms.sms.FileBackend"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    response = submit(client, education)
    sub = OnlineSubmission.objects.get(number=number_of(response))
    code = code_of(response)

    req = services.confirm(submission_pk=sub.pk, agency=education, by=staff["registrar"])
    assert req.received_on == timezone.localdate()
    page = client.post("/public/lookup/", {"number": req.number, "secret": code}).content.decode()
    assert f"{req.due_date.year}年{req.due_date.month}月{req.due_date.day}日" in page

    # a correction notice, issued and sent electronically: the applicant hears by SMS and downloads it
    req = walk(fresh(req), staff, "accepted")
    req = handling.request_correction(request=req, by=staff["handler"], items="请写明所需文件的名称和年份")
    letter = req.letters.get(kind="correction_notice")
    notices.notice_issue(request=fresh(req), letter=letter, by=staff["handler"])
    letter.refresh_from_db()
    delivery_records.delivery_record(request=fresh(req), by=staff["registrar"], method="electronic",
                                     handed_over_on=timezone.localdate(), letter=letter,
                                     electronic_address=sub.email)
    send_applicant_notices()
    sms = [json.loads(line) for line in (tmp_path / "sms.jsonl").read_text().splitlines()]
    assert any("需要您补正申请内容" in m.get("text", "") and m.get("phone") == sub.phone for m in sms), sms

    page = client.post("/public/lookup/", {"number": req.number, "secret": code}).content.decode()
    assert "补正告知书" in page and f"/public/lookup/letters/{letter.pk}/" in page
    download = client.get(f"/public/lookup/letters/{letter.pk}/")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    notice_delivery = Delivery.objects.get(letter=letter)
    assert notice_delivery.sent_at is not None and notice_delivery.received_on == timezone.localdate()

    # the corrected application comes in; the reply goes out electronically and is downloaded
    req = handling.request_receive_correction(request=fresh(req), by=staff["registrar"],
                                              received_on=timezone.localdate(),
                                              corrected_description="请公开2026年度义务教育学校划片方案（正式文件）")
    h = staff["handler"]
    req = decision.opinion_propose(request=req, by=h, outcome="disclosed", articles="第三十六条第（二）项",
                                   reasons="予以公开", form_of_provision="电子文档，电子送达")
    req = decision.request_decide(request=req, by=h)
    req = decision.request_submit_for_approval(request=req, by=h)
    req = decision.request_approve(request=req, by=staff["approver"])
    req = delivery.request_deliver(request=fresh(req), by=staff["handler"], method="electronic",
                                   handed_over_on=timezone.localdate(), electronic_address=sub.email)
    reply = req.letters.get(kind="reply", state="frozen", superseded_by__isnull=True)
    client.post("/public/lookup/", {"number": req.number, "secret": code})
    assert client.get(f"/public/lookup/letters/{reply.pk}/").status_code == 200
    client.get(f"/public/lookup/letters/{reply.pk}/")  # a second download changes no date
    req = fresh(req)
    assert req.applicant_received_on == timezone.localdate()
    assert SubmissionEvent.objects.filter(submission=sub, action="download").count() == 3
    assert req.events.filter(action="record_receipt").count() == 2

    titles = [doc.title for doc in collect(req)]
    assert "答复送达记录" in titles and "审计记录（哈希链）" in titles, titles
    reply_record = next(doc for doc in collect(req) if doc.title == "答复送达记录")
    assert "电子送达" in str(vars(reply_record)), vars(reply_record)
    assert any(t.startswith("送达记录：补正告知书") for t in titles), titles

