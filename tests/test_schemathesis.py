"""Schemathesis against /api/schema/: generated requests, anonymous and as an editor, must get
no server error and only responses the schema documents, in the shapes it documents."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis import checks

from tests.api_support import make_newsroom

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
# Valid requests, and invalid ones (wrong types, missing fields), which must get a documented 4xx.
schema.config.generation.update(modes=list(schemathesis.GenerationMode))
# The coverage phase sends dozens of boundary cases per operation regardless of max_examples;
# fuzzing a bounded number of examples keeps the suite fast on two cores.
schema.config.phases.coverage.enabled = False
# What the issue asks: no server error, and every response documented and shaped as documented.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

# Bounded so the whole run stays well under a minute on two cores.
bounded = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(autouse=True)
def keep_the_test_transaction_open():
    """Like Django's test client: calling the WSGI app must not close the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def newsroom(db, editor, reviewer):
    return make_newsroom(editor=editor, reviewer=reviewer)


@schema.include(method="GET").parametrize()
@bounded
def test_anonymous_requests_conform_to_the_schema(case, newsroom):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@bounded
def test_editor_requests_conform_to_the_schema(case, newsroom, editor):
    token = Token.objects.get_or_create(user=editor)[0]
    case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)
