"""What `make run` prints and serves: the demo accounts seeded and listed, the real address, the favicon."""

from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from requests_cms.models import User

pytestmark = pytest.mark.django_db


def _run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_seeding_counts_every_demo_account_that_demo_logins_lists():
    seeded = _run("seed_demo")
    listed = [line for line in _run("demo_logins").splitlines() if line.startswith("  ")]
    demo_users = User.objects.filter(email__endswith="@example.gov.cn").count()
    assert f"演示账号：{demo_users} 个" in seeded
    assert len(listed) == demo_users
    assert any(line.split()[0] == "admin" for line in listed)


def test_demo_logins_prints_the_address_the_server_was_started_on():
    out = _run("demo_logins", "--addr", "0.0.0.0:8123")
    assert "http://0.0.0.0:8123/" in out and "8000" not in out


def test_favicon_is_served_from_the_static_files(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico") and response["Location"] != "/favicon.ico"
    assert finders.find("favicon.ico"), "static/favicon.ico is missing"
