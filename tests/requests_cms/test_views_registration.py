"""Registering a request through the page: channel dates, the receipt date shown and stored, repeats, look-up."""

import pytest
from django.urls import reverse

from requests_cms.models import Applicant, InformationRequest

from .views_support import days_ago

NEW_APPLICANT = {"kind": "natural_person", "name": "李娜", "address": "山西省高平市北城街1号", "postcode": "048400",
                 "phone": "13800000001", "id_type": "resident_id", "id_number": "140581199001011234"}
COMMON = {"description": "请公开2026年学区划分方案", "requested_form": "paper", "delivery_method": "post"}


@pytest.fixture
def registrar_client(client, staff):
    client.force_login(staff["registrar"])
    return client


def post(client, **data):
    return client.post(reverse("request_register"), {**NEW_APPLICANT, **COMMON, **data})


# Dates as days before the fixed clock's today: parametrize values are made at import, before the clock is fixed.
@pytest.mark.parametrize("channel_data, expected_days_ago", [
    ({"channel": "in_person", "submitted_on": 3}, 3),
    ({"channel": "post", "post_kind": "signed", "submitted_on": 8, "arrived_on": 5, "signed_on": 4}, 4),
    ({"channel": "post", "post_kind": "ordinary", "arrived_on": 5, "confirmed_on": 5}, 5),
    ({"channel": "online", "submitted_on": 7, "confirmed_on": 6}, 6),
    ({"channel": "email", "submitted_on": 7, "confirmed_on": 7}, 7),
    ({"channel": "fax", "confirmed_on": 2}, 2),
])
def test_each_channel_stores_and_shows_the_receipt_date(registrar_client, channel_data, expected_days_ago):
    dated = {k: days_ago(v) if isinstance(v, int) else v for k, v in channel_data.items()}
    response = post(registrar_client, **dated)
    req = InformationRequest.objects.get()
    assert response.status_code == 302 and response["Location"].startswith(f"/requests/{req.pk}/")
    assert req.received_on == days_ago(expected_days_ago)
    page = registrar_client.get(response["Location"]).content.decode()
    assert req.received_on.isoformat() in page
    assert "生成并预览登记回执" in page


def test_the_preview_shows_the_servers_receipt_date_and_rule(registrar_client):
    url = reverse("register_preview")
    data = registrar_client.get(url, {"channel": "post", "post_kind": "signed", "arrived_on": "2026-03-02",
                                      "signed_on": "2026-03-03"}).json()
    assert data["received_on"] == "2026-03-03" and "签收之日" in data["rule"]
    data = registrar_client.get(url, {"channel": "post", "post_kind": "ordinary", "arrived_on": "2026-03-02"}).json()
    assert data["received_on"] is None and "确认日期" in data["missing"]
    data = registrar_client.get(url, {"channel": "in_person", "submitted_on": "2026-03-02", "override": "on",
                                      "received_override": "2026-03-04"}).json()
    assert data["received_on"] == "2026-03-04" and data["override"]


def test_the_form_keeps_everything_typed_and_says_what_is_missing(registrar_client):
    text = "  第一行 <b>原样</b>\n第二行  "
    response = post(registrar_client, channel="post", post_kind="signed", arrived_on=days_ago(2).isoformat(),
                    description=text, name="王五")
    assert response.status_code == 200
    page = response.content.decode()
    assert "需签收的邮件须填写签收日期" in page
    assert 'value="王五"' in page and days_ago(2).isoformat() in page
    assert "  第一行 &lt;b&gt;原样&lt;/b&gt;\n第二行  " in page
    assert not InformationRequest.objects.exists()


def test_an_override_needs_a_reason(registrar_client):
    response = post(registrar_client, channel="in_person", submitted_on=days_ago(3), override="on",
                    received_override=days_ago(2))
    assert "人工调整收到申请日期须说明理由" in response.content.decode()
    post(registrar_client, channel="in_person", submitted_on=days_ago(3), override="on",
         received_override=days_ago(2), override_reason="误投信访局后转来")
    req = InformationRequest.objects.get()
    assert req.received_on == days_ago(2) and req.received_override_reason == "误投信访局后转来"


def test_a_future_date_is_refused_in_chinese(registrar_client):
    response = post(registrar_client, channel="in_person", submitted_on=days_ago(-2))
    assert "日期不能晚于今天" in response.content.decode()


def test_the_description_is_stored_verbatim(registrar_client):
    text = "  请公开“三公”经费 & <预算>\r\n  第二行  "
    post(registrar_client, channel="fax", confirmed_on=days_ago(1), description=text)
    assert InformationRequest.objects.get().description == text


def test_a_known_applicant_is_found_and_reused(registrar_client, applicant, education, land):
    Applicant.objects.create(agency=land, kind="natural_person", name="张伟", phone="1")
    results = registrar_client.get(reverse("applicant_lookup"), {"q": "张伟"}).json()["results"]
    assert [r["id"] for r in results] == [applicant.pk]  # only this agency's applicants
    post(registrar_client, channel="fax", confirmed_on=days_ago(1), applicant_id=applicant.pk, name="", kind="")
    assert InformationRequest.objects.get().applicant == applicant
    assert Applicant.objects.filter(agency=education).count() == 1


def test_a_probable_repeat_is_warned_about_but_not_blocked(registrar_client, make_request, applicant):
    earlier = make_request(received=days_ago(60), description="请公开2026年学区划分方案及附图")
    preview = registrar_client.get(reverse("register_preview"), {
        "channel": "fax", "confirmed_on": days_ago(1), "applicant_id": applicant.pk,
        "description": "请公开2026年学区划分方案"}).json()
    assert [r["number"] for r in preview["repeats"]] == [earlier.number]
    response = post(registrar_client, channel="fax", confirmed_on=days_ago(1), applicant_id=applicant.pk)
    page = registrar_client.get(response["Location"]).content.decode()
    assert "可能为重复申请" in page and earlier.number in page
    assert InformationRequest.objects.count() == 2


def test_an_old_or_different_request_is_not_a_repeat(registrar_client, make_request, applicant):
    make_request(received=days_ago(400), description="请公开2026年学区划分方案")
    make_request(received=days_ago(30), description="请公开教师招聘考试成绩")
    preview = registrar_client.get(reverse("register_preview"), {
        "channel": "fax", "applicant_id": applicant.pk, "description": "请公开2026年学区划分方案"}).json()
    assert preview["repeats"] == []


def test_an_auditor_cannot_open_registration(client, staff):
    client.force_login(staff["auditor"])
    assert client.get(reverse("request_register")).status_code == 403


def test_the_look_up_finds_by_id_number_and_phone_and_masks_the_id(registrar_client, education, staff):
    person = Applicant.objects.create(agency=education, kind="natural_person", name="周杰", phone="13512345678",
                                      id_type="resident_id", id_number="140581198805051234")
    url = reverse("applicant_lookup")
    for query in ("140581198805051234", "1234", "13512345678", "周"):
        results = registrar_client.get(url, {"q": query}).json()["results"]
        assert [r["id"] for r in results] == [person.pk], query
    assert results[0]["id_number"] == "1405**********1234"


def _errors(response):
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_a_future_signing_date_is_called_future_not_missing(registrar_client):
    response = post(registrar_client, channel="post", post_kind="signed", signed_on=days_ago(-3))
    assert _errors(response) == {"signed_on": ["日期不能晚于今天"]}
    assert response.context["form"].data["signed_on"] == days_ago(-3).isoformat()  # kept as typed


def test_a_too_long_name_gets_one_message_and_is_kept_whole(registrar_client):
    long_name = "张" * 200
    response = post(registrar_client, channel="fax", confirmed_on=days_ago(1), name=long_name)
    assert _errors(response) == {"name": ["不能超过100个字"]}
    page = response.content.decode()
    assert long_name in page and ' maxlength="100"' not in page and 'data-maxlength="100"' in page


def test_an_empty_description_gets_one_message(registrar_client):
    for blank in ("", "   "):
        response = post(registrar_client, channel="fax", confirmed_on=days_ago(1), description=blank)
        assert len(_errors(response)["description"]) == 1, blank


def test_fields_required_for_a_new_applicant_are_marked_before_any_error(registrar_client):
    page = registrar_client.get(reverse("request_register")).content.decode()
    for name in ("kind", "name", "channel", "description"):
        wrap = page.split(f'id="wrap_{name}"', 1)[0].rsplit("<div", 1)[1]
        assert "required" in wrap, name


def test_the_receipt_panel_keeps_its_explanation_after_a_refused_submission(registrar_client):
    response = post(registrar_client, description="")
    panel = response.content.decode().split('id="receipt-preview"', 1)[1].split("</div>", 1)[0]
    assert "这里显示按条例第三十一条确定的收到申请日期" in panel


def test_every_field_description_a_screen_reader_is_pointed_to_exists(registrar_client):
    import re

    page = post(registrar_client, channel="post", post_kind="signed", signed_on=days_ago(-3), name="").content.decode()
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', page) for i in ids.split()}
    assert described, "no field is described"
    assert {i for i in described if f'id="{i}"' not in page} == set()
