"""Registering, and a person's own registration reached by the token in their e-mails."""

import logging

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.core import throttle
from vernetzt.core.client import client_address
from vernetzt.events import ical, selectors
from vernetzt.events.forms import RegistrationForm
from vernetzt.events.models import Registration
from vernetzt.events.services import registration as services

logger = logging.getLogger(__name__)


def _throttled(request, form):
    """Anonymous registrations are limited per client address and per e-mail address."""
    if request.user.is_authenticated:
        return False
    by_address = throttle.allow("event_registration", client_address(request))
    by_email = throttle.allow(
        "event_registration_email", form.cleaned_data.get("email", "").casefold()
    )
    return not (by_address and by_email)


@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = selectors.event_for_page(request.user, slug)
    if event.own_registration is not None:
        return redirect("events:registration", token=event.own_registration.token)
    reason = services.refusal(request.user, event)
    form = RegistrationForm(request.POST or None, user=request.user, initial=_about(request.user))
    context = {"event": event, "form": form, "refusal": reason}
    if reason:
        return render(request, "events/public/register.html", context, status=200)
    if request.method == "POST" and form.is_valid():
        if _throttled(request, form):
            form.add_error(None, throttle.TOO_MANY)
            return render(
                request, "events/public/register.html", context, status=throttle.TOO_MANY_STATUS
            )
        if form.is_bot():
            logger.info("Event registration discarded: the honeypot field was filled in.")
            return redirect("events:registration_sent", slug=event.slug)
        try:
            registration = services.register(actor=request.user, event=event, data=form.answers())
        except services.RegistrationRefused as refused:
            form.add_error(None, refused.message)
            return render(request, "events/public/register.html", context, status=409)
        if registration.status == Registration.Status.PENDING:
            return redirect("events:registration_sent", slug=event.slug)
        return redirect("events:registration", token=registration.token)
    return render(request, "events/public/register.html", context)


def _about(user):
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name() or user.get_username(), "email": user.email}


@require_GET
def sent(request, slug):
    event = selectors.event_for_page(request.user, slug)
    return render(request, "events/public/sent.html", {"event": event})


@require_GET
def registration(request, token):
    registration = selectors.registration_by_token(token)
    return render(
        request,
        "events/registration/detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "position": registration.waitlist_position(),
        },
    )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (mail scanners open links; only a person's POST confirms)."""
    registration = selectors.registration_by_token(token)
    if registration.status != Registration.Status.PENDING:
        return redirect("events:registration", token=token)
    if request.method == "POST":
        try:
            services.confirm_email(token=token, actor=request.user)
        except services.RegistrationRefused as refused:
            messages.error(request, refused.message)
        return redirect("events:registration", token=token)
    return render(
        request,
        "events/registration/confirm.html",
        {"registration": registration, "event": registration.event},
    )


@require_POST
def accept(request, token):
    registration = selectors.registration_by_token(token)
    try:
        services.accept_offer(registration=registration, actor=request.user)
        messages.success(request, _("Thank you: your place is confirmed."))
    except services.OfferExpired:
        messages.error(
            request, _("The offer has expired, so the place has gone to the next person.")
        )
    return redirect("events:registration", token=token)


@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration = selectors.registration_by_token(token)
    if request.method == "POST":
        if services.cancel(registration=registration, actor=request.user):
            messages.success(request, _("Your registration is cancelled."))
        return redirect("events:registration", token=token)
    return render(
        request,
        "events/registration/cancel.html",
        {"registration": registration, "event": registration.event},
    )


@require_GET
def ical_file(request, token):
    registration = selectors.registration_by_token(token)
    note = str(registration.get_status_display())
    return ical.response(
        ical.registration_calendar(registration, note=note), name=registration.event.slug
    )


@require_GET
def my_registrations(request):
    return render(
        request,
        "events/registration/mine.html",
        {"registrations": selectors.registrations_of_user(request.user)},
    )
