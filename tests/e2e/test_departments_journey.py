"""Issue 15 in a real browser: the handler routes a request to two departments, each signs for it and answers, the
handler proposes from their opinions and the approver approves; then the oversight office issues a 督办单 on an
overdue request and the agency answers it."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from requests_cms.models import InternalRouting, SupervisionNotice
from requests_cms.services import handling

from .test_journeys import do_action, state_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def pdf_file(name):
    from tests.requests_cms.delivery_support import pdf_bytes

    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}


def test_two_departments_answer_and_the_handler_proposes_from_their_opinions(open_as, staff, officers, departments,
                                                                             make_request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = handling.request_accept(request=make_request(received=timezone.localdate() - timedelta(days=10)),
                                  by=staff["handler"])
    number = req.number
    tab = open_as("handler")
    tab.goto(f"/requests/{req.pk}/", "case-accepted")
    tab.follow(".action-list a:text-is('转业务科室会办')")
    page = tab.page
    page.check(f"input[name=departments][value='{departments['basic'].pk}']")
    page.check(f"input[name=departments][value='{departments['finance'].pk}']")
    page.fill("#id_note", "请提供本股室掌握的2025年度部门预算材料")
    tab.shot("route-form")
    tab.follow("#action-form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已转基础教育股、计划财务股会办")
    assert InternalRouting.objects.filter(request=req).count() == 2

    for key, opinion, extra in (("basic", "provide", {}),
                                ("finance", "partial", {"#id_reasons": "部分内容含个人信息",
                                                        "#id_articles": "《条例》第十五条、第三十七条"})):
        officer = open_as(officers[key].username)
        officer.goto("/", f"dashboard-{key}")
        expect(officer.page.locator("#sec-dept-queue")).to_contain_text(number)
        officer.goto(f"/requests/{req.pk}/", f"case-{key}")
        officer.follow("#routings a:text-is('签收')")
        officer.follow("form.action-form button[type=submit]")
        expect(officer.page.locator(".messages")).to_contain_text("已签收")
        officer.follow("#routings a:text-is('答复')")
        officer.page.select_option("#id_opinion", opinion)
        for selector, value in extra.items():
            officer.page.fill(selector, value)
        officer.page.set_input_files("#id_files", [pdf_file(f"{key}.pdf")])
        officer.shot(f"answer-{key}")
        officer.follow("form.action-form button[type=submit]")
        expect(officer.page.locator(".messages")).to_contain_text("已答复")
        officer.close()

    tab.goto(f"/requests/{req.pk}/", "case-answered")
    tab.follow(".action-list a:text-is('提出办理意见')")
    expect(page.locator(".opinion-card")).to_have_count(2)
    expect(page.locator("#id_outcome")).to_have_value("partly_disclosed")
    expect(page.locator("#id_reasons")).to_have_value(re.compile("计划财务股：部分提供"))
    expect(page.locator("#id_form_of_provision")).to_have_value("提供的信息：basic.pdf、finance.pdf")
    tab.shot("opinion-from-departments")
    tab.follow("#action-form button[type=submit]")
    # The departments' documents are responsive documents: each released (here with nothing to withhold) before
    # the reply can be submitted (the redaction journey marks boxes in the browser).
    from requests_cms.models import ResponsiveDocument
    from requests_cms.services import responsive

    for document in ResponsiveDocument.objects.filter(request=req, is_current=True):
        responsive.release(document=document, by=staff["handler"])
    tab.page.reload()  # the releases changed the request behind the page
    do_action(tab, "作出决定并报批", "decide")
    tab.logout()
    tab.login("approver")
    tab.goto(f"/requests/{req.pk}/", "case-pending")
    do_action(tab, "批准", "approve", fill={"#id_comment": "同意。"})
    assert state_of(number) == "approved"


def test_the_oversight_office_supervises_an_overdue_request_and_the_agency_answers(open_as, staff, make_request,
                                                                                   education):
    overdue = make_request(received=date(2026, 10, 9), description="超期未答复的申请")
    tab = open_as("oversight")
    tab.goto("/supervision/new/", "supervision-new")
    page = tab.page
    page.select_option("#id_agency", str(education.pk))
    page.select_option("#id_scope", "request")
    page.fill("#id_number", overdue.number)
    page.fill("#id_reason", "该申请已超过法定答复期限，请立即办理并反馈。")
    page.fill("#id_response_due", (timezone.localdate() + timedelta(days=3)).isoformat())
    tab.follow("main form button.primary")
    notice = SupervisionNotice.objects.get()
    expect(page.locator("h1")).to_contain_text("督办单")
    tab.goto("/", "oversight-dashboard")
    expect(page.locator("#sec-supervision")).to_contain_text("高平市教育局")

    approver = open_as("approver")
    approver.goto("/", "approver-dashboard")
    expect(approver.page.locator("#sec-supervision")).to_contain_text("该申请已超过法定答复期限")
    approver.follow(approver.page.locator("#sec-supervision .notice-list a").first)
    approver.page.fill("#id_answer", "已于今日作出答复并邮寄送达。")
    approver.follow("main form button.primary")
    expect(approver.page.locator("#supervision-answer")).to_have_text("已于今日作出答复并邮寄送达。")
    notice.refresh_from_db()
    assert not notice.is_open
    tab.goto("/supervision/", "supervision-list")
    expect(page.locator("#h-response")).to_be_visible()
    expect(page.locator("table").last).to_contain_text("已反馈")
