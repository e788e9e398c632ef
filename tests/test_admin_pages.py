"""Every registered model's admin pages answer for a superuser."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_article, make_claim, make_source

pytestmark = pytest.mark.django_db


def test_admin_index_answers(client, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_each_changelist_answers(client, superuser, model):
    client.force_login(superuser)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("model_name", ["articles.article", "claims.claim", "sources.source"])
def test_old_versions_can_be_read_but_not_restored(client, superuser, model_name):
    app_label, name = model_name.split(".")
    obj = _object_with_two_versions(name)
    version = obj.history.earliest()
    url = reverse(f"admin:{app_label}_{name}_simple_history", args=[obj.pk, version.history_id])
    client.force_login(superuser)
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403


def _object_with_two_versions(name):
    if name == "article":
        obj = make_article()
        obj.title = "A second title"
    elif name == "claim":
        obj = make_claim()
        obj.statement = "A rewritten statement"
    else:
        obj = make_source()
        obj.description = "A new description"
    obj.save()
    return obj
