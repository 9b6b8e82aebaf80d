"""The network's part of the public JSON API: public cooperations (open data).

Whoever asks, it shows what the public sees (``network.rules.visible_cooperations(None)``:
public, agreed/active/ended, every partner a publicly visible organisation). No persons, no
reasons, no proposals. Other network operations join this ``router``.
"""

from datetime import date

from django.core.paginator import EmptyPage, Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from vernetzt.core.api import URL_NAMESPACE, ApiError
from vernetzt.directory.api import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Closed, Error, Term
from vernetzt.directory.api import _page_url as page_url
from vernetzt.directory.api import _term as term
from vernetzt.network.models import Cooperation
from vernetzt.network.selectors import cooperations as selectors

router = Router(tags=["network"])


class Partner(Closed):
    slug: str = Field(description="The organisation's key, as in /api/v1/organisations/.")
    name: str
    api_url: str = Field(
        description="This organisation in the API.", json_schema_extra={"format": "uri"}
    )


class PublicCooperation(Closed):
    id: int
    title: str
    description: str
    kind: Term = Field(description="punctual, lasting or network.")
    status: Term = Field(description="agreed, active or ended.")
    partners: list[Partner]
    fields_of_action: list[Term]
    districts: list[Term]
    communities: list[Term]
    start_date: date | None = Field(description="Empty: not known.")
    end_date: date | None = Field(description="Empty: open-ended.")
    url: str = Field(description="The cooperation's page.", json_schema_extra={"format": "uri"})


class CooperationPage(Closed):
    count: int = Field(description="Number of matches on all pages.")
    next: str | None = Field(description="The next page; empty on the last.")
    previous: str | None = Field(description="The previous page; empty on the first.")
    results: list[PublicCooperation]


class CooperationQuery(Schema):
    organisation: str = Field("", max_length=220, description="Only cooperations of this slug.")
    status: str = Field("", max_length=16, description="agreed, active or ended.")
    kind: str = Field("", max_length=16, description="punctual, lasting or network.")
    page: int = Field(1, ge=1, le=1_000_000, description="Page number.")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Per page.")


def _choice(value, label):
    return {"key": value, "name": str(label)}


def cooperation_data(cooperation, request):
    return {
        "id": cooperation.pk,
        "title": cooperation.title,
        "description": cooperation.description,
        "kind": _choice(cooperation.kind, cooperation.get_kind_display()),
        "status": _choice(cooperation.status, cooperation.get_status_display()),
        "partners": [
            {
                "slug": partner.organisation.slug,
                "name": partner.organisation.name,
                "api_url": request.build_absolute_uri(
                    reverse(
                        f"{URL_NAMESPACE}:directory_organisation",
                        kwargs={"slug": partner.organisation.slug},
                    )
                ),
            }
            for partner in cooperation.partners.all()
        ],
        "fields_of_action": [term(item) for item in cooperation.fields.all()],
        "districts": [term(item) for item in cooperation.districts.all()],
        "communities": [term(item) for item in cooperation.communities.all()],
        "start_date": cooperation.start_date,
        "end_date": cooperation.end_date,
        "url": request.build_absolute_uri(
            reverse("network:cooperation_detail", kwargs={"pk": cooperation.pk})
        ),
    }


@router.get(
    "/network/cooperations/",
    url_name="network_cooperations",
    operation_id="listCooperations",
    summary="The public cooperations between public organisations.",
    response={200: CooperationPage, 400: Error, 404: Error},
)
def list_cooperations(request, params: Query[CooperationQuery]):
    shown = {str(status) for status in Cooperation.SHOWN_STATUSES}
    if params.status and params.status not in shown:
        raise ApiError(_("“%(name)s” has an invalid value.") % {"name": "status"}, status=400)
    if params.kind and params.kind not in Cooperation.Kind.values:
        raise ApiError(_("“%(name)s” has an invalid value.") % {"name": "kind"}, status=400)
    cooperations = selectors.public_list(
        user=None, status=params.status, kind=params.kind, organisation=params.organisation
    )
    paginator = Paginator(cooperations, params.page_size)
    try:
        page = paginator.page(params.page)
    except EmptyPage as error:
        raise ApiError(_("This page does not exist."), status=404) from error
    return {
        "count": paginator.count,
        "next": page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": page_url(request, page.previous_page_number()) if page.has_previous() else None,
        "results": [cooperation_data(item, request) for item in page.object_list],
    }


# Needs ↔ offers matches (network/api_matching.py)
from vernetzt.network.api_matching import router as matching_router  # noqa: E402

router.add_router("", matching_router)
