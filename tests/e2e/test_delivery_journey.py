"""Issue 6 in the browser: from an approved request to a closed request with proof, and its case file."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from requests_cms.models import InformationRequest
from requests_cms.services import decision, handling
from tests.requests_cms.delivery_support import pdf_bytes

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROOF_PDF = pdf_bytes("PROOF OF SERVICE")  # a whole PDF: uploads must open with pypdf and have pages


def day(n):
    return timezone.localdate() - timedelta(days=n)


def approved_request(make_request, staff):
    req = make_request(received=day(6))
    req = handling.request_accept(request=req, by=staff["registrar"])
    req = decision.opinion_propose(request=req, by=staff["handler"], outcome="disclosed",
                                   articles="《中华人民共和国政府信息公开条例》第三十六条第（二）项",
                                   reasons="属于公开范围", form_of_provision="纸质文本，邮寄送达")
    req = decision.request_decide(request=req, by=staff["handler"])
    req = decision.request_submit_for_approval(request=req, by=staff["handler"])
    return decision.request_approve(request=req, by=staff["approver"])


def message(page):
    return page.locator(".messages").inner_text()


def test_an_approved_reply_is_posted_tracked_proved_closed_and_exported(open_as, make_request, staff, tmp_path,
                                                                         settings):
    settings.MEDIA_ROOT = tmp_path
    req = approved_request(make_request, staff)
    tab = open_as("registrar")
    page = tab.page
    tab.goto(f"/requests/{req.pk}/", "case-approved")
    tab.follow("text=送达与邮件跟踪")
    tab.shot("delivery-empty")
    waybill, e_address = page.locator("#id_new-waybill_number"), page.locator("#id_new-electronic_address")
    page.select_option("#id_new-method", "post")  # only the chosen method's fields show
    assert waybill.is_visible() and not e_address.is_visible()
    page.select_option("#id_new-method", "electronic")
    assert e_address.is_visible() and not waybill.is_visible()

    # A mistyped waybill is refused, the form keeps what was typed.
    page.select_option("#id_new-method", "post")
    page.fill("#id_new-handed_over_on", day(2).isoformat())
    page.fill("#id_new-waybill_number", "EA123456784CN")
    tab.follow("#deliveries form button[type=submit]")
    tab.shot("delivery-bad-waybill")
    assert "校验位不正确" in message(page)
    assert page.input_value("#id_new-waybill_number") == "EA123456784CN"
    page.fill("#id_new-waybill_number", "EA123456785CN")
    tab.follow("#deliveries form button[type=submit]")
    assert "已记录答复书送达" in message(page)
    assert page.get_by_test_id("timeliness").inner_text() == "按期答复"
    delivery_pk = InformationRequest.objects.get(pk=req.pk).deliveries.get().pk

    # The clerk pastes the China Post tracking page.
    item = page.locator(f"#delivery-{delivery_pk}")
    item.locator("summary:text('粘贴邮件跟踪信息')").click()
    page.fill(f"#id_paste-{delivery_pk}-text",
              f"{day(1)} 10:05:17 【高平市米山镇邮政支局】已妥投，签收人：本人\n"
              f"{day(2)} 16:40:01 【高平市邮政分公司揽投部】已离开高平市邮政分公司揽投部，发往晋城市邮件处理中心\n"
              f"{day(2)} 09:12:33 【高平市邮政分公司揽投部】已收寄")
    tab.follow(item.locator("form[action$='/paste/'] button"))
    tab.shot("delivery-tracked")
    assert "已导入跟踪记录2条" in message(page)
    assert page.get_by_test_id("reconsideration-due").inner_text()
    assert page.get_by_test_id("lawsuit-due").inner_text()

    # A scan of the signed proof of service; a file that is not a PDF is refused first.
    item = page.locator(f"#delivery-{delivery_pk}")
    item.locator("summary:text('上传送达回证')").click()
    page.select_option(f"#id_proof-{delivery_pk}-kind", "proof_of_service")
    bad = tmp_path / "回证.pdf"
    bad.write_bytes(b"PK\x03\x04 not a pdf")
    page.set_input_files(f"#id_proof-{delivery_pk}-file", str(bad))
    tab.follow(item.locator("form[action$='/proof/'] button"))
    assert "PDF" in message(page)
    good = tmp_path / "送达回证.pdf"
    good.write_bytes(PROOF_PDF)
    page.select_option(f"#id_proof-{delivery_pk}-kind", "proof_of_service")
    page.set_input_files(f"#id_proof-{delivery_pk}-file", str(good))
    tab.follow(page.locator(f"#delivery-{delivery_pk} form[action$='/proof/'] button"))
    assert "已上传" in message(page)

    # Closing with the proof on file: only the confirmation is asked for, and closing without it is refused.
    assert page.locator("#id_close-no_proof_reason").count() == 0
    tab.follow("#close button[type=submit]")
    assert "请勾选确认后再归档办结" in page.locator("#close").inner_text()
    page.check("#id_close-confirm")
    tab.follow("#close button[type=submit]")
    tab.shot("closed")
    assert "已归档" in message(page)
    assert InformationRequest.objects.get(pk=req.pk).state == "closed"

    # The case file is built while the page shows progress, then downloaded.
    tab.follow("#challenges a:text('导出案卷')")
    tab.follow("#start-export")
    page.locator("#download-pdf").wait_for(state="visible", timeout=30_000)
    tab.shot("casefile-ready")
    with page.expect_download() as download:
        page.click("#download-pdf")
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
