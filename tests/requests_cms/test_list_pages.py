"""Paging the list: a searched list reads its page and its total in one query; the filter form's selects."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requests_cms.forms.lists import RequestFilter
from requests_cms.forms.widgets import PlainSelect
from requests_cms.models import InformationRequest
from requests_cms.pagination import IdPaginator
from requests_cms.views.lists import COUNT_CAP


@pytest.fixture
def budget_requests(make_request):
    return [make_request(description=f"请公开第{i}号预算执行情况") for i in range(7)]


def searched(client, user, **params):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("request_list"), params)
    assert response.status_code == 200
    return response, [q["sql"] for q in queries.captured_queries]


def test_a_search_counts_and_pages_in_one_query(client, staff, budget_requests, monkeypatch):
    monkeypatch.setattr("requests_cms.views.lists.PER_PAGE", 5)
    response, sql = searched(client, staff["handler"], q="预算", page=2)
    page = response.context["page"]
    assert page.paginator.count == 7 and page.number == 2 and len(page.object_list) == 2
    assert not [s for s in sql if '"__count"' in s]  # no separate COUNT over the matches
    limit = f"LIMIT {COUNT_CAP + 1}"  # each read takes up to the cap and one more
    assert len([s for s in sql if '"pk" FROM' in s and limit in s]) == 3  # windows: 31, 366 days, all


def test_a_search_with_more_matches_than_the_cap_in_hand_is_capped_without_a_count(client, staff, budget_requests,
                                                                                   monkeypatch):
    monkeypatch.setattr("requests_cms.views.lists.PER_PAGE", 2)
    monkeypatch.setattr("requests_cms.views.lists.COUNT_CAP", 4)
    response, sql = searched(client, staff["handler"], q="预算", page=2)
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.count == 5 and page.has_next()
    assert [r.pk for r in page.object_list] == [r.pk for r in reversed(budget_requests)][2:4]
    assert "共 4+ 件" in response.content.decode()
    assert not [s for s in sql if "COUNT(*)" in s and "informationrequest" in s]


def test_a_window_holding_the_page_but_not_the_cap_counts_apart(client, staff, make_request, budget_requests,
                                                                 monkeypatch):
    from tests.clock import FIXED_TODAY

    monkeypatch.setattr("requests_cms.views.lists.PER_PAGE", 2)
    monkeypatch.setattr("requests_cms.views.lists.COUNT_CAP", 4)
    recent = [make_request(received=FIXED_TODAY, description="请公开最近的预算") for _ in range(3)]
    response, sql = searched(client, staff["handler"], q="预算")
    page = response.context["page"]
    assert [r.pk for r in page.object_list] == [r.pk for r in reversed(recent)][:2]
    assert page.paginator.capped and "共 4+ 件" in response.content.decode()
    assert [s for s in sql if "COUNT(*)" in s and "LIMIT 5" in s]  # 3 in the last 31 days: the total counted apart


def test_an_exact_search_count_comes_with_the_page_in_one_query(client, staff, budget_requests, monkeypatch):
    monkeypatch.setattr("requests_cms.views.lists.PER_PAGE", 5)
    response, sql = searched(client, staff["handler"], q="预算", page=2, exact=1)
    assert response.context["page"].paginator.count == 7
    assert not [s for s in sql if '"__count"' in s] and [s for s in sql if "OVER ()" in s]


def test_past_the_cap_the_list_says_more_and_pages_on(client, staff, budget_requests, monkeypatch):
    monkeypatch.setattr("requests_cms.views.lists.PER_PAGE", 2)
    monkeypatch.setattr("requests_cms.views.lists.COUNT_CAP", 4)
    response, sql = searched(client, staff["handler"], state="registered", page=3)
    page = response.context["page"]
    assert page.paginator.capped and page.number == 3 and len(page.object_list) == 2 and page.has_next()
    body = response.content.decode()
    assert "共 4+ 件" in body and 'id="exact-count"' in body and "末页" not in body
    assert [s for s in sql if "COUNT(*)" in s and "LIMIT 5" in s]  # counted up to the cap only
    last = searched(client, staff["handler"], state="registered", page=4)[0].context["page"]
    assert len(last.object_list) == 1 and not last.has_next()


def test_the_exact_count_is_given_when_asked(client, staff, budget_requests, monkeypatch):
    monkeypatch.setattr("requests_cms.views.lists.COUNT_CAP", 4)
    response, _ = searched(client, staff["handler"], state="registered", exact=1)
    assert response.context["page"].paginator.count == 7 and not response.context["page"].paginator.capped
    assert "共 7 件" in response.content.decode()


def test_a_search_page_past_the_end_shows_the_last_page(client, staff, budget_requests, monkeypatch):
    monkeypatch.setattr("requests_cms.views.lists.PER_PAGE", 5)
    response, _ = searched(client, staff["handler"], q="预算", page=9)
    assert response.context["page"].number == 2 and len(response.context["rows"]) == 2


def test_a_search_without_matches_shows_an_empty_first_page(client, staff, budget_requests):
    response, _ = searched(client, staff["handler"], q="招生")
    assert response.context["page"].paginator.count == 0
    assert "没有符合条件的申请" in response.content.decode()


def test_an_unsearched_list_keeps_the_separate_count(client, staff, budget_requests):
    response, sql = searched(client, staff["handler"], state="registered")
    assert response.context["page"].paginator.count == 7
    assert [s for s in sql if "COUNT(*)" in s] and not [s for s in sql if "OVER ()" in s]


def test_the_id_paginator_pages_in_the_querysets_order(db, budget_requests):
    qs = InformationRequest.objects.order_by("-id")
    first = IdPaginator(qs, 3, one_query=True).get_page(1)
    plain = IdPaginator(qs, 3).get_page(1)
    assert list(first.object_list) == list(plain.object_list) == [r.pk for r in reversed(budget_requests)][:3]
    assert first.paginator.num_pages == plain.paginator.num_pages == 3


def test_a_plain_select_marks_the_chosen_option_and_escapes_labels():
    widget = PlainSelect(choices=[("", "全部"), ("a", "<b>甲</b>"), ("b", "乙")])
    html = widget.render("kind", "a", attrs={"id": "id_kind"})
    assert html.startswith('<select name="kind" id="id_kind">')
    assert '<option value="a" selected>&lt;b&gt;甲&lt;/b&gt;</option>' in html
    assert '<option value="b">乙</option>' in html and html.count("selected") == 1


def test_the_handler_select_reads_its_choices_in_one_query(rf, staff, django_assert_num_queries):
    request = rf.get("/requests/", {"handler": staff["handler"].pk})
    form = RequestFilter(request.GET, queryset=InformationRequest.objects.all(), user=staff["handler"]).form
    assert form.is_valid()  # validation reads the chosen handler; rendering then reads the choices once (no COUNT)
    with django_assert_num_queries(1):
        html = str(form["handler"])
    assert f'<option value="{staff["handler"].pk}" selected>' in html
