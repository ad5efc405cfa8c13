"""Issue 11 in the browser: a postal request with a correction — the correction notice is drafted at the step, issued,
posted with a waybill, its proof filed, and the case file shows it."""

import io
import os
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from requests_cms.models import InformationRequest
from requests_cms.services import handling
from tests.requests_cms.delivery_support import pdf_bytes

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WAYBILL = "EA123456785CN"


def day(n):
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def message(page):
    return page.locator(".messages").inner_text()


def letter_row(page, kind):
    return page.locator(f"#letters tr[data-letter='{kind}']").first


def issue_notice(tab, kind, name):
    """On the case page: the drafted notice's 签发 button; the row then shows 已签发 and a document number."""
    row = letter_row(tab.page, kind)
    assert row.locator("[data-testid=letter-status]").inner_text() == "已起草"
    tab.follow(row.locator("form[action$='/issue/'] button"))
    tab.shot(f"{name}-issued")
    assert message(tab.page).startswith("已签发"), message(tab.page)
    row = letter_row(tab.page, kind)
    assert row.locator("[data-testid=letter-status]").inner_text() == "已签发"
    return row


def post_notice(tab, kind, name, on=None):
    """From the notice's row to the delivery page, the letter chosen: posted today with a waybill."""
    tab.follow(letter_row(tab.page, kind).locator("a:text-is('记录送达')"))
    page = tab.page
    page.select_option("#id_new-method", "post")
    page.fill("#id_new-handed_over_on", on or day(0))
    page.fill("#id_new-waybill_number", WAYBILL)
    tab.shot(f"{name}-post-form")
    tab.follow("#deliveries form[action$='/delivery/new/'] button[type=submit]")
    tab.shot(f"{name}-posted")
    assert "的送达" in message(page), message(page)
    assert "/delivery/" not in page.url  # saved from the notice's row: back on the case page
    tab.follow("text=送达与邮件跟踪")  # the notice's delivery, its tracking and proof


def test_a_postal_request_with_a_correction_notice_issued_posted_proved_and_filed(open_as, make_request, staff,
                                                                                  tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    req = make_request(received=timezone.localdate() - timedelta(days=3), channel="post", post_kind="ordinary",
                       delivery_method="post")
    req = handling.request_accept(request=req, by=staff["registrar"])
    tab = open_as("handler")
    page = tab.page
    tab.goto(f"/requests/{req.pk}/", "case-accepted")

    # The step drafts the notice from its items; the page warns that the period waits for it.
    tab.follow(".action-list a:text-is('告知补正')")
    tab.follow("#action-form button[type=submit]")  # no items: refused in Chinese
    assert "此项为必填项" in page.locator("#action-form").inner_text()
    page.fill("#id_items", "请写明所需招标文件的项目名称。")
    tab.follow("#action-form button[type=submit]")
    tab.shot("correction-requested")
    assert InformationRequest.objects.get(pk=req.pk).state == "correction_requested"
    warning = page.locator("[data-testid=notice-warnings]").inner_text()
    assert "补正告知书尚未签发" in warning and "发出前该期限不起算" in warning
    assert "补正告知书发出后起算" in page.content()

    row = issue_notice(tab, "correction_notice", "correction")
    number = row.locator("td").nth(1).inner_text()
    assert number == "高教公开补〔2026〕1号"
    assert "已签发但尚未记录送达" in page.locator("[data-testid=notice-warnings]").inner_text()

    # The registrar posts it with a waybill, from the notice's row.
    tab.logout()
    tab.login("registrar")
    tab.goto(f"/requests/{req.pk}/", "case-issued")
    post_notice(tab, "correction_notice", "correction")
    delivery = InformationRequest.objects.get(pk=req.pk).deliveries.get()
    assert delivery.letter.document_number == number and delivery.waybill_number == WAYBILL

    # Its proof: the tracking printout, filed against this delivery.
    item = page.locator(f"#delivery-{delivery.pk}")
    assert number in item.locator("h3").inner_text()
    item.locator("summary:text('上传送达回证')").click()
    page.select_option(f"#id_proof-{delivery.pk}-kind", "tracking_printout")
    proof = tmp_path / "邮件查询记录.pdf"
    proof.write_bytes(pdf_bytes("TRACKING"))
    page.set_input_files(f"#id_proof-{delivery.pk}-file", str(proof))
    tab.follow(item.locator("form[action$='/proof/'] button"))
    assert "已上传" in message(page)

    # The case page: proof filed, no warning; the correction period now runs from the posting day.
    tab.goto(f"/requests/{req.pk}/", "case-proof-filed")
    assert letter_row(page, "correction_notice").locator("[data-testid=letter-status]").inner_text() == "已归档回证"
    assert page.locator("[data-testid=notice-warnings]").count() == 0
    correction = InformationRequest.objects.get(pk=req.pk).corrections.get()
    assert correction.notice_sent_on.isoformat() == day(0) and correction.period_ends_on
    assert correction.period_ends_on.strftime("%Y-%m-%d") in page.content()

    # The case file holds the notice, its delivery record and its proof, in the correction section.
    tab.follow(".case-links a:text('导出案卷')")
    tab.follow("#start-export")
    page.locator("#download-pdf").wait_for(state="visible", timeout=60_000)
    tab.shot("casefile-ready")
    with page.expect_download() as download:
        page.click("#download-pdf")
    with open(download.value.path(), "rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    contents = "\n".join(reader.pages[i].extract_text() for i in range(1, 3))
    notice_at = contents.index(f"（{number}）")
    record_at = contents.index("送达记录：补正告知书")
    proof_at = contents.index("邮件查询记录")
    assert contents.index("补正记录") < notice_at < record_at < proof_at, contents
