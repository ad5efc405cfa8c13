"""NUL and other control characters are refused with 400 and a Chinese message wherever they can arrive."""

import json

import pytest
from django.urls import reverse

from requests_cms.models import InformationRequest


@pytest.fixture
def registrar(client, staff):
    client.force_login(staff["registrar"])
    return client


def test_a_nul_in_the_applicant_lookup_gets_400_not_500(registrar):
    response = registrar.get("/applicants/lookup/?q=%00")
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()


@pytest.mark.parametrize("query", ["q=%01abc", "q=a%7Fb", "q=%C2%85", "page=1&%00=x"])
def test_other_control_characters_in_a_query_are_refused(registrar, query):
    response = registrar.get(reverse("request_list") + "?" + query)
    assert response.status_code == 400


def test_tabs_and_line_breaks_are_ordinary_text(registrar):
    assert registrar.get(reverse("request_list") + "?q=%E9%A2%84%E7%AE%97%09%0A").status_code == 200


def test_a_form_field_with_a_nul_is_refused_and_nothing_is_saved(registrar, applicant):
    before = InformationRequest.objects.count()
    response = registrar.post(reverse("request_register"), {
        "applicant_id": applicant.pk, "channel": "in_person", "submitted_on": "2025-09-25",
        "description": "请公开\x00预算", "requested_form": "paper", "delivery_method": "post"})
    assert response.status_code == 400 and "控制字符" in response.content.decode()
    assert InformationRequest.objects.count() == before


def test_json_bodies_are_checked_after_decoding_their_escapes(registrar):
    response = registrar.post(reverse("request_list"), data=json.dumps({"q": "a\u0000b"}),
                              content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"].startswith("提交的内容中含有不可见的控制字符")


def test_the_login_page_refuses_them_too(client):
    response = client.post(reverse("login"), {"username": "admin\x00", "password": "x"})
    assert response.status_code == 400
