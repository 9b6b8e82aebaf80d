"""The directory's part of the public JSON API: open data about verified public organisations.

Whoever asks, it shows what the public sees (the selectors decide); contact persons are
personal data and are never part of it. The OpenAPI document is generated from the schemas
and operations below (``core.api``).
"""

from datetime import date, datetime

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict, create_model

from vernetzt.core.api import URL_NAMESPACE, ApiError
from vernetzt.directory import selectors

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

router = Router(tags=["directory"])


# --- Schemas (every property required, none extra: the document says exactly what comes) -----


class Closed(Schema):
    model_config = ConfigDict(extra="forbid")


def _uri(description):
    return Field(description=description, json_schema_extra={"format": "uri"})


class Term(Closed):
    """An entry of a managed list."""

    key: str = Field(description="Stable key.")
    name: str = Field(description="Name in the requested language.")


class Coordinates(Closed):
    """WGS 84."""

    latitude: float
    longitude: float


class NeedOrOffer(Closed):
    """A current need or offer."""

    title: str
    description: str
    category: Term
    languages: list[Term]
    districts: list[Term]
    valid_from: date
    valid_until: date | None = Field(description="Empty: open-ended.")


class OrganisationSummary(Closed):
    slug: str = Field(description="Stable key of the organisation, part of its web address.")
    name: str
    short_name: str = Field(description="Empty when there is none.")
    type: Term
    description: str
    fields_of_action: list[Term]
    communities: list[Term]
    languages: list[Term]
    districts: list[Term]
    postcode: str
    city: str
    profile_url: str = _uri("The organisation's page in the directory.")
    api_url: str = _uri("This organisation in the API.")
    updated_at: datetime


class Organisation(OrganisationSummary):
    goals: str
    founding_year: int | None
    legal_form: Term | None
    member_count: int | None = Field(description="Approximate.")
    street: str
    coordinates: Coordinates | None
    website: str
    email: str = Field(description="Public e-mail address of the organisation.")
    phone: str = Field(description="Public phone number of the organisation.")
    accessibility: Term
    accessibility_notes: str
    needs: list[NeedOrOffer]
    offers: list[NeedOrOffer]


class OrganisationPage(Closed):
    count: int = Field(description="Number of matches on all pages.")
    next: str | None = _uri("The next page; empty on the last.")
    previous: str | None = _uri("The previous page; empty on the first.")
    results: list[OrganisationSummary]


class TaxonomyTerm(Closed):
    key: str
    name: str = Field(description="Name in the requested language.")
    translations: dict[str, str] = Field(
        description="Names by language code, as maintained by the integration office."
    )


class Taxonomies(Closed):
    types: list[TaxonomyTerm]
    fields_of_action: list[TaxonomyTerm]
    communities: list[TaxonomyTerm]
    districts: list[TaxonomyTerm]
    categories: list[TaxonomyTerm]
    languages: list[Term]


class Error(Closed):
    error: str = Field(description="What was wrong, in the requested language.")


def _list_parameters():
    """The list's query parameters, the facets' taken from the directory's one list of them."""
    with translation.override("en"):  # the document is in English, like its other texts
        facets = {
            facet.param: (
                list[str],
                Field(
                    default_factory=list,
                    description=f"{facet.label}: a key from /api/v1/taxonomies/. "
                    "Repeat to match any of several.",
                ),
            )
            for facet in selectors.FACETS
        }
    return create_model(
        "OrganisationQuery",
        __base__=Schema,
        q=(
            str,
            Field(
                "",
                description="Search words; German word forms and word beginnings match, "
                "all words must match.",
            ),
        ),
        **facets,
        page=(int, Field(1, ge=1, description="Page number.")),
        page_size=(
            int,
            Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page."),
        ),
    )


OrganisationQuery = _list_parameters()


# --- Serialisation ----------------------------------------------------------------------------


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
            reverse(f"{URL_NAMESPACE}:directory_organisation", kwargs={"slug": organisation.slug})
        ),
        "updated_at": organisation.updated_at,
    }


def _item(item):
    return {
        "title": item.title,
        "description": item.description,
        "category": _term(item.category),
        "languages": [_language(language) for language in item.languages.all()],
        "districts": [_term(term) for term in item.districts.all()],
        "valid_from": item.valid_from,
        "valid_until": item.valid_until,
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


# --- Operations -------------------------------------------------------------------------------


def _page_url(request, page_number):
    pairs = [
        (key, value) for key, values in request.GET.lists() if key != "page" for value in values
    ]
    pairs.append(("page", page_number))
    return request.build_absolute_uri(f"{request.path}?{urlencode(pairs)}")


@router.get(
    "/organisations/",
    url_name="directory_organisations",
    operation_id="listOrganisations",
    summary="Search the verified public organisations.",
    response={200: OrganisationPage, 400: Error, 404: Error},
)
def list_organisations(request, params: Query[OrganisationQuery]):
    # The one parser of the directory's query strings, so a page address works here too.
    filters = selectors.DirectoryFilters.from_params(request.GET)
    result = selectors.search_organisations(user=None, query=filters.query, filters=filters)
    paginator = Paginator(selectors.with_summary_data(result.organisations), params.page_size)
    try:
        page = paginator.page(params.page)
    except EmptyPage as error:
        raise ApiError(_("This page does not exist."), status=404) from error
    return {
        "count": paginator.count,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": _page_url(request, page.previous_page_number())
        if page.has_previous()
        else None,
        "results": [organisation_summary(org, request) for org in page.object_list],
    }


@router.get(
    "/organisations/{slug:slug}/",
    url_name="directory_organisation",
    operation_id="getOrganisation",
    summary="One organisation with its current needs and offers.",
    response={200: Organisation, 404: Error},
)
def get_organisation(request, slug: str):
    try:
        organisation = selectors.open_data_profile(slug=slug)
    except Http404 as error:
        raise ApiError(_("No public organisation has this address."), status=404) from error
    return organisation_detail(organisation, request)


@router.get(
    "/taxonomies/",
    url_name="directory_taxonomies",
    operation_id="listTaxonomies",
    summary="The managed lists the filters use, with keys and names.",
    response={200: Taxonomies},
)
def list_taxonomies(request):
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
    return data
