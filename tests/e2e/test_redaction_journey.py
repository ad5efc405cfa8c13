"""Issue 17 in a real browser: a department answers 会办 with a document holding two resident IDs and a name; the
handler marks one ID with the mouse, the other ID and the name with the search tool, and releases; the approver
compares original and released copy and approves; the reply is delivered with the released copy and the log, and
the case file holds both."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from requests_cms.casefile.documents import collect
from requests_cms.models import RedactionBox, ResponsiveDocument, ResponsiveState
from requests_cms.services import delivery, handling, responsive
from requests_cms.services import departments as routing_service
from tests.redaction import documents

from .test_journeys import do_action, state_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def drag(page, figure, place):
    """Drag the mouse over the page-fraction rectangle `place` (left, top, right, bottom) of a page image."""
    image = figure.locator("img")
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    box = image.bounding_box()
    left, top, right, bottom = place
    page.mouse.move(box["x"] + (left - 0.01) * box["width"], box["y"] + (top - 0.005) * box["height"])
    page.mouse.down()
    page.mouse.move(box["x"] + (right + 0.01) * box["width"], box["y"] + (bottom + 0.005) * box["height"], steps=5)
    page.mouse.up()


def accept_proposal(tab, kind_label, page_number):
    row = tab.page.locator("table.proposals tr", has_text=kind_label).filter(has_text=f"第{page_number}页").first
    tab.follow(row.locator("button:text-is('遮盖此处')"))
    expect(tab.page.locator(".messages")).to_contain_text("已标注遮盖区域")


def test_the_handler_redacts_the_approver_compares_and_the_applicant_gets_the_released_copy(
        open_as, staff, officers, departments, make_request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = handling.request_accept(request=make_request(received=timezone.localdate() - timedelta(days=10)),
                                  by=staff["handler"])
    number = req.number
    (routing,) = routing_service.routing_route(request=req, by=staff["handler"], departments=[departments["basic"]],
                                           note="请提供学生资助名单")
    routing_service.routing_sign(routing=routing, by=officers["basic"])
    form = documents.text_layer_pdf(pages=2)

    officer = open_as(officers["basic"].username)
    officer.goto(f"/requests/{req.pk}/", "case-officer")
    officer.follow("#routings a:text-is('答复')")
    officer.page.select_option("#id_opinion", "partial")
    officer.page.fill("#id_reasons", "名单含学生身份证号码和姓名")
    officer.page.fill("#id_articles", "《条例》第十五条")
    officer.page.set_input_files("#id_files", [{"name": "资助名单.pdf", "mimeType": "application/pdf",
                                                "buffer": form.pdf}])
    officer.follow("form.action-form button[type=submit]")
    expect(officer.page.locator(".messages")).to_contain_text("已答复")
    officer.close()
    document = ResponsiveDocument.objects.get(request=req)

    tab = open_as("handler")
    page = tab.page
    tab.goto(f"/requests/{req.pk}/", "case-with-document")
    expect(page.locator("#responsive")).to_contain_text("《资助名单》")
    tab.follow("#responsive a:text-is('区分处理')")
    # the keyboard: focus a page, move the selection, take it into the form
    first = page.locator(".redact-page[data-page='1']")
    first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#id_left")).to_have_value("0.1100")
    expect(page.locator("#id_height")).to_have_value("0.0500")
    # the mouse: the resident ID on page 1
    drag(page, first, form.places[documents.RESIDENT_ID][0])
    expect(page.locator("#id_page")).to_have_value("1")
    page.select_option("#id_reason", "privacy")
    tab.shot("box-drawn")
    tab.follow("#box-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已标注遮盖区域")
    # the search tool: the ID on page 2 and the typed name on page 1
    page.fill("#id_terms", documents.NAME)
    tab.follow("form[method=get] button[type=submit]")
    tab.shot("proposals")
    accept_proposal(tab, "身份证号码", 2)
    page.fill("#id_terms", documents.NAME)
    tab.follow("form[method=get] button[type=submit]")
    accept_proposal(tab, "查找的词语", 1)
    assert RedactionBox.objects.filter(document=document).count() == 3
    expect(page.locator(".redact-page[data-page='1'] .redact-box")).to_have_count(2)
    tab.follow("button:text-matches('按当前3处遮盖生成公开件')")
    expect(page.locator(".messages")).to_contain_text("已生成公开件：共2页")
    tab.shot("released")

    tab.goto(f"/requests/{req.pk}/", "case-released")
    tab.follow(".action-list a:text-is('提出办理意见')")
    page.select_option("#id_outcome", "partly_disclosed")
    page.fill("#id_articles", "《条例》第十五条、第三十七条")
    page.fill("#id_reasons", "名单含学生个人信息，已作区分处理。")
    page.fill("#id_form_of_provision", "电子文件，随答复书电子送达")
    tab.follow("#action-form button[type=submit]")
    tab.shot("opinion-proposed")
    do_action(tab, "作出决定并报批", "decide-and-submit")
    tab.logout()

    tab.login("approver")
    tab.goto(f"/requests/{req.pk}/", "case-pending")
    tab.follow("#responsive a:text-is('对照')")
    expect(page.locator(".review-released img")).to_have_count(2)
    for image in page.locator(".review-grid img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("i => i.naturalWidth") > 0
    tab.shot("review")
    tab.goto(f"/requests/{req.pk}/", "case-pending-2")
    do_action(tab, "批准", "approve", fill={"#id_comment": "同意部分公开。"})
    assert state_of(number) == "approved"
    document.refresh_from_db()
    assert document.state == ResponsiveState.APPROVED

    req.refresh_from_db()
    delivery.request_deliver(request=req, by=staff["handler"], method="electronic",
                             handed_over_on=timezone.localdate(), electronic_address="applicant@example.cn")
    tab.goto(f"/requests/{req.pk}/delivery/", "delivery")
    expect(page.locator("#enclosures")).to_contain_text("《资助名单》公开件")
    expect(page.locator("#enclosures")).to_contain_text("区分处理记录")
    released = responsive.released_bytes(document)
    text = documents.pdftotext(released)
    assert documents.RESIDENT_ID not in text and documents.NAME not in text
    kinds = {doc.kind for doc in collect(req)}
    assert {"released_copy", "redaction_log"} <= kinds
