"""Pages of needs ↔ offers matching: an organisation's matches (its editors and staff), the
contact request from a match, and the office's overview with the gap list.

Access is decided by the middleware (``network.permissions``); what each page shows comes from
``network.selectors.matching``; the contact request is ``network.services.matching``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vernetzt.directory.models import Category, District, Organisation
from vernetzt.network.forms.matching import ContactRequestForm
from vernetzt.network.selectors import matching as selectors
from vernetzt.network.services import matching as services


def _organisation(slug):
    return get_object_or_404(Organisation.objects.select_related("type"), slug=slug)


@require_GET
def organisation_matches(request, slug):
    organisation = _organisation(slug)
    found = selectors.matches_of_organisation(organisation=organisation, user=request.user)
    return render(
        request,
        "network/matching/organisation.html",
        {
            "organisation": organisation,
            "needs": found.needs,
            "offers": found.offers,
            "threshold": selectors.GOOD_MATCH,
        },
    )


@require_http_methods(["GET", "POST"])
def match_contact(request, slug, need, offer):
    organisation = _organisation(slug)
    row = selectors.match_of(
        organisation=organisation, user=request.user, need_id=need, offer_id=offer
    )
    if row is None:
        raise Http404
    asking_for_need = row.need.organisation_id == organisation.pk
    other = row.offer if asking_for_need else row.need
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.send_contact_request(
            actor=request.user,
            organisation=organisation,
            need_id=row.need.id,
            offer_id=row.offer.id,
            message=form.cleaned_data["message"],
        )
        if result.reachable:
            messages.success(
                request,
                _(
                    "Your contact request has been sent to %(name)s and recorded as a proposed "
                    "cooperation."
                )
                % {"name": other.organisation},
            )
        else:
            messages.warning(
                request,
                _(
                    "The cooperation proposal has been recorded. %(name)s has no public e-mail "
                    "address or contact person who agreed to be contacted, so no e-mail was "
                    "sent: its editors see the proposal when they log in."
                )
                % {"name": other.organisation},
            )
        return redirect("network:organisation_matches", slug=organisation.slug)
    return render(
        request,
        "network/matching/contact.html",
        {"organisation": organisation, "row": row, "other": other, "form": form},
    )


def _chosen(model, value):
    if not value or not str(value).isdigit():
        return None
    return model.objects.filter(pk=int(value)).first()


@require_GET
def match_office(request):
    category = _chosen(Category, request.GET.get("kategorie"))
    district = _chosen(District, request.GET.get("stadtteil"))
    overview = selectors.office_overview(
        category=category.pk if category else None, district=district.pk if district else None
    )
    return render(
        request,
        "network/matching/office.html",
        {
            "overview": overview,
            "categories": Category.objects.filter(is_active=True),
            "districts": District.objects.filter(is_active=True),
            "category": category,
            "district": district,
        },
    )


# --- Import of needs and offers (staff) ---------------------------------------------------------

UPLOAD_KEY = "network:needs-offers-import:{user}:{token}"
UPLOAD_SECONDS = 60 * 60


def _checked(content, file_name):
    from vernetzt.directory.importing.reading import file_format, read_table
    from vernetzt.network import importing_needs

    table = read_table(content, file_format(file_name))
    return importing_needs.check(table)


@require_http_methods(["GET", "POST"])
def needs_offers_import(request):
    import secrets

    from django.core.cache import cache

    from vernetzt.directory.importing.reading import ImportFileError
    from vernetzt.network import importing_needs
    from vernetzt.network.forms.matching import NeedsOffersUploadForm

    report, token, file_name, created = None, "", "", None
    form = NeedsOffersUploadForm()
    if request.method == "POST" and request.POST.get("token"):
        token = request.POST["token"][:64]
        kept = cache.get(UPLOAD_KEY.format(user=request.user.pk, token=token))
        if kept is None:
            messages.error(
                request, _("The checked file is no longer at hand. Please upload it again.")
            )
            return redirect("network:needs_offers_import")
        file_name, content = kept
        try:
            report = _checked(content, file_name)
        except ImportFileError as error:
            messages.error(request, str(error))
            return redirect("network:needs_offers_import")
        if not report.errors:
            created = importing_needs.write(
                actor=request.user,
                report=report,
                source=_("Import of %(file)s") % {"file": file_name},
            )
            cache.delete(UPLOAD_KEY.format(user=request.user.pk, token=token))
            messages.success(
                request, _("%(count)s needs and offers imported.") % {"count": len(created)}
            )
            return redirect("network:match_office")
    elif request.method == "POST":
        form = NeedsOffersUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            file_name, content = upload.name[:255], upload.read()
            try:
                report = _checked(content, file_name)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                if not report.errors:
                    token = secrets.token_urlsafe(16)
                    cache.set(
                        UPLOAD_KEY.format(user=request.user.pk, token=token),
                        (file_name, content),
                        UPLOAD_SECONDS,
                    )
    return render(
        request,
        "network/matching/import.html",
        {"form": form, "report": report, "token": token, "file_name": file_name},
    )
