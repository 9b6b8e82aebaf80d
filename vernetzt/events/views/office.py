"""The integration office's pages: events, their programme, participants and the door."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.events import export, selectors
from vernetzt.events.forms import CheckinSearchForm, EventForm, RoomForm, TimeSlotForm, data_of
from vernetzt.events.models import Event, Registration
from vernetzt.events.services import events as event_services
from vernetzt.events.services import registration as registration_services
from vernetzt.events.services.events import EVENT_FIELDS, ROOM_FIELDS, SLOT_FIELDS


def _event(slug):
    return get_object_or_404(Event, slug=slug)


@require_http_methods(["GET", "POST"])
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = event_services.save_event(actor=request.user, data=data_of(form, EVENT_FIELDS))
        messages.success(request, _("The event is saved."))
        return redirect("events:programme", slug=event.slug)
    return render(request, "events/staff/event_form.html", {"form": form, "event": None})


@require_http_methods(["GET", "POST"])
def event_edit(request, slug):
    event = _event(slug)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event_services.save_event(
            actor=request.user,
            event=Event.objects.get(pk=event.pk),
            data=data_of(form, EVENT_FIELDS),
        )
        messages.success(request, _("The event is saved."))
        return redirect("events:event_detail", slug=event.slug)
    return render(request, "events/staff/event_form.html", {"form": form, "event": event})


@require_http_methods(["GET", "POST"])
def programme(request, slug):
    """Rooms and time slots: both lists, and a form to add each."""
    event = _event(slug)
    which = request.POST.get("add")
    room_form = RoomForm(request.POST if which == "room" else None, event=event, prefix="room")
    slot_form = TimeSlotForm(request.POST if which == "slot" else None, event=event, prefix="slot")
    if request.method == "POST":
        form, save, fields = {
            "room": (room_form, event_services.save_room, ROOM_FIELDS),
            "slot": (slot_form, event_services.save_slot, SLOT_FIELDS),
        }.get(which, (None, None, None))
        if form is None:
            raise Http404
        if form.is_valid():
            save(actor=request.user, event=event, data=data_of(form, fields))
            messages.success(request, _("Saved."))
            return redirect("events:programme", slug=event.slug)
    return render(
        request,
        "events/staff/programme.html",
        {
            "event": event,
            "rooms": event.rooms.all(),
            "slots": event.slots.all(),
            "room_form": room_form,
            "slot_form": slot_form,
        },
    )


def _edit(request, *, event, obj, form_class, save, fields, template):
    form = form_class(request.POST or None, instance=obj, event=event)
    if request.method == "POST" and form.is_valid():
        save(actor=request.user, event=event, data=data_of(form, fields), **{template: obj})
        messages.success(request, _("Saved."))
        return redirect("events:programme", slug=event.slug)
    return render(
        request, f"events/staff/{template}_form.html", {"event": event, "form": form, "obj": obj}
    )


@require_http_methods(["GET", "POST"])
def room_edit(request, slug, pk):
    event = _event(slug)
    room = get_object_or_404(event.rooms, pk=pk)
    return _edit(
        request,
        event=event,
        obj=room,
        form_class=RoomForm,
        save=event_services.save_room,
        fields=ROOM_FIELDS,
        template="room",
    )


@require_http_methods(["GET", "POST"])
def slot_edit(request, slug, pk):
    event = _event(slug)
    slot = get_object_or_404(event.slots, pk=pk)
    return _edit(
        request,
        event=event,
        obj=slot,
        form_class=TimeSlotForm,
        save=event_services.save_slot,
        fields=SLOT_FIELDS,
        template="slot",
    )


@require_POST
def room_delete(request, slug, pk):
    event = _event(slug)
    event_services.delete(actor=request.user, obj=get_object_or_404(event.rooms, pk=pk))
    messages.success(request, _("The room is removed."))
    return redirect("events:programme", slug=event.slug)


@require_POST
def slot_delete(request, slug, pk):
    event = _event(slug)
    event_services.delete(actor=request.user, obj=get_object_or_404(event.slots, pk=pk))
    messages.success(request, _("The time slot is removed."))
    return redirect("events:programme", slug=event.slug)


@require_GET
def participants(request, slug):
    event = _event(slug)
    status = request.GET.get("status", "")
    if status not in Registration.Status.values:
        status = ""
    return render(
        request,
        "events/staff/participants.html",
        {
            "event": event,
            "counts": selectors.answer_counts(event),
            "registrations": selectors.participants_of(event, status=status or None),
            "status": status,
            "statuses": Registration.Status.choices,
        },
    )


@require_GET
def participants_export(request, slug, fmt):
    if fmt not in export.FORMATS:
        raise Http404
    event = _event(slug)
    return export.response(fmt, event=event, registrations=selectors.participants_of(event))


@require_GET
def checkin(request, slug):
    """The door, on a phone: search by name, one tap per person (htmx replaces the list)."""
    event = _event(slug)
    form = CheckinSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    matches, found = selectors.checkin_matches(event, query)
    context = {
        "event": event,
        "form": form,
        "matches": matches,
        "found": found,
        "query": query,
        "checked_in": event.registrations.filter(status=Registration.Status.CHECKED_IN).count(),
        "expected": event.registrations.holding_places().count(),
    }
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request"
    )
    template = "events/staff/_checkin_list.html" if partial else "events/staff/checkin.html"
    return render(request, template, context)


@require_POST
def checkin_person(request, slug, pk):
    event = _event(slug)
    registration = get_object_or_404(event.registrations, pk=pk)
    done = registration_services.check_in(actor=request.user, registration=registration)
    if request.headers.get("HX-Request"):
        return render(
            request,
            "events/staff/_checkin_row.html",
            {"event": event, "registration": registration, "just_checked_in": done},
        )
    if done:
        messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    query = urlencode({"q": request.POST.get("q", "")[:100]})
    return redirect(f"{reverse('events:checkin', kwargs={'slug': event.slug})}?{query}")
