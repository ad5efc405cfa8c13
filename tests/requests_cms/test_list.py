"""The list: filters, search, pagination, agency isolation, bounded queries."""

from datetime import timedelta

import pytest
from django.urls import reverse

from requests_cms.services import registration

from . import pages_data as data


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("request_list"), params)
    assert response.status_code == 200
    return response, [r.number for r in response.context["rows"]]


def test_a_desk_user_sees_only_their_agencys_requests(client, staff, make_request):
    mine = data.far(make_request)
    theirs = data.far(make_request, agency=staff["other_handler"].agency, by=staff["other_handler"],
                      applicant=registration.applicant_create(agency=staff["other_handler"].agency,
                                                              by=staff["other_handler"], kind="natural_person",
                                                              name="李四"))
    _, rows = listed(client, staff["handler"])
    assert rows == [mine.number]
    _, rows = listed(client, staff["oversight"])
    assert set(rows) == {mine.number, theirs.number}


def test_the_agency_filter_is_only_offered_to_oversight(client, staff, make_request, education):
    data.far(make_request)
    response, _ = listed(client, staff["handler"], agency=education.pk + 1)
    assert "agency" not in response.context["filter"].form.fields
    response, rows = listed(client, staff["oversight"], agency=education.pk)
    assert "agency" in response.context["filter"].form.fields and len(rows) == 1


def test_it_filters_by_state_channel_and_received_dates(client, staff, make_request):
    old = make_request(received=data.today() - timedelta(days=60), channel="online")
    new = data.far(make_request)
    data.correction(make_request, staff)
    _, rows = listed(client, staff["handler"], state="correction_requested")
    assert len(rows) == 1
    _, rows = listed(client, staff["handler"], channel="online")
    assert rows == [old.number]
    _, rows = listed(client, staff["handler"], received_from=data.today().isoformat())
    assert rows == [new.number]
    _, rows = listed(client, staff["handler"], received_to=(data.today() - timedelta(days=30)).isoformat())
    assert rows == [old.number]


def test_overdue_only_shows_requests_past_their_due_date(client, staff, make_request):
    late = data.overdue(make_request)
    data.due_soon(make_request)
    _, rows = listed(client, staff["handler"], overdue="on")
    assert rows == [late.number]


def test_it_searches_number_applicant_and_words_of_the_description(client, staff, make_request, applicant):
    a = make_request(description="请公开2025年度部门预算及三公经费")
    b = make_request(description="请公开某某学校的招生计划")
    other = registration.applicant_create(agency=applicant.agency, by=staff["registrar"], kind="business",
                                          name="高平市丹河建材有限公司")
    c = make_request(description="采购合同", applicant=other)
    assert listed(client, staff["handler"], q="三公经费")[1] == [a.number]
    assert listed(client, staff["handler"], q="学校 招生")[1] == [b.number]
    assert listed(client, staff["handler"], q="学校 预算")[1] == []
    assert listed(client, staff["handler"], q="丹河")[1] == [c.number]
    assert listed(client, staff["handler"], q=b.number.lower())[1] == [b.number]


def test_a_bad_date_keeps_the_form_and_says_why(client, staff, make_request):
    data.far(make_request)
    response, _ = listed(client, staff["handler"], received_from="2025-13-45")
    assert response.context["filter"].form.errors["received_from"]
    assert 'value="2025-13-45"' in response.content.decode()


def test_it_pages_by_fifty_and_keeps_the_filters(client, staff, make_request):
    for _ in range(51):
        make_request(received=data.today(), channel="online")
    response, rows = listed(client, staff["handler"], channel="online")
    assert len(rows) == 50 and response.context["page"].paginator.num_pages == 2
    html = response.content.decode()
    assert "channel=online&amp;page=2" in html
    _, rows = listed(client, staff["handler"], channel="online", page=2)
    assert len(rows) == 1


def test_the_dashboard_links_open_the_list_filtered(client, staff, make_request):
    late = data.overdue(make_request)
    data.far(make_request)
    _, rows = listed(client, staff["handler"], overdue=1, open=1)
    assert rows == [late.number]
    _, rows = listed(client, staff["handler"], due_soon=1)
    assert rows == []


@pytest.mark.parametrize("n", [5, 50])
def test_the_list_runs_a_bounded_number_of_queries(n, client, staff, make_request, django_assert_max_num_queries):
    data.mix(make_request, staff, n)
    for role in ("handler", "oversight"):
        client.force_login(staff[role])
        for params in ({}, {"q": "预算", "overdue": "on"}, {"state": "registered", "page": 1}):
            with django_assert_max_num_queries(10):
                assert client.get(reverse("request_list"), params).status_code == 200


def test_a_correction_stops_the_clock_in_the_same_words_on_the_list_and_the_case_page(client, staff, make_request):
    req = data.correction(make_request, staff)
    response, rows = listed(client, staff["handler"])
    assert rows == [req.number]
    assert "停止计算" in response.content.decode() and "暂停计算" not in response.content.decode()
    case_page = client.get(reverse("request_detail", kwargs={"pk": req.pk})).content.decode()
    assert "停止计算" in case_page and "暂停计算" not in case_page


def _handler_options(response):
    return [label for value, label in response.context["filter"].form.fields["handler"].choices if value != ""]


def test_the_oversight_office_chooses_handlers_within_the_chosen_agency(client, staff, education):
    response, _ = listed(client, staff["oversight"])
    assert _handler_options(response) == []  # every agency's staff in one select would be thousands in a province
    assert "全部承办人（先选择机关）" in response.content.decode()
    response, _ = listed(client, staff["oversight"], agency=education.pk)
    offered = _handler_options(response)
    assert staff["handler"].full_name in " ".join(offered)
    assert not [o for o in offered if staff["other_handler"].full_name in o]


def test_a_link_to_one_handlers_requests_still_filters_for_the_oversight_office(client, staff, make_request):
    mine = make_request(by=staff["handler"])
    response, rows = listed(client, staff["oversight"], handler=staff["handler"].pk)
    assert not response.context["filter"].errors and rows == [mine.number]
