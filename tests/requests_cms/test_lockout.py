"""Behind the reverse proxy the lockout counts failures per username and real client address."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from requests_cms.client_ip import client_ip

PASSWORD = "x-Passw0rd!"
PROXY = "10.0.0.2"  # nginx: every request reaches gunicorn from here


@pytest.fixture(autouse=True)
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]


def ip(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


def login(client, username, password, forwarded):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=PROXY,
                       HTTP_X_FORWARDED_FOR=forwarded)


def test_the_client_is_the_last_address_our_proxies_did_not_write():
    assert ip(PROXY, "198.51.100.7") == "198.51.100.7"
    assert ip(PROXY, "198.51.100.7, 10.1.4.4") == "198.51.100.7"  # through two of our proxies
    assert ip(PROXY, "[2001:db8::1]:443") == "2001:db8::1"


def test_an_address_forged_by_the_client_is_ignored():
    assert ip(PROXY, "1.2.3.4, 203.0.113.9") == "203.0.113.9"


def test_without_a_trusted_proxy_the_header_is_not_believed(settings):
    assert ip("203.0.113.9", "198.51.100.7") == "203.0.113.9"
    settings.TRUSTED_PROXIES = []
    assert ip(PROXY, "198.51.100.7") == PROXY


def test_an_outsider_cannot_lock_a_named_account_for_its_owner(client, staff):
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        login(client, "handler", "wrong", forwarded="203.0.113.9")
    locked = login(client, "handler", PASSWORD, forwarded="203.0.113.9")
    assert "账号已暂时锁定" in locked.content.decode()
    client.cookies.clear()
    owner = login(client, "handler", PASSWORD, forwarded="198.51.100.7")
    assert owner.status_code == 302 and owner["Location"] == reverse("dashboard")


def test_the_outsider_cannot_escape_the_lock_by_forging_the_header(client, staff):
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        login(client, "handler", "wrong", forwarded=f"192.0.2.{n}, 203.0.113.9")
    assert "账号已暂时锁定" in login(client, "handler", PASSWORD, forwarded="192.0.2.99, 203.0.113.9").content.decode()
