"""The page that explains the public JSON API (``directory/api.py``) to people."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from vernetzt.core.api import URL_NAMESPACE
from vernetzt.directory import selectors
from vernetzt.directory.api import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


def _absolute(request, name):
    return request.build_absolute_uri(reverse(f"{URL_NAMESPACE}:{name}"))


@require_GET
def api_docs(request):
    context = {
        "list_url": _absolute(request, "directory_organisations"),
        "taxonomies_url": _absolute(request, "directory_taxonomies"),
        "openapi_url": _absolute(request, "openapi-json"),
        "max_page_size": MAX_PAGE_SIZE,
        "default_page_size": DEFAULT_PAGE_SIZE,
        "facets": selectors.FACETS,
    }
    return render(request, "directory/api/docs.html", context)
