"""Issue 16 in the browser: apply online → the registrar confirms → the applicant looks up the due date with the code →
a correction notice arrives by SMS (file backend) → the reply is delivered electronically and its download recorded →
the case file shows it."""

import json
import os

import pytest
from django.core.cache import cache
from django.utils import timezone

from public.models import OnlineSubmission
from public.tasks import send_applicant_notices
from requests_cms.casefile.documents import collect
from requests_cms.models import Delivery, InformationRequest
from requests_cms.services import decision, delivery, delivery_records, handling, notices
from tests.public.support import RESIDENT_ID, png

from .conftest import Staff

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fresh(req):
    return InformationRequest.objects.get(pk=req.pk)


def look_up(tab, number, code):
    tab.goto("/public/lookup/", "lookup")
    tab.page.fill("#id_number", number)
    tab.page.fill("#id_secret", code)
    tab.follow("main form button[type=submit]")
    tab.shot("progress")


def test_an_applicant_applies_online_follows_the_case_and_downloads_the_reply(chromium, live_server, open_as, staff,
                                                                            education, settings, tmp_path):
    cache.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SMS_BACKEND, settings.SMS_FILE_PATH = "requests_cms.sms.FileBackend", str(tmp_path / "sms.jsonl")
    applicant = Staff(chromium, live_server.url, "public-applicant")
    page = applicant.page
    try:
        applicant.goto(f"/public/agencies/{education.code}/", "guide")
        assert page.locator("figure.flowchart img").is_visible()
        applicant.follow("text=向本机关网上申请")
        page.fill("#id_name", "王小明")
        page.fill("#id_id_number", RESIDENT_ID[:-1] + "1")  # a wrong check digit first
        page.fill("#id_phone", "13812345678")
        page.fill("#id_email", "wxm@example.com")
        page.fill("#id_description", "请公开2026年度高平市义务教育学校划片方案")
        id_file = png()
        page.set_input_files("#id_id_proof", {"name": "id.png", "mimeType": "image/png", "buffer": id_file.read()})
        applicant.follow("main form button[type=submit]")
        applicant.shot("apply-refused")
        assert "公民身份号码校验位不正确" in page.content()
        assert page.input_value("#id_name") == "王小明"
        page.fill("#id_id_number", RESIDENT_ID)
        page.set_input_files("#id_id_proof", {"name": "id.png", "mimeType": "image/png", "buffer": png().read()})
        applicant.follow("main form button[type=submit]")
        applicant.shot("apply-done")
        number = page.inner_text("#submission-number")
        code = page.inner_text("#query-code")
        sub = OnlineSubmission.objects.get(number=number)

        registrar = open_as("registrar")
        registrar.goto("/online/", "online-queue")
        registrar.follow(f"#submission-{sub.pk} form[action$='/confirm/'] button")
        registrar.shot("confirmed")
        sub.refresh_from_db()
        req = sub.request
        assert req.received_on == timezone.localdate() and f"/requests/{req.pk}/" in registrar.page.url

        look_up(applicant, req.number, code)
        assert page.inner_text("#due-date").startswith(f"{req.due_date.year}年{req.due_date.month}月")

        # a correction notice sent electronically: the SMS goes out through the file backend
        req = handling.request_accept(request=fresh(req), by=staff["registrar"])
        req = handling.request_correction(request=req, by=staff["handler"], items="请写明所需文件的名称和年份")
        letter = req.letters.get(kind="correction_notice")
        notices.notice_issue(request=fresh(req), letter=letter, by=staff["handler"])
        delivery_records.delivery_record(request=fresh(req), by=staff["registrar"], method="electronic",
                                         handed_over_on=timezone.localdate(), letter=fresh(req).letters.get(
                                             pk=letter.pk), electronic_address=sub.email)
        send_applicant_notices()
        texts = [json.loads(line)["text"] for line in (tmp_path / "sms.jsonl").read_text().splitlines()]
        assert any("需要您补正申请内容" in t for t in texts), texts

        # the reply, delivered electronically, downloaded from the lookup page
        req = handling.request_receive_correction(request=fresh(req), by=staff["registrar"],
                                                  received_on=timezone.localdate(),
                                                  corrected_description="2026年度义务教育学校划片方案（正式文件）")
        h = staff["handler"]
        req = decision.opinion_propose(request=req, by=h, outcome="disclosed", articles="第三十六条第（二）项",
                                       reasons="予以公开", form_of_provision="电子文档，电子送达")
        req = decision.request_decide(request=req, by=h)
        req = decision.request_submit_for_approval(request=req, by=h)
        req = decision.request_approve(request=req, by=staff["approver"])
        req = delivery.request_deliver(request=fresh(req), by=h, method="electronic",
                                       handed_over_on=timezone.localdate(), electronic_address=sub.email)
        reply = req.letters.get(kind="reply", state="frozen", superseded_by__isnull=True)
        look_up(applicant, req.number, code)
        with page.expect_download() as download:
            page.click(f"a[href$='/public/lookup/letters/{reply.pk}/']")
        assert download.value.suggested_filename.endswith(".pdf")
        assert Delivery.objects.get(letter=reply).received_on == timezone.localdate()
        assert fresh(req).applicant_received_on == timezone.localdate()

        titles = [doc.title for doc in collect(fresh(req))]
        assert "答复送达记录" in titles and "身份证明：网上申请 " + number + " 提交" in titles
        registrar.goto(f"/requests/{req.pk}/", "case-delivered")
        assert "记录申请人收到日期" in registrar.page.content() or "电子送达" in registrar.page.content()
        assert applicant.csp_violations == []
    finally:
        applicant.close()
