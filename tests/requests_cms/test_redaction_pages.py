"""The redaction pages: page images, boxes posted by the form, proposals accepted, release, review, the log; the
original's pages and file for the agency's staff only."""

import pytest
from django.urls import reverse

from requests_cms.models import RedactionBox, ResponsiveState
from requests_cms.services import responsive
from tests.redaction import documents

from .redaction_support import consulted_request


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def consulted(make_request, staff, officers, departments):
    return consulted_request(make_request, staff, officers, departments)


def url(name, req, document, **kw):
    return reverse(name, kwargs={"pk": req.pk, "doc_pk": document.pk, **kw})


def test_the_handler_marks_a_box_with_the_form_and_releases(client, consulted, staff):
    req, document = consulted
    client.force_login(staff["handler"])
    page = client.get(url("redaction_page", req, document))
    assert page.status_code == 200 and "个人隐私（第十五条）" in page.content.decode()
    assert "js/redact.js" in page.content.decode() and "<script>" not in page.content.decode()
    image = client.get(url("redaction_page_image", req, document, which="original", page=1))
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert image["Cache-Control"] == "private, no-store"
    response = client.post(url("redaction_action", req, document, step="box"), {
        "expected_version": req.version, "page": 1, "left": 0.1, "top": 0.2, "width": 0.3, "height": 0.04,
        "reason": "privacy"})
    assert response.status_code == 302
    assert RedactionBox.objects.get(document=document).reason == "privacy"
    req.refresh_from_db()
    response = client.post(url("redaction_action", req, document, step="release"), {"expected_version": req.version})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.state == ResponsiveState.RELEASED
    pdf = client.get(url("redaction_released_pdf", req, document))
    assert pdf.content == responsive.released_bytes(document)
    review = client.get(url("redaction_review", req, document))
    assert "原件与公开件对照" in review.content.decode() and document.released_sha256 in review.content.decode()
    assert client.get(url("redaction_page_image", req, document, which="released", page=1)).status_code == 200


def test_a_proposal_found_by_the_search_is_accepted(client, consulted, staff):
    req, document = consulted
    client.force_login(staff["handler"])
    page = client.get(url("redaction_page", req, document), {"terms": documents.NAME}).content.decode()
    assert "身份证号码" in page and "手机号码" in page and "查找的词语" in page and "遮盖此处" in page


def test_a_box_without_a_selection_is_refused_with_a_message_and_nothing_changes(client, consulted, staff):
    req, document = consulted
    client.force_login(staff["handler"])
    response = client.post(url("redaction_action", req, document, step="box"),
                           {"expected_version": req.version, "page": 1, "reason": "privacy"})
    assert response.status_code == 400 and "请先在页面上框选遮盖区域" in response.content.decode()
    assert not RedactionBox.objects.exists()


def test_a_stale_version_is_refused(client, consulted, staff):
    req, document = consulted
    client.force_login(staff["handler"])
    response = client.post(url("redaction_action", req, document, step="box"), {
        "expected_version": req.version - 1, "page": 1, "left": 0.1, "top": 0.2, "width": 0.3, "height": 0.04,
        "reason": "privacy"})
    assert response.status_code == 400 and "已有新的办理记录" in response.content.decode()
    assert not RedactionBox.objects.exists()


@pytest.mark.parametrize("who", ["other_handler", "oversight", "officer"])
def test_outsiders_get_nothing_of_the_original(client, consulted, staff, officers, who):
    req, document = consulted
    client.force_login(officers["basic"] if who == "officer" else staff[who])
    for address in (url("redaction_page", req, document),
                    url("redaction_page_image", req, document, which="original", page=1),
                    reverse("attachment_download", kwargs={"pk": req.pk, "attachment_pk": document.original_id}),
                    reverse("redaction_log_pdf", kwargs={"pk": req.pk})):
        assert client.get(address).status_code in (403, 404), address


def test_the_public_gets_nothing_of_the_original(client, consulted):
    req, document = consulted
    response = client.get(url("redaction_page_image", req, document, which="original", page=1))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_case_page_lists_the_documents_for_staff_only(client, consulted, staff):
    req, document = consulted
    client.force_login(staff["approver"])
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert "提供的文件与区分处理" in page and url("redaction_page", req, document) in page
    client.force_login(staff["oversight"])
    page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert "提供的文件与区分处理" not in page


def test_the_handler_removes_a_box_from_the_log(client, consulted, staff):
    req, document = consulted
    responsive.box_add(document=document, by=staff["handler"], page=1, left=0.1, top=0.2, width=0.3, height=0.04,
                       reason="trade_secret")
    req.refresh_from_db()
    client.force_login(staff["handler"])
    page = client.get(url("redaction_page", req, document)).content.decode()
    assert "商业秘密" in page and "第十五条" in page
    box = RedactionBox.objects.get()
    response = client.post(url("redaction_action", req, document, step="remove"),
                           {"expected_version": req.version, "box": box.pk})
    assert response.status_code == 302 and not RedactionBox.objects.exists()
