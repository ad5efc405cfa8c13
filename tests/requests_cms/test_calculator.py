"""The deadline calculator page: the compute_deadline engine and explanation; bad input kept with a message."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff["registrar"])
    return client


def calculate(client, **params):
    response = client.get(reverse("deadline_calculator"), {"region": "national", **params})
    assert response.status_code == 200
    return response


def command_result(*args):
    out = StringIO()
    call_command("compute_deadline", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_empty_page_shows_the_form(staff_client):
    response = staff_client.get(reverse("deadline_calculator"))
    html = response.content.decode()
    assert response.context["result"] is None and 'for="id_received"' in html and "收到申请日期" in html


@pytest.mark.parametrize("received, due", [("2022-09-30", "2022-11-02"), ("2025-09-25", "2025-10-29"),
                                           ("2024-12-31", "2025-02-05"), ("2025-10-04", "2025-11-04")])
def test_it_matches_the_statutory_test_vectors(staff_client, received, due):
    assert calculate(staff_client, received=received).context["result"]["reply_due"] == due


def test_it_gives_the_same_result_and_explanation_as_the_command(staff_client):
    result = calculate(staff_client, received="2025-09-25", correction_received="2025-09-30",
                       pauses="2025-10-09:2025-10-20\n\n2025-10-25:2025-10-28", extension="5",
                       reply_received="2025-11-20").context["result"]
    expected = command_result("--received", "2025-09-25", "--correction-received", "2025-09-30",
                              "--pause", "2025-10-09:2025-10-20", "--pause", "2025-10-25:2025-10-28",
                              "--extension", "5", "--reply-received", "2025-11-20")
    assert result == expected


def test_the_explanation_is_shown_in_chinese(staff_client):
    html = calculate(staff_client, received="2025-09-25").content.decode()
    assert "2025-10-29" in html and "不计入" in html and "计算说明" in html


def test_a_bad_date_gives_a_chinese_message_and_keeps_what_was_typed(staff_client):
    response = calculate(staff_client, received="2025-02-30", pauses="2025-10-09:2025-10-20")
    html = response.content.decode()
    assert response.context["result"] is None
    assert "有效的日期" in html and 'value="2025-02-30"' in html and "2025-10-09:2025-10-20" in html


def test_a_malformed_pause_line_names_the_line(staff_client):
    response = calculate(staff_client, received="2025-09-25", pauses="2025-10-09:2025-10-20\n2025-10-30到11-02")
    assert "第2行格式不正确" in response.content.decode()


def test_a_pause_ending_before_it_starts_is_refused(staff_client):
    response = calculate(staff_client, received="2025-09-25", pauses="2025-10-20:2025-10-09")
    assert "结束日早于开始日" in response.content.decode()


def test_an_extension_over_twenty_workdays_is_refused(staff_client):
    response = calculate(staff_client, received="2025-09-25", extension="21")
    assert response.context["form"].errors["extension"]


def test_a_corrected_application_before_receipt_is_refused(staff_client):
    response = calculate(staff_client, received="2025-09-25", correction_received="2025-09-01")
    assert "不能早于收到申请日期" in response.content.decode()


def test_a_date_outside_the_calendar_gives_the_engines_message(staff_client):
    response = calculate(staff_client, received="1990-01-01")
    assert response.context["result"] is None and "超出可计算范围" in response.content.decode()


def test_a_year_without_official_data_is_marked_provisional(staff_client):
    result = calculate(staff_client, received="2027-03-01").context["result"]
    assert result["provisional"] and "暂定" in staff_client.get(
        reverse("deadline_calculator"), {"received": "2027-03-01", "region": "national"}).content.decode()


def test_it_requires_sign_in(client, db):
    assert client.get(reverse("deadline_calculator")).status_code == 302
