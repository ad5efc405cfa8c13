"""Two clerks acting on one request at once: exactly one succeeds, the other gets a clear conflict."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from requests_cms.models import InformationRequest
from requests_cms.services import handling
from requests_cms.services.errors import WorkflowError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers")


def test_two_simultaneous_accepts_one_wins_one_is_told(make_request, staff):
    req = make_request(received=timezone.localdate() - timedelta(days=2))
    barrier = threading.Barrier(2)
    outcomes = []

    def act(user):
        from django.db import connections

        try:
            barrier.wait()
            handling.request_accept(request=req, by=user, expected_version=req.version)
            outcomes.append("ok")
        except WorkflowError as exc:
            outcomes.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(staff[name],)) for name in ("registrar", "handler")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 1
    refused = next(o for o in outcomes if o != "ok")
    assert "已有新的办理记录" in refused or "状态" in refused
    fresh = InformationRequest.objects.get(pk=req.pk)
    assert fresh.state == "accepted"
    assert list(fresh.events.values_list("action", flat=True)) == ["register", "accept"]
