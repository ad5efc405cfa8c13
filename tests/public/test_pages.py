"""The public pages need no login, and no staff page, upload or letter is reachable from the anonymous side."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from public.models import DisclosureGuide

pytestmark = pytest.mark.django_db


def test_the_agency_list_and_a_guide_open_without_login(client, education):
    DisclosureGuide.objects.create(agency=education, office_hours="工作日 9:00—17:00", channels="当面；邮寄；网上")
    listing = client.get("/public/")
    assert listing.status_code == 200 and education.name in listing.content.decode()
    guide = client.get(f"/public/agencies/{education.code}/").content.decode()
    for text in ("工作日 9:00—17:00", "当面；邮寄；网上", "flowchart/workflow.svg", "flowchart/workflow.pdf",
                 "政府信息公开工作机构", "邮政编码"):
        assert text in guide
    assert education.address in guide


def test_an_unpublished_guide_is_not_listed(client, education):
    DisclosureGuide.objects.create(agency=education, published=False)
    assert education.name not in client.get("/public/").content.decode()
    assert client.get(f"/public/agencies/{education.code}/").status_code == 404


def test_the_public_pages_link_nothing_of_the_staff_side(client, education):
    for url in ("/public/", f"/public/agencies/{education.code}/", "/public/apply/", "/public/lookup/"):
        html = client.get(url).content.decode()
        assert "/requests/" not in html and "/admin/" not in html and "/online/" not in html


def _routes(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name


def _concrete(route):
    import re

    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<slug:[^>]+>", "x", route)
    route = re.sub(r"<[^>]+>", "x", route)
    return "/" + route.lstrip("^").rstrip("$")


PUBLIC_OK = {"public_agencies", "public_guide", "public_apply", "public_lookup", "public_api_schema", "healthz",
             "favicon", "login", "captcha-image", "captcha-image-2x", "captcha-audio", "captcha-refresh"}


def test_no_staff_route_answers_an_anonymous_visitor(client, make_request, staff):
    """Every route outside the public set, GET and POST, with the ids of real rows: a redirect to the login page,
    401 (the API without a key), 403, 404 or 405 — never the page itself (0 leaks)."""
    req = make_request()
    leaks, checked = [], 0
    for route, name in _routes():
        if name in PUBLIC_OK or route.startswith("admin/"):
            continue
        url = _concrete(route).replace("/1/", f"/{req.pk}/")
        for method in (client.get, client.post):
            response = method(url)
            checked += 1
            login_redirect = response.status_code == 302 and "/accounts/login/" in response["Location"]
            if not (login_redirect or response.status_code in (401, 403, 404, 405)):
                leaks.append((name, url, method.__name__, response.status_code))
    assert checked >= 80  # 45 routes, GET and POST
    assert leaks == []


def test_the_admin_is_not_open_to_an_anonymous_visitor(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_letter_download_needs_a_lookup_in_this_session(client, make_request):
    make_request()
    assert client.get("/public/lookup/letters/1/").status_code == 404
