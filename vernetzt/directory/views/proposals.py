"""The public proposal form: anyone may suggest an organisation for the directory."""

import logging

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from vernetzt.core import throttle
from vernetzt.core.client import client_address
from vernetzt.directory import services
from vernetzt.directory.forms import PROPOSAL_CONSENT_PURPOSE, ProposalForm, service_data

logger = logging.getLogger(__name__)


@require_http_methods(["GET", "POST"])
def proposal_create(request):
    form = ProposalForm(request.POST or None, initial=_about_the_user(request.user))
    if request.method == "POST" and form.is_valid():
        if not throttle.allow("proposal", client_address(request)):
            form.add_error(None, throttle.TOO_MANY)
            return render(
                request, "directory/proposals/create.html", {"form": form},
                status=throttle.TOO_MANY_STATUS,
            )
        if form.is_bot():
            # Bots see the same success page, so they learn nothing; nothing is stored.
            logger.info("Proposal discarded: the honeypot field was filled in.")
            return redirect("directory:proposal_thanks")
        services.propose_organisation(
            actor=request.user,
            data=service_data(form),
            proposer_name=form.cleaned_data["proposer_name"],
            proposer_email=form.cleaned_data["proposer_email"],
            consent_purpose=str(PROPOSAL_CONSENT_PURPOSE),
        )
        return redirect("directory:proposal_thanks")
    return render(request, "directory/proposals/create.html", {"form": form})


@require_GET
def proposal_thanks(request):
    return render(request, "directory/proposals/thanks.html")


def _about_the_user(user):
    if not user.is_authenticated:
        return {}
    return {"proposer_name": user.get_full_name(), "proposer_email": user.email}
