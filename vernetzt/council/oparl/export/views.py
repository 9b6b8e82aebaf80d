"""Thin views of the OParl export: parse the list's query, ask ``objects`` for the public rows,
answer JSON. Lists are OParl external lists (``data``, ``pagination``, ``links``)."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_safe

from vernetzt.council.oparl.export import objects
from vernetzt.council.oparl.export.objects import KINDS

PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000  # a bound for the number, so ten digits are a clear 400, not an overflow
# OParl's list filters: query parameter → lookup on the local timestamps.
DATE_FILTERS = {
    "created_since": "created__gte",
    "created_until": "created__lte",
    "modified_since": "updated__gte",
    "modified_until": "updated__lte",
}


class BadQuery(Exception):
    """A query the list cannot answer: a lazy message and its values, translated when the
    answer is written (in the reader's language, not the site's)."""

    def message(self):
        text, values = self.args
        return str(text) % values


def answer(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # OParl asks servers to let any web page read them.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(message, status):
    return answer({"error": message}, status=status)


def parse_moment(name, text):
    """An ISO 8601 date and time (a date alone means its midnight, a time without zone the
    site's zone), in UTC; what cannot be read or lies beyond the calendar is a ``BadQuery``."""
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        pass
    raise BadQuery(
        _lazy("%(name)s is not a date and time (ISO 8601, e.g. 2026-01-31T12:00:00+01:00)."),
        {"name": name},
    )


def parse_number(name, text, *, default, maximum):
    if text is None:
        return default
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= maximum:
        raise BadQuery(
            _lazy("%(name)s must be a whole number from 1 to %(maximum)s."),
            {"name": name, "maximum": maximum},
        )
    return int(text)


def list_query(params):
    """Filters, page size and page of a list request; other parameters are ignored."""
    lookups = {
        lookup: parse_moment(name, params[name])
        for name, lookup in DATE_FILTERS.items()
        if name in params
    }
    # A larger page than the server gives is not the client's error: OParl lets servers cap
    # it, and ``elementsPerPage`` says by how much.
    limit = min(
        parse_number("limit", params.get("limit"), default=PAGE_SIZE, maximum=MAX_PAGE),
        MAX_PAGE_SIZE,
    )
    page = parse_number("page", params.get("page"), default=1, maximum=MAX_PAGE)
    kept = {name: params[name] for name in [*DATE_FILTERS, "limit"] if name in params}
    return lookups, limit, page, kept


def page_link(url, kept, number):
    return f"{url}?{urlencode({**kept, 'page': number})}"


def external_list(request, kind, *, rows=None, url=None):
    """A page of ``kind`` (all public rows, or ``rows``), its links built on ``url``."""
    lookups, limit, number, kept = list_query(request.GET)
    url = url or objects.list_url(kind)
    rows = (KINDS[kind].rows() if rows is None else rows).filter(**lookups).order_by("pk")
    paginator = Paginator(rows, limit)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404 from None
    links = {
        "first": page_link(url, kept, 1),
        "last": page_link(url, kept, paginator.num_pages),
        "self": page_link(url, kept, number),
    }
    if page.has_previous():
        links["prev"] = page_link(url, kept, page.previous_page_number())
    if page.has_next():
        links["next"] = page_link(url, kept, page.next_page_number())
    return {
        "data": [KINDS[kind].render(row) for row in page.object_list],
        "pagination": {
            "totalElements": paginator.count,
            "elementsPerPage": limit,
            "currentPage": number,
            "totalPages": paginator.num_pages,
        },
        "links": links,
    }


def in_site_language(view):
    """Labels (a role, a kind of paper) in the site's language, whoever asks; errors in the
    reader's."""

    def wrapped(request, **kwargs):
        try:
            with translation.override(settings.LANGUAGE_CODE):
                return answer(view(request, **kwargs))
        except BadQuery as problem:
            return error(problem.message(), 400)
        except Http404:
            return error(_("There is no such public object or page."), 404)

    wrapped.__name__ = view.__name__
    return require_safe(wrapped)


@in_site_language
def system(request):
    return objects.system_object()


@in_site_language
def body_list(request):
    body = objects.body_object()
    url = objects.url_of("body_list")
    return {
        "data": [body],
        "pagination": {"totalElements": 1, "elementsPerPage": 1, "currentPage": 1, "totalPages": 1},
        "links": {"first": url, "last": url, "self": url},
    }


@in_site_language
def body(request):
    return objects.body_object()


@in_site_language
def object_list(request, kind):
    return external_list(request, kind)


@in_site_language
def object_detail(request, kind, pk):
    return KINDS[kind].render(get_object_or_404(KINDS[kind].rows(), pk=pk))


@in_site_language
def organization_meetings(request, pk):
    """An organization's meetings (OParl: its ``meeting`` list)."""
    get_object_or_404(KINDS["organization"].rows(), pk=pk)
    rows = KINDS["meeting"].rows().filter(body=pk)
    return external_list(
        request, "meeting", rows=rows, url=objects.url_of("organization_meetings", pk=pk)
    )
