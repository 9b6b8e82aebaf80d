"""Property-based test of the public API: schemathesis generates requests from the OpenAPI
document that django-ninja generates from the code (valid and invalid ones) and sends them to
the application in-process; no answer may be a server error or break its documented schema."""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.directory.factories_public import directory_world
from vernetzt.core.api import platform_api

SCHEMA = schemathesis.openapi.from_dict(platform_api().get_openapi_schema())
OPERATIONS = [
    ("/api/v1/organisations/", "GET"),
    ("/api/v1/organisations/{slug}/", "GET"),
    ("/api/v1/taxonomies/", "GET"),
    ("/api/v1/network/cooperations/", "GET"),
    ("/api/v1/matches/", "GET"),
]


def test_every_operation_is_tested():
    documented = {
        (result.ok().path, result.ok().method.upper()) for result in SCHEMA.get_all_operations()
    }
    assert documented == set(OPERATIONS)


def cases(path, method):
    operation = SCHEMA[path][method]
    return st.one_of(
        operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
        operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_no_generated_request_causes_a_server_error(path, method):
    directory_world()
    app = WSGIHandler()

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=cases(path, method))
    def check(case):
        response = case.call(app=app, base_url="http://testserver")
        checks = [not_a_server_error]
        if response.status_code == 200:
            checks.append(response_schema_conformance)
        case.validate_response(response, checks=checks)

    # As Django's test client does: a finished request must not close the test's connection
    # (on PostgreSQL that would end the test's transaction and fail every later request).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        check()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
