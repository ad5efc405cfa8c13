"""Schemathesis against the served OpenAPI schema: every generated request gets a documented status, content type
and body shape, and never a server error. The positive-data-acceptance check is excluded: a schema-valid body is still
refused when the ID number's check digit is wrong or the agency code does not exist (the schema cannot say either)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from public.api import new_key
from requests_cms.wsgi import application

schema = schemathesis.openapi.from_wsgi("/public/api/openapi.json", application)


@pytest.fixture
def api_key(db, organisation, settings):
    settings.PUBLIC_LIMITS = {k: (10**6, 60) for k in ("submit_ip", "submit_phone", "lookup_ip", "lookup_fail_ip",
                                                         "lookup_fail_number", "submit_fail_ip")}
    # As Django's test client does: the WSGI app must not close the test's connection at the end of each request
    # (PostgreSQL would lose the test transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield new_key(name="schemathesis", scopes=["submit", "lookup"])[1]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case, api_key):
    # call_and_validate raises on any check it fails (schema conformance, status codes, no server error)
    response = case.call_and_validate(headers={"X-API-Key": api_key}, excluded_checks=[positive_data_acceptance])
    assert response.status_code < 500
