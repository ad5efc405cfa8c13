"""/healthz: no login, no data; the database always, the broker when one is configured."""

import pytest
from django.urls import reverse

from requests_cms import health
from requests_cms.celery import app


def test_it_answers_without_login_and_names_only_its_dependencies(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "not configured"}
    assert "no-cache" in response["Cache-Control"]


def test_a_database_that_does_not_answer_gives_503(client, db, monkeypatch):
    def down():
        raise OSError("connection refused")

    monkeypatch.setattr(health, "_database", down)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503 and response.json()["database"] == "down"


@pytest.fixture
def unreachable_broker():
    app.conf.task_always_eager = False
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/5"  # nothing listens on port 1
    yield
    app.conf.broker_url = previous
    app.conf.task_always_eager = True


def test_a_configured_broker_that_does_not_answer_gives_503(client, db, unreachable_broker):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503 and response.json()["broker"] == "down"
