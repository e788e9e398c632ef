"""Every list filter, search box, sort and page number of every admin list, given hostile
values (NUL, broken UTF-8, numbers out of range, injection attempts, huge values), answers
without a server error: a page, a redirect to the "invalid filter" notice, or a 400 saying
what was wrong."""

import os
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api_support import make_newsroom

pytestmark = pytest.mark.django_db

# Already percent-encoded, as they would arrive in an address. The suite sends the first few
# to every filter; the one-off larger run (FUZZ_EXAMPLES, docs/operations.md) sends them all
# and generated text besides.
HOSTILE = [
    "%00",
    "%ED%A0%80",  # a lone surrogate, in the UTF-8 form Python would give it
    "99999999999999999999999",
    "%C2%B2",  # a superscript 2: a digit to str.isdigit, not to int()
    "a%00b",
    "1e400",
    "%FF%FE",
    "-1",
    "NaN",
    "%27%20OR%20%271%27%3D%271",
    "x" * 3000,
    "2019-13-45",
    "__all__",
]
# Each admin list's own parameters, plus the ones every list has.
COMMON_PARAMETERS = ["q", "o", "p"]
GENERATED_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
IN_THE_SUITE = 4
values_sent = HOSTILE if GENERATED_EXAMPLES else HOSTILE[:IN_THE_SUITE]
# The suite tries our apps' lists; the larger run also those of Django and the libraries.
PROJECT = Path(__file__).resolve().parents[1]


def is_ours(model) -> bool:
    path = Path(apps.get_app_config(model._meta.app_label).path)
    return path.is_relative_to(PROJECT) and ".venv" not in path.parts


def admin_lists(superuser) -> dict[str, list[str]]:
    """Changelist address → the query parameters its filters read."""
    request = RequestFactory().get("/")
    request.user = superuser
    lists = {}
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        if not (is_ours(model) or GENERATED_EXAMPLES):
            continue
        model_admin = admin.site.get_model_admin(model)
        changelist = model_admin.get_changelist_instance(request)
        parameters = [p for spec in changelist.filter_specs for p in spec.expected_parameters()]
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        lists[url] = [*parameters, *COMMON_PARAMETERS]
    return lists


@pytest.fixture
def desk(client, superuser, editor, reviewer):
    make_newsroom(editor=editor, reviewer=reviewer)
    client.force_login(superuser)
    client.raise_request_exception = False
    return client


def server_errors(client, lists: dict[str, list[str]], value: str) -> list[str]:
    failed = []
    for url, parameters in lists.items():
        for name in parameters:
            address = f"{url}?{name}={value}"
            if client.get(address).status_code >= 500:
                failed.append(address[:200])
    return failed


def test_hostile_values_in_every_admin_filter_give_no_server_error(desk, superuser):
    lists = admin_lists(superuser)
    assert sum(map(len, lists.values())) > 80, "every list's filters are tried"
    failed = [address for value in values_sent for address in server_errors(desk, lists, value)]
    assert failed == []


def test_hostile_terms_in_every_admin_autocomplete_give_no_server_error(desk):
    fields = [
        ("claims", "claim", "claimant"),
        ("claims", "claim", "topics"),
        ("claims", "evidence", "source"),
        ("claims", "attribution", "source"),
    ]
    for app, model, field in fields:
        for value in values_sent:
            address = (
                f"/admin/autocomplete/?app_label={app}&model_name={model}"
                f"&field_name={field}&term={value}"
            )
            assert desk.get(address).status_code < 500, address


@pytest.mark.skipif(not GENERATED_EXAMPLES, reason="the larger one-off run: set FUZZ_EXAMPLES")
@settings(
    max_examples=max(GENERATED_EXAMPLES, 1),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.text(max_size=40))
def test_generated_text_in_every_admin_filter_gives_no_server_error(desk, superuser, text):
    from urllib.parse import quote

    value = quote(text.encode("utf-8", "surrogatepass"), safe="")
    assert server_errors(desk, admin_lists(superuser), value) == []
