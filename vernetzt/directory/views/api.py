"""The public, read-only JSON API: open data about verified public organisations only.

Whoever asks, it shows what the public sees; contact persons are personal data and are never
part of it. Described by ``openapi.py``; its tests check every response against that document.
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vernetzt.directory import openapi, selectors

DEFAULT_PAGE_SIZE = openapi.DEFAULT_PAGE_SIZE
MAX_PAGE_SIZE = openapi.MAX_PAGE_SIZE


class BadRequest(ValueError):
    """A query parameter the API cannot use; the message is shown to the caller."""


def _json(data, *, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: any website may read it from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(message, *, status):
    return _json({"error": str(message)}, status=status)


def _positive_int(params, name, default):
    value = params.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise BadRequest(_("“%(name)s” must be a whole number of at least 1.") % {"name": name})
    return int(value)


def _page_params(params):
    page = _positive_int(params, "page", 1)
    page_size = _positive_int(params, "page_size", DEFAULT_PAGE_SIZE)
    if page_size > MAX_PAGE_SIZE:
        raise BadRequest(_("“page_size” must be at most %(max)d.") % {"max": MAX_PAGE_SIZE})
    return page, page_size


# --- Serialisation --------------------------------------------------------------------------


def _term(term):
    return {"key": term.slug, "name": term.label}


def _language(language):
    return {"key": language.code, "name": language.label}


def _choice(value, label):
    return {"key": value, "name": str(label)} if value else None


def _number(value):
    return float(value) if value is not None else None


def organisation_summary(organisation, request):
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "short_name": organisation.short_name,
        "type": _term(organisation.type),
        "description": organisation.description,
        "fields_of_action": [_term(term) for term in organisation.fields.all()],
        "communities": [_term(term) for term in organisation.communities.all()],
        "languages": [_language(language) for language in organisation.languages.all()],
        "districts": [_term(term) for term in organisation.districts.all()],
        "postcode": organisation.postcode,
        "city": organisation.city,
        "profile_url": request.build_absolute_uri(
            reverse("directory:organisation_detail", kwargs={"slug": organisation.slug})
        ),
        "api_url": request.build_absolute_uri(
            reverse("directory:api_organisation", kwargs={"slug": organisation.slug})
        ),
        "updated_at": organisation.updated_at.isoformat(),
    }


def _item(item):
    return {
        "title": item.title,
        "description": item.description,
        "category": _term(item.category),
        "languages": [_language(language) for language in item.languages.all()],
        "districts": [_term(term) for term in item.districts.all()],
        "valid_from": item.valid_from.isoformat(),
        "valid_until": item.valid_until.isoformat() if item.valid_until else None,
    }


def organisation_detail(organisation, request):
    has_coordinates = organisation.latitude is not None and organisation.longitude is not None
    return {
        **organisation_summary(organisation, request),
        "goals": organisation.goals,
        "founding_year": organisation.founding_year,
        "legal_form": _choice(organisation.legal_form, organisation.get_legal_form_display()),
        "member_count": organisation.member_count,
        "street": organisation.street,
        "coordinates": {
            "latitude": _number(organisation.latitude),
            "longitude": _number(organisation.longitude),
        }
        if has_coordinates
        else None,
        "website": organisation.website,
        "email": organisation.public_email,
        "phone": organisation.public_phone,
        "accessibility": _choice(
            organisation.accessibility, organisation.get_accessibility_display()
        ),
        "accessibility_notes": organisation.accessibility_notes,
        "needs": [_item(need) for need in organisation.visible_needs],
        "offers": [_item(offer) for offer in organisation.visible_offers],
    }


# --- Views ----------------------------------------------------------------------------------


def _page_url(request, page_number):
    params = [(key, value) for key, value in request.GET.lists() if key != "page"]
    pairs = [(key, value) for key, values in params for value in values]
    pairs.append(("page", page_number))
    return request.build_absolute_uri(f"{request.path}?{urlencode(pairs)}")


@require_GET
def api_organisations(request):
    try:
        page_number, page_size = _page_params(request.GET)
    except BadRequest as error:
        return _error(error, status=400)
    filters = selectors.DirectoryFilters.from_params(request.GET)
    result = selectors.search_organisations(user=None, query=filters.query, filters=filters)
    paginator = Paginator(selectors.with_summary_data(result.organisations), page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        return _error(_("This page does not exist."), status=404)
    return _json(
        {
            "count": paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number())
            if page.has_previous()
            else None,
            "results": [organisation_summary(org, request) for org in page.object_list],
        }
    )


@require_GET
def api_organisation(request, slug):
    try:
        organisation = selectors.open_data_profile(slug=slug)
    except Http404:
        return _error(_("No public organisation has this address."), status=404)
    return _json(organisation_detail(organisation, request))


@require_GET
def api_taxonomies(request):
    lists = selectors.taxonomies()
    data = {
        name: [
            {"key": term.slug, "name": term.label, "translations": term.translations}
            for term in terms
        ]
        for name, terms in lists.items()
        if name != "languages"
    }
    data["languages"] = [_language(language) for language in lists["languages"]]
    return _json(data)


@require_GET
def api_openapi(request):
    return _json(openapi.document(server_url=request.build_absolute_uri("/")))


@require_GET
def api_docs(request):
    context = {
        "list_url": request.build_absolute_uri(reverse("directory:api_organisations")),
        "taxonomies_url": request.build_absolute_uri(reverse("directory:api_taxonomies")),
        "openapi_url": request.build_absolute_uri(reverse("directory:api_openapi")),
        "max_page_size": MAX_PAGE_SIZE,
        "default_page_size": DEFAULT_PAGE_SIZE,
        "facets": selectors.FACETS,
    }
    return render(request, "directory/api/docs.html", context)
