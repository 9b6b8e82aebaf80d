"""Partner recommendations for an organisation (its editors and staff), and dismissing one.

Access is decided by the middleware (``network.permissions``: editors of the organisation and
staff); the recommendations come from ``network.recommendations``.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vernetzt.directory.models import Organisation
from vernetzt.network import recommendations


def _organisation(slug):
    return get_object_or_404(Organisation.objects.select_related("type"), slug=slug)


@require_GET
def recommendation_list(request, slug):
    organisation = _organisation(slug)
    found = recommendations.recommendations_for(organisation, viewer=request.user)
    return render(
        request,
        "network/recommendations/page.html",
        {
            "organisation": organisation,
            "recommendations": found,
            "dismissed": recommendations.dismissals_of(organisation)[:50],
        },
    )


@require_POST
def recommendation_dismiss(request, slug, pk):
    organisation = _organisation(slug)
    visible = Organisation.objects.visible_to(request.user)
    recommended = get_object_or_404(visible, pk=pk)
    recommendations.dismiss(actor=request.user, organisation=organisation, recommended=recommended)
    messages.success(
        request,
        _("%(name)s will not be recommended again.") % {"name": recommended.name},
    )
    return redirect(reverse("network:recommendation_list", args=[organisation.slug]))
