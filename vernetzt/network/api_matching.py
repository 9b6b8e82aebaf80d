"""Needs ↔ offers matches in the JSON API: the same data as ``manage.py recommend --json``,
within what the caller may see (``selectors.matching.scope_for``: the public sees matches
between publicly visible organisations only; council and staff every verified one)."""

from django.conf import settings
from django.utils import translation
from ninja import Field, Query, Router, Schema

from vernetzt.core.api import ApiError
from vernetzt.directory.api import Closed
from vernetzt.network.selectors import matching

router = Router(tags=["network"])
PAGE_SIZE_MAX = 100


class MatchSide(Closed):
    id: int
    organisation: str
    organisation_slug: str
    title: str
    description: str
    category: str
    languages: list[str]
    districts: list[str]
    valid_from: str
    valid_until: str | None = Field(description="Empty: open-ended.")


class MatchedOffer(MatchSide):
    score: float = Field(description="Higher fits better; see docs/benchmarks.md (Matching).")
    reasons: list[str] = Field(description="Why the offer fits, in the requested language.")


class Recommendation(Closed):
    need: MatchSide
    offers: list[MatchedOffer]


class MatchQuery(Schema):
    need: int | None = Field(None, ge=1, le=2_147_483_647, description="Only this need.")
    limit: int = Field(10, ge=1, le=matching.MAX_LIMIT, description="Offers per need.")
    page: int = Field(1, ge=1, le=100_000, description="Page of needs.")
    page_size: int = Field(20, ge=1, le=PAGE_SIZE_MAX, description="Needs per page.")
    lang: str = Field("", max_length=10, description="Language of the reasons (de, en, …).")


def _side(side):
    from vernetzt.network.management.commands.recommend import side_data

    data = side_data(side)
    return {name: data[name] for name in MatchSide.model_fields}


@router.get(
    "/matches/",
    response={200: list[Recommendation]},
    url_name="network_matches",
    summary="Current needs with the offers that fit them best (a page of needs, by id)",
)
def matches(request, query: Query[MatchQuery]):
    user = request.user if request.user.is_authenticated else None
    known = {code for code, _name in settings.LANGUAGES}
    language = query.lang if query.lang in known else translation.get_language()
    with translation.override(language):
        found = matching.recommendations(
            scope=matching.scope_for(user),
            need_id=query.need,
            limit=query.limit,
            start=(query.page - 1) * query.page_size,
            count=query.page_size,
        )
        if query.need is not None and not found:
            raise ApiError(translation.gettext("Not found."), status=404)
        return [
            {
                "need": _side(need),
                "offers": [
                    {**_side(row.offer), "score": row.score, "reasons": row.reasons} for row in rows
                ],
            }
            for need, rows in found
        ]
