"""The registrar confirms (receipt date = confirmation date) or rejects; the applicant follows with the code."""

import pytest
from django.utils import timezone

from public import services
from public.models import OnlineSubmission, SubmissionEvent, SubmissionStatus
from requests_cms.models import OutboxMessage

from .support import code_of, number_of, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, education):
    response = submit(client, education)
    return OnlineSubmission.objects.get(number=number_of(response)), code_of(response)


def test_the_registrar_sees_the_queue_of_their_own_agency_only(client, staff, submitted):
    sub, _ = submitted
    client.force_login(staff["registrar"])
    assert sub.number in client.get("/online/").content.decode()
    client.force_login(staff["other_handler"])  # the land bureau's registrar
    assert sub.number not in client.get("/online/").content.decode()
    assert client.post(f"/online/{sub.pk}/confirm/").status_code == 302
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.PENDING


def test_a_handler_without_the_register_right_is_refused(client, staff, submitted):
    client.force_login(staff["auditor"])
    assert client.get("/online/").status_code == 403


def test_confirmation_registers_the_request_with_the_confirmation_date_as_receipt(client, staff, submitted):
    sub, _ = submitted
    client.force_login(staff["registrar"])
    response = client.post(f"/online/{sub.pk}/confirm/")
    sub.refresh_from_db()
    req = sub.request
    assert response.status_code == 302 and response["Location"] == f"/requests/{req.pk}/"
    assert sub.status == SubmissionStatus.CONFIRMED
    assert req.channel == "online" and req.confirmed_on == req.received_on == timezone.localdate()
    assert req.events.filter(action="register").exists()
    assert req.attachments.filter(kind="identity_proof").count() == 1
    assert req.applicant.id_number == sub.id_number and req.delivery_method == "electronic"
    assert OutboxMessage.objects.filter(key=f"applicant:confirmed:{sub.number}:sms").exists()
    # confirming twice is refused, nothing changes
    client.post(f"/online/{sub.pk}/confirm/")
    assert type(req).objects.count() == 1


def test_rejection_needs_a_reason_records_an_event_and_deletes_nothing(client, staff, submitted):
    sub, _ = submitted
    client.force_login(staff["registrar"])
    client.post(f"/online/{sub.pk}/reject/", {"reason": "duplicate", "note": ""})
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.PENDING
    client.post(f"/online/{sub.pk}/reject/", {"reason": "duplicate", "note": "与WS已提交的申请相同"})
    sub.refresh_from_db()
    assert sub.status == SubmissionStatus.REJECTED and sub.reject_reason == "duplicate"
    assert SubmissionEvent.objects.filter(submission=sub, action="reject", note__contains="重复提交").exists()
    assert OutboxMessage.objects.filter(key=f"applicant:rejected:{sub.number}:email").exists()
    with pytest.raises(PermissionError):
        SubmissionEvent.objects.filter(submission=sub).first().delete()


def test_lookup_with_the_code_shows_waiting_then_the_due_date_with_its_explanation(client, staff, submitted):
    sub, code = submitted
    page = client.post("/public/lookup/", {"number": sub.number, "secret": code}).content.decode()
    assert "网上申请待确认" in page
    services.confirm(submission_pk=sub.pk, agency=sub.agency, by=staff["registrar"])
    sub.refresh_from_db()
    req = sub.request
    for number in (sub.number, req.number):
        response = client.post("/public/lookup/", {"number": number, "secret": code.lower()})
        page = response.content.decode()
        assert response.status_code == 200 and req.number in page
        assert f"{req.due_date.year}年{req.due_date.month}月{req.due_date.day}日" in page
        assert "期限是怎样计算的" in page


def test_lookup_with_the_last_six_of_the_id_number(client, submitted):
    sub, _ = submitted
    response = client.post("/public/lookup/", {"number": sub.number, "secret": sub.id_number[-6:]})
    assert response.status_code == 200 and "办理进度" in response.content.decode()


def test_a_wrong_code_and_a_wrong_number_get_the_same_answer(client, submitted):
    sub, code = submitted
    wrong_code = client.post("/public/lookup/", {"number": sub.number, "secret": "A" * 20})
    wrong_number = client.post("/public/lookup/", {"number": "WS20261202999999", "secret": code})
    assert wrong_code.status_code == wrong_number.status_code == 404

    def body(r):
        return r.content.decode().replace(sub.number, "N").replace("WS20261202999999", "N").replace(code, "C") \
            .replace("A" * 20, "C")

    import re

    def strip_csrf(html):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert strip_csrf(body(wrong_code)) == strip_csrf(body(wrong_number))


def test_lookups_are_throttled_after_repeated_failures(client, submitted, settings):
    settings.PUBLIC_LIMITS = {"lookup_fail_number": (3, 3600)}
    sub, code = submitted
    for i in range(3):
        client.post("/public/lookup/", {"number": sub.number, "secret": f"WRONG{i}" * 3}, REMOTE_ADDR=f"10.0.0.{i}")
    # even the right code is refused while the number is locked, from any address
    response = client.post("/public/lookup/", {"number": sub.number, "secret": code}, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429 and "操作过于频繁" in response.content.decode()


def test_lookups_are_limited_per_address(client, submitted, settings):
    settings.PUBLIC_LIMITS = {"lookup_ip": (2, 600)}
    sub, code = submitted
    for _ in range(2):
        assert client.post("/public/lookup/", {"number": sub.number, "secret": code}).status_code == 200
    assert client.post("/public/lookup/", {"number": sub.number, "secret": code}).status_code == 429


def test_the_applicant_sms_waits_for_the_end_of_quiet_hours(client, education, fixed_clock):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    fixed_clock.move_to(datetime(2026, 12, 2, 22, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    submit(client, education)
    sms = OutboxMessage.objects.get(key__startswith="applicant:received:", channel="sms")
    assert timezone.localtime(sms.not_before).hour == 8 and timezone.localtime(sms.not_before).day == 3


def test_the_image_captcha_is_asked_for_after_repeated_failures(client, submitted, settings):
    from captcha.models import CaptchaStore

    settings.PUBLIC_CAPTCHA_AFTER = 2
    sub, code = submitted
    assert "captcha" not in client.get("/public/lookup/").content.decode()
    for _ in range(2):
        client.post("/public/lookup/", {"number": sub.number, "secret": "B" * 20})
    page = client.get("/public/lookup/").content.decode()
    assert "/public/captcha/image/" in page
    # without the captcha even the right code is refused, with it the lookup works
    refused = client.post("/public/lookup/", {"number": sub.number, "secret": code})
    assert refused.status_code == 400 and "请输入验证码" in refused.content.decode()
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    ok = client.post("/public/lookup/", {"number": sub.number, "secret": code, "captcha_0": key, "captcha_1": answer})
    assert ok.status_code == 200 and "办理进度" in ok.content.decode()
    image = client.get(f"/public/captcha/image/{CaptchaStore.generate_key()}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_the_agency_edits_its_notice_wording_and_the_history_keeps_each_version(client, education, staff):
    from public.models import NoticeTemplate

    template = NoticeTemplate.objects.create(agency=education, event="received", subject="已收到（{number}）",
                                             body="本局已收到{number}，{unknown}保留原样。")
    template.body = "本局已收到您的申请 {number}。"
    template.save()
    assert template.history.count() == 2
    response = submit(client, education)
    number = number_of(response)
    email = OutboxMessage.objects.get(key=f"applicant:received:{number}:email")
    assert email.subject == f"已收到（{number}）" and email.body == f"本局已收到您的申请 {number}。"


def test_a_stray_brace_in_an_edited_template_is_printed_as_typed(education):
    from public.models import NoticeTemplate
    from public.notice_texts import render

    NoticeTemplate.objects.create(agency=education, event="reply", subject="答复{", body="正文{0}")
    assert render(education, "reply", number="WS1") == ("答复{", "正文{0}")


def test_the_administrator_sees_only_the_agency_own_templates_in_the_admin(client, staff, education, land):
    from public.models import NoticeTemplate

    NoticeTemplate.objects.create(agency=land, event="reply", subject="国土局答复", body="x")
    admin_user = staff["administrator"]
    admin_user.is_staff = True
    admin_user.agency = education
    admin_user.save()
    client.force_login(admin_user)
    page = client.get("/admin/public/noticetemplate/")
    assert page.status_code == 200 and "国土局答复" not in page.content.decode()


def test_lookup_shows_the_posted_reply_with_its_waybill_and_tracking(client, staff, submitted, fixed_clock):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from requests_cms.services import delivery as delivery_service

    from ..requests_cms.views_support import walk

    sub, code = submitted
    req = services.confirm(submission_pk=sub.pk, agency=sub.agency, by=staff["registrar"])
    fixed_clock.move_to(datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    req = walk(req, staff, "delivered")  # posted the day before
    posted = req.deliveries.get()
    delivery_service.delivery_add_postal_event(
        request=req, delivery=posted, by=staff["registrar"], status="delivered",
        occurred_at=datetime(2026, 12, 8, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")), signer="王小明")
    page = client.post("/public/lookup/", {"number": req.number, "secret": code}).content.decode()
    assert "EA123456785CN" in page and "2026-12-08 09:30" in page and "已答复并送达" in page
