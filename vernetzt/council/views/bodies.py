"""Bodies: the list, a body's page with its members and meetings, its iCal feed, and the
staff forms for bodies and memberships."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from icalendar import Calendar, Event

from vernetzt.core.roles import is_staff
from vernetzt.council.forms.meetings import (
    BodyForm,
    EndMembershipForm,
    MembershipForm,
    service_data,
)
from vernetzt.council.models import Membership
from vernetzt.council.selectors import meeting_pages, sees_internal
from vernetzt.council.services import meetings as services


def show_errors(form, error):
    """A model's ``ValidationError`` from a service, shown at its fields (or above them)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_GET
def body_list(request):
    return render(
        request,
        "council/bodies/list.html",
        {
            "groups": meeting_pages.body_list(user=request.user),
            "sees_internal": sees_internal(request.user),
            "can_manage": is_staff(request.user),
        },
    )


@require_GET
def body_detail(request, pk):
    body = meeting_pages.body_for(user=request.user, pk=pk)
    return render(
        request,
        "council/bodies/detail.html",
        {
            "body": body,
            "members": meeting_pages.members_of(body=body),
            "meetings": meeting_pages.meetings_of(user=request.user, body=body),
            "open_action_items": list(
                meeting_pages.open_action_items(user=request.user, body=body)
            ),
            "today": timezone.localdate(),
            "can_manage": is_staff(request.user),
        },
    )


ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"


@require_GET
def body_calendar(request, pk):
    """The body's meetings as iCalendar (RFC 5545); subscribe with ``webcal://``."""
    body = meeting_pages.body_for(user=request.user, pk=pk)
    calendar = Calendar()
    calendar.add("prodid", "-//vernetzt//council meetings//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", body.name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = request.get_host().split(":")[0] or "vernetzt"
    now = timezone.now()
    for meeting in meeting_pages.body_meetings_for_calendar(user=request.user, body=body):
        event = Event()
        event.add("uid", f"council-meeting-{meeting.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.end or meeting.start + datetime.timedelta(hours=2))
        event.add("summary", f"{body.name}: {meeting.name}")
        if meeting.place:
            event.add("location", meeting.place)
        event.add(
            "url", request.build_absolute_uri(reverse("council:meeting_detail", args=[meeting.pk]))
        )
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        event.add("last-modified", meeting.updated)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type=ICAL_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="gremium-{body.pk}.ics"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def body_create(request):
    form = BodyForm(request.POST or None)
    if form.is_valid():
        try:
            body = services.create_body(actor=request.user, **service_data(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The body has been created."))
            return redirect("council:body_detail", body.pk)
    return render(request, "council/bodies/form.html", {"form": form, "title": _("New body")})


@require_http_methods(["GET", "POST"])
def body_edit(request, pk):
    body = meeting_pages.body_for(user=request.user, pk=pk)
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_body(actor=request.user, body=body, **service_data(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The body has been saved."))
            return redirect("council:body_detail", body.pk)
    return render(
        request, "council/bodies/form.html", {"form": form, "body": body, "title": _("Edit body")}
    )


@require_http_methods(["GET", "POST"])
def membership_add(request, pk):
    body = meeting_pages.body_for(user=request.user, pk=pk)
    form = MembershipForm(
        request.POST or None,
        instance=Membership(body=body),
        initial={"start_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_membership(
                actor=request.user,
                body=body,
                person=form.cleaned_data["person"],
                person_name=form.cleaned_data["person_name"],
                **service_data(form),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The member has been added."))
            return redirect("council:body_detail", body.pk)
    return render(
        request,
        "council/bodies/membership_form.html",
        {"form": form, "body": body, "title": _("Add a member")},
    )


def _membership(pk):
    return get_object_or_404(Membership.objects.select_related("person", "body"), pk=pk)


@require_http_methods(["GET", "POST"])
def membership_edit(request, pk):
    membership = _membership(pk)
    form = MembershipForm(request.POST or None, instance=membership, adding=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_membership(
                actor=request.user, membership=membership, **service_data(form)
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The membership has been saved."))
            return redirect("council:body_detail", membership.body_id)
    return render(
        request,
        "council/bodies/membership_form.html",
        {
            "form": form,
            "body": membership.body,
            "membership": membership,
            "title": _("Edit membership"),
        },
    )


@require_http_methods(["GET", "POST"])
def membership_end(request, pk):
    membership = _membership(pk)
    form = EndMembershipForm(
        request.POST or None, membership=membership, initial={"end_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        services.end_membership(
            actor=request.user, membership=membership, end_date=form.cleaned_data["end_date"]
        )
        messages.success(request, _("The membership has been ended."))
        return redirect("council:body_detail", membership.body_id)
    return render(
        request,
        "council/bodies/membership_end.html",
        {"form": form, "body": membership.body, "membership": membership},
    )


urlpatterns = [
    path("", body_list, name="body_list"),
    path("neu/", body_create, name="body_create"),
    path("<int:pk>/", body_detail, name="body_detail"),
    path("<int:pk>/kalender.ics", body_calendar, name="body_calendar"),
    path("<int:pk>/bearbeiten/", body_edit, name="body_edit"),
    path("<int:pk>/mitglieder/neu/", membership_add, name="membership_add"),
    path("mitgliedschaften/<int:pk>/", membership_edit, name="membership_edit"),
    path("mitgliedschaften/<int:pk>/beenden/", membership_end, name="membership_end"),
]
