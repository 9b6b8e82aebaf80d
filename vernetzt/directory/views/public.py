"""The public directory: search with facets, the organisation profile and the export.

For anonymous visitors list and profile pages come whole from the cache
(``vernetzt.directory.cache``), versioned by the directory revision and keyed by the full
address, the htmx headers, the language and the day. Logged-in users always get a fresh
rendering.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vernetzt.core.roles import is_council_or_staff, is_staff
from vernetzt.directory import cache, export, selectors
from vernetzt.network.selectors.cooperations import cooperations_of

MAX_PAGE_DIGITS = 9


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


def page_number(request):
    """The page asked for, normalised once for the cache key and the rendering alike: anything
    but a plain number of at most nine digits (``-1``, ``abc``, ``²``, a hundred digits) is
    page 1; a number past the last page shows the last page."""
    page = request.GET.get("page", "").strip()
    if page.isascii() and page.isdigit() and len(page) <= MAX_PAGE_DIGITS and int(page) > 0:
        return int(page)
    return 1


@require_GET
def organisation_list(request):
    return cache.cached_page(request, "list", lambda: _organisation_list_page(request))


def _organisation_list_page(request):
    filters = _filters(request)
    result = selectors.search_organisations(
        user=request.user, query=filters.query, filters=filters
    )
    paginator = Paginator(
        selectors.with_card_data(result.organisations), settings.DIRECTORY_PAGE_SIZE
    )
    paginator.count = result.count  # counted without the ranking's join
    facets = result.facets
    context = {
        "filters": filters,
        "facets": facets,
        "page": paginator.get_page(page_number(request)),
        "active_filters": _active_filters(filters, facets),
        "query_string": urlencode(filters.to_params()),
        "show_status": result.show_status,
    }
    fragments = {
        name: mark_safe(render_to_string(f"directory/public/_{name}.html", context))
        for name in ["result_list", "facets", "count"]
    }
    template = "directory/public/_results.html" if _wants_partial(request) else (
        "directory/public/list.html"
    )
    response = render(request, template, {"filters": filters, **fragments})
    patch_vary_headers(response, cache.KEY_HEADERS)
    return response


@require_GET
def organisation_detail(request, slug):
    user = request.user
    if user.is_authenticated:
        return _organisation_detail_page(request, slug)
    return cache.cached_page(request, "profile", lambda: _organisation_detail_page(request, slug))


def _organisation_detail_page(request, slug):
    user = request.user if request.user.is_authenticated else None
    organisation = selectors.organisation_profile(user=user, slug=slug)
    context = {
        "organisation": organisation,
        "can_edit": selectors.may_edit(user, slug=slug),
        "can_manage": user is not None and is_staff(user),
        # The network app's section (its include in _profile.html); writes bump the revision.
        "cooperations": cooperations_of(organisation=organisation, user=user),
    }
    article = render_to_string("directory/public/_profile.html", context)
    return render(request, "directory/public/detail.html", {
        "title": organisation.name, "article": mark_safe(article),  # rendered escaped
    })


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
