"""The network map, its data (JSON) and the same data as tables.

The page draws with sigma.js what ``network_map_data`` sends: positions are computed on the
server (``network.map``). What each visitor sees is decided by ``selectors.map`` (public or
office audience); the access rules (``network.permissions``) let everyone open all three.
"""

import gzip
import json
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from vernetzt.core.collation import sort_key
from vernetzt.directory import cache as directory_cache
from vernetzt.network.map import data
from vernetzt.network.selectors import map as selectors

ROWS_PER_PAGE = 50
COOPERATIONS_PER_PAGE = 25  # each row lists its partners


def _context(request):
    audience = selectors.audience_of(request.user)
    filters = selectors.parse_filters(request.GET, audience=audience)
    query = urlencode(filters.params())
    suffix = f"?{query}" if query else ""
    choices = selectors.filter_choices(audience)
    labels = {name: label for name, (_model, _field, label) in selectors.TERM_FILTERS.items()}
    labels.update({"kind": _("Kind of cooperation"), "status": _("Status of cooperation")})
    return (
        audience,
        filters,
        {
            "filters": filters,
            "filter_fields": [
                (name, labels[name], choices[name], getattr(filters, name)) for name in labels
            ],
            "is_office": audience == selectors.OFFICE,
            "types": data.types(),
            "data_url": reverse("network:map_data") + suffix,
            "map_url": reverse("network:map") + suffix,
            "table_url": reverse("network:map_table") + suffix,
            "filter_query": query,
        },
    )


@require_GET
def network_map(request):
    """Kept whole for anonymous visitors under the directory revision (``cached_page``): the
    page holds the managed lists and the filters, never a cooperation (those come as data)."""

    def page():
        _audience, _filters, context = _context(request)
        return render(request, "network/map/page.html", context)

    return directory_cache.cached_page(request, "network-map", page)


@require_GET
def network_map_data(request):
    audience = selectors.audience_of(request.user)
    filters = selectors.parse_filters(request.GET, audience=audience)
    body, etag = data.answer(audience, filters, get_language())
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    elif "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(body, content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(body), content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Accept-Encoding", "Cookie", "Accept-Language"])
    return response


def _page(request, rows, name, per_page=ROWS_PER_PAGE):
    try:
        number = int(request.GET.get(name, "1")[:6])
    except ValueError:
        number = 1
    return Paginator(rows, per_page).get_page(number)


def _page_link(request, name, number):
    params = request.GET.copy()
    params[name] = number
    return f"?{params.urlencode()}"


@require_GET
def network_map_table(request):
    audience, filters, context = _context(request)
    body, _etag = data.answer(audience, filters, get_language())
    graph = json.loads(gzip.decompress(body))
    type_labels = {type_id: label for type_id, label, _colour in graph["types"]}
    rows = [
        {
            "name": name,
            "slug": slug,
            "type": type_labels.get(type_id, ""),
            "partners": partners,
            "ties": ties,
        }
        for _pk, name, slug, type_id, _x, _y, partners, ties in graph["nodes"]
    ]
    if filters.query:
        needle = filters.query.casefold()
        rows = [row for row in rows if needle in row["name"].casefold()]
    order = request.GET.get("sort", "")
    if order == "ties":
        rows.sort(key=lambda row: (-row["ties"], -row["partners"], sort_key(row["name"])))
    else:
        order = "name"
        rows.sort(key=lambda row: sort_key(row["name"]))
    organisations = _page(request, rows, "page")
    cooperations = _page(
        request, selectors.cooperation_rows(audience, filters), "cpage", COOPERATIONS_PER_PAGE
    )
    pages = {}
    for name, current in (("page", organisations), ("cpage", cooperations)):
        pages[name] = {
            "previous": _page_link(request, name, current.previous_page_number())
            if current.has_previous()
            else "",
            "next": _page_link(request, name, current.next_page_number())
            if current.has_next()
            else "",
        }
    sort_params = request.GET.copy()
    sort_params.pop("page", None)
    sort_params["sort"] = "name" if order == "ties" else "ties"
    context.update(
        {
            "organisations": organisations,
            "cooperations": cooperations,
            "pages": pages,
            "order": order,
            "other_order_url": f"?{sort_params.urlencode()}",
            "edge_count": len(graph["edges"]),
        }
    )
    return render(request, "network/map/table.html", context)
