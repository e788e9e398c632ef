"""Personas: an editor and a second editor, two reviewers, a superuser, a reader (anonymous)
and an outsider (logged in, no role) who must see nothing unpublished."""

import pytest
from django.http import HttpRequest
from django.test import Client

from core.roles import EDITOR_GROUP, REVIEWER_GROUP
from tests.factories import empty_caches, make_user
from tests.local_site import local_site


class LoginClient(Client):
    """The test client, logging in the way a login form does: with a request, which
    django-axes (brute-force protection) needs to count failures per address."""

    def login(self, **credentials):
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        return super().login(request=request, **credentials)


@pytest.fixture
def client():
    return LoginClient()


@pytest.fixture
def editor(db):
    return make_user("erin", group=EDITOR_GROUP)


@pytest.fixture
def editor2(db):
    return make_user("elias", group=EDITOR_GROUP)


@pytest.fixture
def reviewer(db):
    return make_user("rosa", group=REVIEWER_GROUP)


@pytest.fixture
def reviewer2(db):
    return make_user("ravi", group=REVIEWER_GROUP)


@pytest.fixture
def superuser(db):
    return make_user("sam", is_superuser=True, is_staff=True)


@pytest.fixture
def outsider(db):
    return make_user("olga")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: cached public pages never cross tests."""
    empty_caches()


@pytest.fixture
def site():
    """A web server on 127.0.0.1 (tests/local_site.py)."""
    with local_site() as server:
        yield server
