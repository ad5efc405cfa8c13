"""The delivery page: forms as typed survive a refusal, other agencies see nothing, read-only users cannot act."""

import pytest
from django.urls import reverse

from requests_cms.models import Attachment, PostalEvent

from .delivery_support import WAYBILL, approved, days_ago, pdf_bytes, posted, reply_delivery, today, upload


@pytest.fixture
def desk(client, staff):
    client.force_login(staff["registrar"])
    return client


def panel(req):
    return reverse("delivery_panel", kwargs={"pk": req.pk})


def test_the_delivery_page_shows_the_reply_delivery_and_its_timeliness(desk, make_request, staff):
    req = posted(make_request, staff)
    page = desk.get(panel(req)).content.decode()
    assert WAYBILL in page and "按期答复" in page and "邮寄送达" in page


def test_another_agency_gets_404_and_a_read_only_user_cannot_post(client, make_request, staff):
    req = posted(make_request, staff)
    client.force_login(staff["other_handler"])
    assert client.get(panel(req)).status_code == 404
    client.force_login(staff["auditor"])
    assert client.get(panel(req)).status_code == 200
    response = client.post(reverse("delivery_close", kwargs={"pk": req.pk}), {"close-expected_version": req.version})
    assert response.status_code == 403


def test_a_wrong_waybill_is_refused_and_the_form_keeps_what_was_typed(desk, make_request, staff):
    req = approved(make_request, staff)
    response = desk.post(reverse("delivery_new", kwargs={"pk": req.pk}), {
        "new-letter_label": "答复书", "new-method": "post", "new-handed_over_on": today().isoformat(),
        "new-waybill_number": "EA123456784CN", "new-address": "山西省高平市米山镇米西村1号",
        "new-expected_version": req.version})
    assert response.status_code == 400
    page = response.content.decode()
    assert "校验位不正确" in page and "EA123456784CN" in page and "米西村1号" in page
    req.refresh_from_db()
    assert req.state == "approved" and not req.deliveries.exists()


def test_posting_the_reply_through_the_page(desk, make_request, staff):
    req = approved(make_request, staff)
    response = desk.post(reverse("delivery_new", kwargs={"pk": req.pk}), {
        "new-letter_label": "答复书", "new-method": "post", "new-handed_over_on": today().isoformat(),
        "new-waybill_number": WAYBILL, "new-expected_version": req.version})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.state == "delivered" and req.replied_on == today()


def test_a_receipt_before_posting_is_refused_on_the_page(desk, make_request, staff):
    req = posted(make_request, staff)
    d = reply_delivery(req)
    url = reverse("delivery_action", kwargs={"pk": req.pk, "delivery_pk": d.pk, "action": "receipt"})
    response = desk.post(url, {f"receipt-{d.pk}-received_on": days_ago(5).isoformat(),
                               f"receipt-{d.pk}-expected_version": req.version})
    assert response.status_code == 400 and "不能早于交邮" in response.content.decode()


def test_pasting_tracking_text_on_the_page(desk, make_request, staff):
    req = posted(make_request, staff, on=days_ago(2))
    d = reply_delivery(req)
    url = reverse("delivery_action", kwargs={"pk": req.pk, "delivery_pk": d.pk, "action": "paste"})
    text = f"{days_ago(1):%Y-%m-%d} 10:05:17 【米山镇邮政支局】已妥投，签收人：本人"
    response = desk.post(url, {f"paste-{d.pk}-text": text, f"paste-{d.pk}-expected_version": req.version}, follow=True)
    assert "已导入跟踪记录1条" in response.content.decode()
    assert PostalEvent.objects.get(delivery=d).status == "delivered"


def test_a_proof_that_is_not_a_pdf_or_image_is_refused_on_the_page(desk, make_request, staff):
    req = posted(make_request, staff)
    d = reply_delivery(req)
    url = reverse("delivery_action", kwargs={"pk": req.pk, "delivery_pk": d.pk, "action": "proof"})
    bad = upload("回证.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = desk.post(url, {f"proof-{d.pk}-kind": "proof_of_service", f"proof-{d.pk}-file": bad,
                               f"proof-{d.pk}-expected_version": req.version})
    assert response.status_code == 400 and "PDF" in response.content.decode()
    assert not Attachment.objects.exists()
    good = upload("回证.pdf", pdf_bytes())
    desk.post(url, {f"proof-{d.pk}-kind": "proof_of_service", f"proof-{d.pk}-file": good,
                    f"proof-{d.pk}-expected_version": req.version})
    assert Attachment.objects.get().delivery == d


def test_closing_on_the_page_without_proof_then_with_a_witnessed_refusal(desk, make_request, staff):
    req = posted(make_request, staff)
    url = reverse("delivery_close", kwargs={"pk": req.pk})
    confirmed = {"close-confirm": "on", "close-expected_version": req.version}
    response = desk.post(url, confirmed)
    assert response.status_code == 400 and "归档须有送达回证" in response.content.decode()
    response = desk.post(url, {**confirmed, "close-no_proof_reason": "拒签"})
    assert response.status_code == 400 and "见证人姓名" in response.content.decode()
    response = desk.post(url, {"close-no_proof_reason": "申请人拒绝签收", "close-witnesses": "李四、王五",
                               "close-expected_version": req.version})
    assert response.status_code == 400 and "请勾选确认后再归档办结" in response.content.decode()
    assert "申请人拒绝签收" in response.content.decode()  # kept as typed
    req.refresh_from_db()
    assert req.state == "delivered"
    desk.post(url, {**confirmed, "close-no_proof_reason": "申请人拒绝签收", "close-witnesses": "李四、王五"})
    req.refresh_from_db()
    assert req.state == "closed"


def test_the_no_proof_fields_are_offered_only_while_there_is_no_proof(desk, make_request, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    req = posted(make_request, staff)
    d = reply_delivery(req)

    def close_section():
        return desk.get(panel(req)).content.decode().split('id="close"', 1)[1].split("</section>", 1)[0]

    assert "close-no_proof_reason" in close_section() and 'name="close-confirm"' in close_section()
    url = reverse("delivery_action", kwargs={"pk": req.pk, "delivery_pk": d.pk, "action": "proof"})
    req.refresh_from_db()
    desk.post(url, {f"proof-{d.pk}-kind": "proof_of_service", f"proof-{d.pk}-file": upload("回证.pdf", pdf_bytes()),
                    f"proof-{d.pk}-expected_version": req.version})
    section = close_section()
    assert "close-no_proof_reason" not in section and "close-witnesses" not in section
    assert 'name="close-confirm"' in section  # closing is still confirmed


def test_the_delivery_form_marks_the_fields_of_one_method(desk, make_request, staff):
    page = desk.get(panel(approved(make_request, staff))).content.decode()
    assert 'name="new-waybill_number"' in page and 'data-methods="post"' in page
    assert page.count('data-methods="electronic"') >= 2 and "js/delivery.js" in page
