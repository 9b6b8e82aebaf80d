"""axe-core on the admin pages the integration office uses, in German and Arabic.

The pages come from the admin's own registry: for every model the office may view, its list,
its add form (where it may add) and the change form of an existing object (made by
``build_world``), so an admin registered by a coming app is checked without being listed.
Django's admin is corrected in our own files (templates/admin/base_site.html,
static/vernetzt/css/admin.css, static/vernetzt/js/admin.js).
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.access import build_world
from tests.browser.axe import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_urls(user):
    urls = [reverse("admin:index")]
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        meta = model._meta
        if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            continue
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        if user.has_perm(f"{meta.app_label}.add_{meta.model_name}") and model_admin.has_add_permission(
            _request_for(user)
        ):
            urls.append(reverse(f"{prefix}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{prefix}_change", args=[first.pk]))
    return urls


def _request_for(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_admin_pages_of_the_office_pass_axe(page_for, axe_source, role_users, edited_organisation, staff_user, language):
    build_world(organisation=edited_organisation)
    page = page_for(user=staff_user, language=language)
    page.context.add_init_script(axe_source)
    failures, urls = [], admin_urls(staff_user)
    assert len(urls) > 10, f"the office may open only {urls}"
    for url in urls:
        response = page.goto(url)
        if response is None or response.status != 200:
            failures.append(f"{url}: answered {response.status if response else 'nothing'}")
            continue
        violations = axe_violations(page, axe_source)
        if violations:
            failures.append(f"{url} ({language}):\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)
