"""Issue 12: the clerk's whole path for a postal request with one correction, in at most 20 page loads besides the
sign-ins (a POST and the page it redirects to count as one). Every step is taken where the case page offers it."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from requests_cms.models import InformationRequest
from tests.requests_cms.delivery_support import pdf_bytes

from .conftest import ARTIFACTS
from .test_notice_journey import WAYBILL, issue_notice, letter_row, message

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
MAX_LOADS = 20


def ago(n):
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def one_button(tab, label, name):
    tab.follow(tab.page.locator(f".action-list button:text-is('{label}')"))
    tab.shot(name)
    assert message(tab.page).startswith("已"), message(tab.page)


def through_form(tab, label, name, fill=None, select=None):
    tab.follow(f".action-list a:text-is('{label}')")
    for selector, value in (select or {}).items():
        tab.page.select_option(selector, value)
    for selector, value in (fill or {}).items():
        tab.page.fill(selector, value)
    tab.follow("#action-form button[type=submit]")
    tab.shot(name)
    assert message(tab.page).startswith("已"), message(tab.page)


def test_a_postal_request_with_a_correction_goes_from_registration_to_its_case_file_in_20_page_loads(
        open_as, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    desk = open_as("registrar", next_path="/requests/new/")
    page = desk.page
    page.select_option("#id_kind", "natural_person")
    page.fill("#id_name", "赵敏")
    page.fill("#id_address", "山西省高平市东城街道建设路8号")
    page.fill("#id_postcode", "048400")
    page.select_option("#id_channel", "post")
    page.select_option("#id_post_kind", "signed")
    page.fill("#id_submitted_on", ago(5))
    page.fill("#id_arrived_on", ago(3))
    page.fill("#id_signed_on", ago(3))
    page.fill("#id_description", "请公开本局2026年校舍维修项目的招标文件。")
    page.select_option("#id_handler", label="陈磊")
    desk.follow("#register-form button[type=submit]")
    desk.shot("registered")
    req = InformationRequest.objects.get()
    case = f"/requests/{req.pk}/"
    one_button(desk, "受理", "accepted")

    handler = open_as("handler", next_path=case)
    through_form(handler, "告知补正", "correction", fill={"#id_items": "请写明所需招标文件的项目名称。"})
    issue_notice(handler, "correction_notice", "correction")
    handler.follow(letter_row(handler.page, "correction_notice").locator("a:text-is('记录送达')"))
    handler.page.select_option("#id_new-method", "post")
    handler.page.fill("#id_new-handed_over_on", ago(0))
    handler.page.fill("#id_new-waybill_number", WAYBILL)
    handler.follow("#deliveries form[action$='/delivery/new/'] button[type=submit]")  # back on the case page
    handler.shot("notice-posted")
    through_form(handler, "收到补正", "corrected", fill={"#id_received_on": ago(0),
                                                         "#id_corrected_description": "北城小学校舍维修项目的招标文件"})
    through_form(handler, "提出办理意见", "opinion", select={"#id_outcome": "partly_disclosed"},
                 fill={"#id_articles": "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
                       "#id_reasons": "招标文件予以公开；投标报价明细涉及第三方商业秘密，不予公开。",
                       "#id_form_of_provision": "纸质，邮寄"})
    one_button(handler, "作出决定并报批", "submitted")

    approver = open_as("approver", next_path=case)
    one_button(approver, "批准", "approved")

    desk.page.reload()
    desk.follow(".action-list a:text-is('送达')")
    page.select_option("#id_new-method", "post")
    page.fill("#id_new-handed_over_on", ago(0))
    page.fill("#id_new-waybill_number", WAYBILL)
    desk.follow("#deliveries form[action$='/delivery/new/'] button[type=submit]")
    reply_delivery = InformationRequest.objects.get(pk=req.pk).deliveries.get(letter__kind="reply")
    item = page.locator(f"#delivery-{reply_delivery.pk}")
    item.locator("summary:text('上传送达回证')").click()
    page.select_option(f"#id_proof-{reply_delivery.pk}-kind", "proof_of_service")
    proof = tmp_path / "送达回证.pdf"
    proof.write_bytes(pdf_bytes("PROOF OF SERVICE"))
    page.set_input_files(f"#id_proof-{reply_delivery.pk}-file", str(proof))
    desk.follow(item.locator("form[action$='/proof/'] button"))
    page.check("#id_close-confirm")
    desk.follow("#close button[type=submit]")
    desk.shot("closed")
    assert InformationRequest.objects.get(pk=req.pk).state == "closed"
    desk.follow("#challenges a:text('导出案卷')")
    desk.follow("#start-export")
    page.locator("#download-pdf").wait_for(state="visible", timeout=60_000)
    desk.shot("casefile")

    loads = desk.loads + handler.loads + approver.loads
    summary = (f"{loads} page loads besides sign-ins "
               f"(desk {desk.loads}, handler {handler.loads}, approver {approver.loads})")
    (ARTIFACTS / "clerks-path-loads.txt").write_text(summary + "\n")
    assert loads <= MAX_LOADS, summary
