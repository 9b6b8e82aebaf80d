"""The overview "Umsetzungsstand" (what became of the council's resolutions) and the unfollow
link of the followers' e-mails."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vernetzt.core.roles import is_staff
from vernetzt.council.models import Measure
from vernetzt.council.notifications import follow_from_token
from vernetzt.council.selectors import accountability as selectors
from vernetzt.council.selectors import sees_internal
from vernetzt.council.services import measures as services
from vernetzt.directory.views.public import page_number


@require_GET
def overview(request):
    filters = selectors.Filters.from_params(request.GET)
    result = selectors.overview(user=request.user, filters=filters)
    paginator = Paginator(result.measures, selectors.PAGE_SIZE)
    paginator.count = result.count  # counted per status already
    page = paginator.get_page(page_number(request))
    page.object_list = selectors.page_rows(user=request.user, ids=page.object_list)
    params = [
        (name, value)
        for name, value in (
            ("body", filters.body),
            ("field", filters.field),
            ("status", filters.status),
            ("year", filters.year),
        )
        if value
    ]
    return render(
        request,
        "council/accountability/overview.html",
        {
            "result": result,
            "all_count": sum(count for _value, _label, count in result.status_counts),
            "page": page,
            "filters": filters,
            "statuses": Measure.Status.choices,
            "query": urlencode(params),
            "status_query": urlencode([pair for pair in params if pair[0] != "status"]),
            "sees_internal": sees_internal(request.user),
            "can_manage": is_staff(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def unfollow(request, token):
    """The link in every follower's e-mail: a page with one button (a GET changes nothing,
    so a mail program that opens links does not unfollow)."""
    row = follow_from_token(token)
    if row is None:
        return render(request, "council/accountability/unfollow.html", {"row": None}, status=404)
    if request.method == "POST":
        services.unfollow(user=row.user, follow_row=row)
        messages.success(request, _("You will no longer get e-mails about this."))
        return redirect("council:unfollow", token)
    return render(request, "council/accountability/unfollow.html", {"row": row})


urlpatterns = [
    path("umsetzung/", overview, name="accountability"),
    path("abbestellen/<str:token>/", unfollow, name="unfollow"),
]
