"""The public directory: search with facets, the organisation profile and the export.

For anonymous visitors the list comes whole from the cache (``vernetzt.directory.cache``),
keyed by the directory revision, language, day and address; its parts that do not depend on
the address's form (results, facets, count) are also cached as fragments under the normalised
query, so the full page and htmx's partial one share them. An anonymous profile shows the
organisation's published article (``vernetzt.directory.published``). Logged-in users always
get a fresh rendering.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vernetzt.core.access import is_allowed
from vernetzt.core.roles import is_council_or_staff, is_staff
from vernetzt.directory import cache, export, published, selectors


def _filters(request):
    return selectors.DirectoryFilters.from_params(
        request.GET, allow_status=is_council_or_staff(request.user)
    )


def _active_filters(filters, facets):
    """Each chosen filter with a link that removes just that one."""
    pairs = filters.to_params()
    active = []
    if filters.query:
        active.append((_("Search: %(text)s") % {"text": filters.query}, ("q", filters.query)))
    for facet in facets:
        for option in facet.selected_options:
            label = _("%(facet)s: %(option)s") % {"facet": facet.label, "option": option.label}
            active.append((label, (facet.param, option.key)))
    return [
        {"label": label, "query": urlencode([pair for pair in pairs if pair != removed])}
        for label, removed in active
    ]


def _wants_partial(request):
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


class _CountedPaginator(Paginator):
    """Takes the number of results from the search (counted in memory with the facets):
    counting the ranked, FTS-joined query in SQL is far slower."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count


def _page_param(request):
    page = request.GET.get("page", "").strip()
    return page if page.isdigit() and len(page) < 10 else ""


def _list_fragments(request, filters):
    result = selectors.search_organisations(
        user=request.user, query=filters.query, filters=filters
    )
    organisations = selectors.with_card_data(result.organisations)
    page = _CountedPaginator(
        organisations, settings.DIRECTORY_PAGE_SIZE, count=result.count
    ).get_page(request.GET.get("page"))
    facets = result.facets
    context = {
        "filters": filters,
        "facets": facets,
        "page": page,
        "active_filters": _active_filters(filters, facets),
        "query_string": urlencode(filters.to_params()),
        "show_status": result.show_status,
    }
    return {
        name: render_to_string(f"directory/public/_{name}.html", context)
        for name in ["result_list", "facets", "count"]
    }


@require_GET
def organisation_list(request):
    return cache.cached_page(request, lambda: _organisation_list_page(request))


def _organisation_list_page(request):
    filters = _filters(request)
    fragments = cache.get_or_render(
        request,
        "list",
        [filters.to_params(), _page_param(request)],
        lambda: _list_fragments(request, filters),
    )
    context = {"filters": filters, **{name: mark_safe(html) for name, html in fragments.items()}}
    template = "directory/public/_results.html" if _wants_partial(request) else (
        "directory/public/list.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
def organisation_detail(request, slug):
    """Anonymous visitors read the published article (``published``), which is the profile's
    cache: keeping the whole page in the page cache as well cost more than it saved, since
    most profile visits are the first to that profile (docs/benchmarks.md)."""
    user = request.user
    if user.is_authenticated:
        organisation = selectors.organisation_profile(user=user, slug=slug)
        article = published.Article(
            title=organisation.name,
            html=published.render_article(
                organisation,
                can_edit=is_allowed(user, "directory:organisation_edit", {"slug": slug}),
                can_manage=is_staff(user),
            ),
        )
    else:
        article = published.public_article(slug=slug)
    context = {"title": article.title, "article": mark_safe(article.html)}  # rendered escaped
    return render(request, "directory/public/detail.html", context)


@require_GET
def organisation_export(request, fmt):
    if fmt not in export.FORMATS:
        raise Http404
    filters = _filters(request)
    result = selectors.search_organisations(
        user=request.user, query=filters.query, filters=filters
    )
    return export.response(
        fmt,
        organisations=result.organisations,
        internal=is_council_or_staff(request.user),
    )
