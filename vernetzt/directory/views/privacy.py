"""Data-subject requests in the integration office: find a person, download everything stored
about them (JSON), erase them. Writes go through the services, reads through ``privacy``."""

import json

from django.contrib import messages
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vernetzt.directory import privacy, services
from vernetzt.directory.models import ContactPerson, Organisation


def json_download(data, name):
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


def _pretty(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


@require_GET
def privacy_search(request):
    query = request.GET.get("q", "").strip()[:200]
    proposals = Organisation.objects.none()
    if len(query) >= 2:
        proposals = Organisation.objects.filter(
            Q(proposer_name__icontains=query) | Q(proposer_email__icontains=query)
        ).order_by("name")[:50]
    return render(
        request,
        "directory/office/privacy_search.html",
        {
            "query": query,
            "contacts": privacy.contacts_matching(query=query),
            "proposals": proposals,
        },
    )


@require_http_methods(["GET", "POST"])
def privacy_contact(request, pk):
    contact = get_object_or_404(ContactPerson.objects.select_related("consent"), pk=pk)
    if request.method == "POST":
        services.delete_contact(
            actor=request.user, contact=contact, reason=_("erased on the person's request")
        )
        messages.success(request, _("The person's data has been erased everywhere."))
        return redirect("directory:privacy_search")
    data = privacy.contact_subject_data(contact=contact)
    if request.GET.get("format") == "json":
        return json_download(data, f"auskunft-kontakt-{contact.pk}")
    return render(
        request,
        "directory/office/privacy_subject.html",
        {"data": data, "data_json": _pretty(data), "name": contact.name, "erase_hint": _(
            "Deletes the contact person, marks the consent withdrawn and replaces their name, "
            "e-mail, phone and evidence with [redacted] everywhere, the history included."
        )},
    )


@require_http_methods(["GET", "POST"])
def privacy_proposer(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if request.method == "POST":
        services.erase_proposer(actor=request.user, organisation=organisation)
        messages.success(request, _("The person's data has been erased everywhere."))
        return redirect("directory:privacy_search")
    data = privacy.proposer_subject_data(organisation=organisation)
    if request.GET.get("format") == "json":
        return json_download(data, f"auskunft-vorschlag-{organisation.pk}")
    return render(
        request,
        "directory/office/privacy_subject.html",
        {"data": data, "data_json": _pretty(data),
         "name": organisation.proposer_name or organisation.proposer_email,
         "erase_hint": _(
            "Blanks the proposer's name and e-mail, marks their consent withdrawn and replaces "
            "both with [redacted] everywhere, the history included. The organisation stays."
        )},
    )
