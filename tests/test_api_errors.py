"""Every 4xx from the API is JSON naming the field or the rule; nothing a client sends makes a
500. Also: throttling with Retry-After, and the schema and docs pages."""

import pytest
from django.test import Client

from tests.api_support import API, as_user, call
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def assert_rule_error(response, status: int, code: str):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["detail"]


def test_malformed_json_is_a_parse_error(client, editor):
    response = call(as_user(client, editor), "POST", f"{API}/sources/", '{"name": "RIA",')
    assert_rule_error(response, 400, "parse_error")


def test_absurdly_nested_json_is_a_parse_error_not_a_crash(client, editor):
    response = call(as_user(client, editor), "POST", f"{API}/sources/", "[" * 100_000)
    assert_rule_error(response, 400, "parse_error")


def test_wrong_types_are_named_field_by_field(client, editor):
    payload = {"name": ["RIA"], "state_affiliated": "perhaps", "parent": "x", "kind": 3}
    response = call(as_user(client, editor), "POST", f"{API}/sources/", payload)
    assert response.status_code == 400
    assert set(response.json()) == {"name", "state_affiliated", "parent", "kind"}
    assert all(isinstance(messages, list) for messages in response.json().values())


def test_a_json_body_that_is_not_an_object_is_refused(client, editor):
    response = call(as_user(client, editor), "POST", f"{API}/sources/", [1, 2])
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("colour=red", "colour"),
        ("status=unknown", "status"),
        ("claimant=abc", "claimant"),
        ("claimant=99999999999999999999999", "claimant"),
        ("min_checkworthiness=NaN", "min_checkworthiness"),
        ("published_after=yesterday", "published_after"),
        ("ordering=statement", "ordering"),
    ],
)
def test_unknown_filters_and_bad_values_name_the_parameter(client, query, field):
    response = client.get(f"{API}/claims/?{query}")
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    "path",
    [
        "claims/abc/",
        "claims/99999999999999999999999999/",
        "claims/-1/",
        "verdicts/0/",
        "sources/1.5/",
        "nothing-here/",
        "claims/?page=999",
    ],
)
def test_bad_ids_and_unknown_addresses_are_json_404s(client, path):
    assert_rule_error(client.get(f"{API}/{path}"), 404, "not_found")


def test_an_unknown_api_address_outside_v1_is_a_json_404(client):
    assert_rule_error(client.get("/api/v2/claims/"), 404, "not_found")


def test_a_write_to_an_unknown_api_address_is_a_json_404_not_a_csrf_page(client):
    strict = Client(enforce_csrf_checks=True)
    assert_rule_error(strict.put(f"{API}/claims/1.5/", "{}"), 404, "not_found")


def test_a_method_an_endpoint_lacks_is_a_json_405(client, editor):
    claim = make_claim()
    response = call(as_user(client, editor), "DELETE", f"{API}/claims/{claim.pk}/")
    assert_rule_error(response, 405, "method_not_allowed")


def test_a_body_in_an_unsupported_format_is_a_json_415(client, editor):
    response = as_user(client, editor).post(
        f"{API}/sources/", "name=RIA", content_type="application/x-www-form-urlencoded"
    )
    assert_rule_error(response, 415, "unsupported_media_type")


def test_an_oversized_body_is_refused_before_it_is_read(client, editor, settings):
    settings.MAX_REQUEST_BYTES = 1000
    payload = {"text": "x" * 2000}
    response = call(as_user(client, editor), "POST", f"{API}/articles/", payload)
    assert_rule_error(response, 413, "too_large")


def test_a_bad_token_is_refused_with_401(client):
    response = client.get(f"{API}/claims/", headers={"authorization": "Token nope"})
    assert_rule_error(response, 401, "authentication_failed")


def test_anonymous_clients_are_throttled_with_retry_after(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/minute",
        },
    }
    # Each a different question: a stored answer is served before the throttle (as nginx's
    # cache would serve it), so repeating one URL would measure the cache.
    orderings = ["position", "-position", "label", "-label"]
    statuses = [client.get(f"{API}/ratings/?ordering={o}").status_code for o in orderings[:3]]
    assert statuses == [200, 200, 429]
    response = client.get(f"{API}/ratings/?ordering={orderings[3]}")
    assert_rule_error(response, 429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60
    assert client.get(f"{API}/ratings/?ordering={orderings[0]}").status_code == 200


def test_the_openapi_schema_describes_every_endpoint_and_its_errors(client):
    response = client.get("/api/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for path in [
        "/api/v1/claims/",
        "/api/v1/claims/{id}/transitions/",
        "/api/v1/claims/{id}/chain/",
        "/api/v1/claims/{id}/claimreview/",
        "/api/v1/claimreview/import/",
        "/api/v1/articles/",
        "/api/v1/verdicts/{id}/",
        "/api/v1/evidence/",
        "/api/v1/sources/",
        "/api/v1/ratings/",
    ]:
        assert path in paths, path
    transition = paths["/api/v1/claims/{id}/transitions/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "429"} <= set(transition)
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


def test_the_interactive_docs_load_their_assets_from_our_own_server(client):
    response = client.get("/api/docs/", headers={"accept": "text/html"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html
    assert "unpkg" not in html
