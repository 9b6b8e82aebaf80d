"""The integration office: overview, verification of proposals, status and history."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vernetzt.directory import selectors, services
from vernetzt.directory.forms import ReasonForm, StatusForm, VerifyForm
from vernetzt.directory.models import Organisation


def _organisation(slug):
    return get_object_or_404(Organisation.objects.select_related("type"), slug=slug)


@require_GET
def dashboard(request):
    return render(request, "directory/office/dashboard.html", selectors.dashboard_figures())


@require_GET
def review_list(request):
    proposals = list(selectors.proposals_awaiting_review())
    duplicates = selectors.possible_duplicates(organisations=proposals)
    return render(
        request,
        "directory/office/review_list.html",
        {"rows": [(proposal, duplicates[proposal.pk]) for proposal in proposals]},
    )


@require_http_methods(["GET", "POST"])
def review_decide(request, slug):
    organisation = _organisation(slug)
    decision = request.POST.get("decision") if request.method == "POST" else None
    verify_form = VerifyForm(
        request.POST if decision == "verify" else None,
        prefix="verify",
        initial={"editor": selectors.account_matching_email(email=organisation.proposer_email)},
    )
    reject_form = ReasonForm(request.POST if decision == "reject" else None, prefix="reject")
    try:
        if decision == "verify" and verify_form.is_valid():
            services.verify_proposal(
                actor=request.user,
                organisation=organisation,
                editor=verify_form.cleaned_data["editor"],
            )
            messages.success(request, _("The organisation has been verified."))
            return redirect("directory:review_list")
        if decision == "reject" and reject_form.is_valid():
            services.change_status(
                actor=request.user,
                organisation=organisation,
                status=Organisation.Status.REJECTED,
                reason=reject_form.cleaned_data["reason"],
            )
            messages.success(request, _("The proposal has been rejected."))
            return redirect("directory:review_list")
    except services.TransitionError as error:
        (verify_form if decision == "verify" else reject_form).add_error(None, str(error))
    duplicates = selectors.possible_duplicates(organisations=[organisation])[organisation.pk]
    return render(
        request,
        "directory/office/review_decide.html",
        {
            "organisation": organisation,
            "duplicates": duplicates,
            "verify_form": verify_form,
            "reject_form": reject_form,
            "is_proposal": organisation.status == Organisation.Status.PROPOSED,
        },
    )


@require_http_methods(["GET", "POST"])
def organisation_status(request, slug):
    organisation = _organisation(slug)
    allowed = sorted(services.ALLOWED_TRANSITIONS.get(organisation.status, ()))
    form = StatusForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(
                actor=request.user,
                organisation=organisation,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("directory:organisation_status", slug=organisation.slug)
    return render(
        request,
        "directory/office/status.html",
        {"organisation": organisation, "form": form, "allowed": allowed},
    )


@require_GET
def organisation_history(request, slug):
    organisation = _organisation(slug)
    return render(
        request,
        "directory/office/history.html",
        {
            "organisation": organisation,
            "entries": selectors.organisation_history(organisation=organisation),
        },
    )
