"""The online application: identity checks, uploads, the query code, the submission waiting for confirmation."""

import hashlib
import re

import pytest

from public import codes
from public.forms import OnlineApplicationForm
from public.models import OnlineSubmission, SubmissionEvent, SubmissionStatus
from requests_cms.models import InformationRequest, OutboxMessage

from .support import CREDIT_CODE, RESIDENT_ID, code_of, number_of, person_data, png, submit

pytestmark = pytest.mark.django_db


def test_the_standard_example_resident_id_ends_in_x():
    assert RESIDENT_ID == "11010519491231002X"


def test_a_valid_submission_lands_as_waiting_for_confirmation_and_creates_no_request(client, education):
    response = submit(client, education)
    assert response.status_code == 200, response.content.decode()[:2000]
    sub = OnlineSubmission.objects.get()
    assert sub.status == SubmissionStatus.PENDING and sub.get_status_display() == "网上申请待确认"
    assert number_of(response) == sub.number
    assert InformationRequest.objects.count() == 0
    assert sub.files.get().kind == "id_proof"
    assert SubmissionEvent.objects.filter(submission=sub, action="submit").exists()
    assert "no-store" in response["Cache-Control"]


def test_the_query_code_has_100_random_bits_and_only_its_hash_is_stored(client, education):
    response = submit(client, education)
    shown = code_of(response)
    raw = shown.replace("-", "")
    assert re.fullmatch(r"[A-Z2-7]{20}", raw)  # 20 base32 characters = 100 bits
    sub = OnlineSubmission.objects.get()
    assert raw not in sub.code_hash and sub.number not in raw
    assert codes.verify(shown, sub.code_hash) and not codes.verify("A" * 20, sub.code_hash)
    assert hashlib.sha256(raw.encode()).hexdigest() not in sub.code_hash


def test_two_submissions_get_unrelated_codes():
    assert len({codes.new_code() for _ in range(50)}) == 50


def test_the_code_is_sent_by_sms_and_email_through_the_outbox(client, education):
    submit(client, education)
    channels = set(OutboxMessage.objects.filter(key__startswith="applicant:received:").values_list("channel",
                                                                                                   flat=True))
    assert channels == {"email", "sms"}


@pytest.mark.parametrize(("field", "value", "message"), [
    ("id_number", "110105194912310021", "公民身份号码校验位不正确"),
    ("id_number", "11010519491331002X", "出生日期不正确"),
    ("phone", "12812345678", "手机号码应为以13至19开头的11位数字"),
    ("postcode", "04840", "邮政编码应为6位数字"),
    ("description", "", "请填写所需政府信息"),
])
def test_a_wrong_field_is_refused_in_chinese_and_the_form_keeps_what_was_typed(client, education, field, value,
                                                                              message):
    response = submit(client, education, **{field: value})
    html = response.content.decode()
    assert response.status_code == 400 and message in html
    assert "王小明" in html and ("048400" in html or field == "postcode")
    assert OnlineSubmission.objects.count() == 0


def test_an_organisation_needs_a_valid_credit_code_and_a_contact(education):
    base = person_data(education, kind="business", name="高平市某某有限公司", id_type="credit_code")
    files = {"id_proof": base.pop("id_proof")}
    bad = OnlineApplicationForm({**base, "id_number": CREDIT_CODE[:-1] + ("0" if CREDIT_CODE[-1] != "0" else "1")},
                                files)
    assert not bad.is_valid()
    assert "统一社会信用代码校验位不正确" in str(bad.errors["id_number"])
    assert "请填写联系人" in str(bad.errors["contact_person"])
    files = {"id_proof": png()}
    good = OnlineApplicationForm({**base, "id_number": CREDIT_CODE, "contact_person": "李经理"}, files)
    assert good.is_valid(), good.errors


def test_a_person_may_not_use_a_credit_code(education):
    data = person_data(education, id_type="credit_code", id_number=CREDIT_CODE)
    form = OnlineApplicationForm(data, {"id_proof": data.pop("id_proof")})
    assert not form.is_valid() and "自然人请选择身份证件" in str(form.errors["id_type"])


def test_an_upload_is_checked_by_its_content(client, education):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("id.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = submit(client, education, id_proof=fake)
    assert response.status_code == 400 and "只能上传 PDF、JPEG 或 PNG 文件" in response.content.decode()
    assert OnlineSubmission.objects.count() == 0


def test_the_honeypot_refuses_without_recording(client, education):
    response = submit(client, education, website="http://spam.example")
    assert response.status_code == 400 and OnlineSubmission.objects.count() == 0


def test_submissions_are_limited_per_ip_and_per_phone(client, education, settings):
    settings.PUBLIC_LIMITS = {"submit_ip": (2, 3600), "submit_phone": (1, 3600)}

    def post(ip, phone):
        return client.post("/public/apply/", person_data(education, phone=phone), REMOTE_ADDR=ip)

    assert post("203.0.113.7", "13812345678").status_code == 200
    refused = post("198.51.100.9", "13812345678")  # the same phone from another address
    assert refused.status_code == 429 and "操作过于频繁" in refused.content.decode()
    assert post("203.0.113.7", "13912345678").status_code == 200
    assert post("203.0.113.7", "13712345678").status_code == 429  # the address's third
    assert OnlineSubmission.objects.count() == 2


def test_text_has_a_size_limit(client, education):
    response = submit(client, education, description="字" * 5001)
    assert response.status_code == 400 and "不能超过5,000个字" in response.content.decode()


def test_the_code_goes_out_by_sms_and_email_and_is_then_blanked_in_the_outbox(client, education, settings, tmp_path):
    from django.core import mail

    from public.tasks import send_applicant_notices

    settings.SMS_BACKEND, settings.SMS_FILE_PATH = "requests_cms.sms.FileBackend", str(tmp_path / "sms.jsonl")
    response = submit(client, education)
    code = code_of(response)
    rows = OutboxMessage.objects.filter(key__startswith="applicant:received:")
    assert all(code in row.body for row in rows)
    send_applicant_notices()
    assert code in (tmp_path / "sms.jsonl").read_text() and code in mail.outbox[0].body
    assert all(code not in row.body and "查询码已隐去" in row.body for row in rows.all())
