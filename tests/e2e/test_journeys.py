"""Whole journeys as staff walk them, in a real browser (issue 5: how it is checked)."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from requests_cms.models import InformationRequest
from requests_cms.services import decision, handling

from .test_notice_journey import issue_notice, post_notice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def ago(n):
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def do_action(tab, label, name, fill=None, select=None):
    """Take the action from the case page: a confirmation with its one button there, anything else through its
    form; either way back on the case page."""
    inline = tab.page.locator(f".action-list button:text-is('{label}')")
    if inline.count() and not (fill or select):
        tab.follow(inline)
        tab.shot(f"{name}-done")
        assert tab.page.locator(".messages").inner_text().startswith("已"), tab.page.content()[-2000:]
        return
    if inline.count():  # a one-button step with something to add: its own page, next to the button
        button = tab.page.locator(f"button:text-is('{label}')")
        tab.follow(tab.page.locator(".action-list li").filter(has=button).locator("a[data-action-page]"))
    else:
        tab.follow(f".action-list a:text-is('{label}')")
    for selector, value in (select or {}).items():
        tab.page.select_option(selector, value)
    for selector, value in (fill or {}).items():
        tab.page.fill(selector, value)
    tab.shot(f"{name}-form")
    tab.follow("#action-form button[type=submit]")
    tab.shot(f"{name}-done")
    assert tab.page.locator(".messages").inner_text().startswith("已完成"), tab.page.content()[-2000:]


def state_of(number):
    return InformationRequest.objects.get(number=number).state


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(out, "PNG")
    return out.getvalue()


def test_a_postal_request_from_registration_to_delivery(open_as, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    tab = open_as("registrar")
    tab.goto("/requests/new/", "register-empty")
    page = tab.page
    page.select_option("#id_kind", "natural_person")
    page.fill("#id_name", "赵敏")
    page.fill("#id_address", "山西省高平市东城街道建设路8号")
    page.fill("#id_postcode", "048400")
    page.fill("#id_phone", "13900001111")
    page.select_option("#id_channel", "post")
    page.select_option("#id_post_kind", "signed")
    assert page.locator("#wrap_confirmed_on").is_hidden() and page.locator("#wrap_signed_on").is_visible()
    page.fill("#id_submitted_on", ago(14))
    page.fill("#id_arrived_on", ago(12))
    page.fill("#id_description", "  请公开<本局>校舍维修项目的招标文件。")
    tab.follow("#register-form button[type=submit]")  # the signing date is missing: refused, nothing lost
    tab.shot("register-error")
    assert "需签收的邮件须填写签收日期" in page.locator("#wrap_signed_on").inner_text()
    assert page.input_value("#id_name") == "赵敏" and page.input_value("#id_arrived_on") == ago(12)
    assert page.input_value("#id_description") == "  请公开<本局>校舍维修项目的招标文件。"
    page.fill("#id_signed_on", ago(11))
    page.locator("#receipt-date").filter(has_text=ago(11)).wait_for()
    assert "签收之日" in page.locator("#receipt-preview").inner_text()
    page.fill("#id_description", "请公开本局2026年校舍维修项目的招标文件及中标结果。")
    page.select_option("#id_requested_form", "paper")
    page.select_option("#id_delivery_method", "post")
    page.select_option("#id_handler", label="陈磊")
    tab.shot("register-filled")
    tab.follow("#register-form button[type=submit]")
    tab.shot("case-registered")
    number = page.locator("h1").inner_text().split()[0]
    req = InformationRequest.objects.get(number=number)
    assert req.received_on.isoformat() == ago(11) and req.channel == "post" and req.post_kind == "signed"
    assert "生成并预览登记回执" in page.content()

    tab.follow("#attachments a:text-is('上传材料')")
    page.select_option("#id_kind", "envelope")
    page.set_input_files("#id_file", {"name": "信封.pdf", "mimeType": "application/pdf", "buffer": png_bytes()})
    tab.shot("upload-form")
    tab.follow("form.action-form button[type=submit]")
    assert "信封：信封.pdf" in page.locator("#attachments").inner_text()
    assert req.attachments.get().content_type == "image/png"  # judged by content, not by name or declared type

    do_action(tab, "受理", "accept")
    tab.logout()
    tab.login("handler")
    tab.goto(f"/requests/{req.pk}/", "case-accepted")
    do_action(tab, "告知补正", "correction", fill={"#id_items": "请写明所需招标文件的项目名称。"},
              select={"#id_late_consent_by": "郭慧"})  # received 11 days ago: past REG 30's 7 workdays
    assert state_of(number) == "correction_requested"
    assert "期限停止计算" in page.content()
    issue_notice(tab, "correction_notice", "correction")  # the period counts from the notice's posting
    post_notice(tab, "correction_notice", "correction")
    tab.goto(f"/requests/{req.pk}/", "case-correction-posted")
    do_action(tab, "收到补正", "receive-correction", fill={"#id_received_on": ago(0),
                                                           "#id_corrected_description": "北城小学校舍维修项目"})
    do_action(tab, "征求意见", "consult", select={"#id_party_kind": "third_party"},
              fill={"#id_party_name": "山西某建筑工程有限公司", "#id_information": "投标报价明细"})
    assert state_of(number) == "consulting"
    issue_notice(tab, "third_party_consultation", "consultation")
    post_notice(tab, "third_party_consultation", "consultation")
    tab.goto(f"/requests/{req.pk}/", "case-consultation-posted")
    do_action(tab, "记录征求意见答复", "consult-reply", select={"#id_answer": "object"},
              fill={"#id_answered_on": ago(0), "#id_reasons": "投标报价明细属于商业秘密，不同意公开。"})
    do_action(tab, "结束征求意见", "finish-consultation")
    tab.follow(".action-list a:text-is('提出办理意见')")
    page.select_option("#id_outcome", "partly_disclosed")
    expect(page.locator("#id_articles")).to_have_value(re.compile("第三十七条"))  # from the rulebook
    page.go_back()
    do_action(tab, "提出办理意见", "opinion", select={"#id_outcome": "partly_disclosed"},
              fill={"#id_articles": "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
                    "#id_reasons": "招标文件和中标结果予以公开；投标报价明细涉及第三方商业秘密，不予公开。",
                    "#id_form_of_provision": "纸质，邮寄"})
    do_action(tab, "作出决定并报批", "decide")  # one click, two events
    assert state_of(number) == "pending_approval"
    tab.logout()
    tab.login("approver")
    tab.goto(f"/requests/{req.pk}/", "case-pending-approval")
    do_action(tab, "批准", "approve", fill={"#id_comment": "同意。"})
    assert state_of(number) == "approved"
    tab.logout()
    tab.login("registrar")
    tab.goto(f"/requests/{req.pk}/", "case-approved")
    tab.follow(".action-list a:text-is('送达')")  # the delivery page, with the reply's form open
    page.select_option("#id_new-method", "post")
    page.fill("#id_new-handed_over_on", ago(0))
    page.fill("#id_new-waybill_number", "EA123456785CN")
    tab.shot("deliver-form")
    tab.follow("#deliveries form[action$='/delivery/new/'] button[type=submit]")
    tab.shot("deliver-done")
    assert "已记录答复书送达" in page.locator(".messages").inner_text()
    tab.goto(f"/requests/{req.pk}/", "case-delivered")
    req.refresh_from_db()
    assert req.state == "delivered" and req.outcome == "partly_disclosed"
    assert req.deliveries.get(for_reply=True).waybill_number == "EA123456785CN"
    text = page.locator("#h-timeline").locator("..").inner_text()
    for label in ("登记", "受理", "告知补正", "收到补正", "征求意见", "提出办理意见", "批准", "送达"):
        assert label in text
    page.emulate_media(media="print")
    tab.shot("case-print")
    assert page.locator(".actions-panel").is_hidden()
    phone = open_as("registrar", viewport={"width": 390, "height": 844})
    phone.goto(f"/requests/{req.pk}/", "case-delivered-phone")
    phone.goto("/requests/new/", "register-phone")
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling


def test_an_extension_approved_by_an_approver(open_as, staff, make_request):
    req = make_request(received=timezone.localdate() - timedelta(days=6))
    req = handling.request_accept(request=req, by=staff["handler"])
    due = req.due_date
    tab = open_as("approver")
    tab.goto(f"/requests/{req.pk}/", "case-before-extension")
    do_action(tab, "延期答复", "extend",
              fill={"#id_workdays": "15", "#id_reason": "需调取2019年以来的档案，工作量较大。"})
    req.refresh_from_db()
    assert req.extensions.get().workdays == 15 and req.due_date > due
    assert "延长 15 个工作日" in tab.page.content()


def test_a_registrar_trying_to_approve_is_refused(open_as, staff, make_request):
    req = make_request(received=timezone.localdate() - timedelta(days=6))
    h = staff["handler"]
    req = handling.request_accept(request=req, by=h)
    req = decision.opinion_propose(request=req, by=h, outcome="disclosed", articles="第三十六条第（二）项",
                                   reasons="公开", form_of_provision="纸质")
    req = decision.request_decide(request=req, by=h)
    req = decision.request_submit_for_approval(request=req, by=h)
    tab = open_as("registrar")
    tab.goto(f"/requests/{req.pk}/", "case-pending")
    assert tab.page.locator(".action-list [data-action=approve]").count() == 0
    assert "只有负责人（审批人）可以审批" in tab.page.locator(".blocked").text_content()
    response = tab.goto(f"/requests/{req.pk}/actions/approve/", "approve-refused")
    assert response.status == 403
    assert "只有负责人（审批人）可以审批" in tab.page.content()
    req.refresh_from_db()
    assert req.state == "pending_approval"


def test_a_user_of_another_agency_gets_404(open_as, staff, make_request):
    req = make_request(received=timezone.localdate() - timedelta(days=6))
    tab = open_as("other_handler")
    response = tab.goto(f"/requests/{req.pk}/", "other-agency-404")
    assert response.status == 404
    assert req.number not in tab.page.content()


def test_a_known_applicant_is_reused_and_a_probable_repeat_is_warned(open_as, staff, make_request, applicant):
    earlier = make_request(received=timezone.localdate() - timedelta(days=40), description="请公开2025年度部门预算")
    tab = open_as("registrar")
    tab.goto("/requests/new/", "register-lookup")
    page = tab.page
    page.fill("#applicant-q", "张伟")
    page.keyboard.press("Enter")
    page.locator("#lookup-results button:text-is('选用')").first.click()
    assert page.locator("#new-applicant").is_hidden() and "张伟" in page.locator("#chosen-applicant").inner_text()
    page.select_option("#id_channel", "in_person")
    assert page.locator("#wrap_signed_on").is_hidden() and page.locator("#wrap_confirmed_on").is_hidden()
    page.fill("#id_submitted_on", ago(0))
    page.locator("#receipt-date").filter(has_text=ago(0)).wait_for()
    page.fill("#id_description", "请公开2025年度部门预算")
    page.locator("#repeat-warning").filter(has_text=earlier.number).wait_for()
    tab.shot("register-repeat-warning")
    tab.follow("#register-form button[type=submit]")
    tab.shot("case-repeat-registered")
    assert "可能为重复申请" in page.locator(".messages").inner_text()
    req = InformationRequest.objects.exclude(pk=earlier.pk).get()
    assert req.applicant == applicant and req.received_on == timezone.localdate()
