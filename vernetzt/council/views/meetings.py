"""Meetings: the meeting page (invitation, agenda, attendance, minutes, decisions, action
items, attachments), the minutes as PDF, attachment downloads, and the staff forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.core.roles import is_staff
from vernetzt.council.forms.meetings import (
    ActionItemForm,
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    MeetingForm,
    MinutesForm,
    service_data,
)
from vernetzt.council.minutes_pdf import minutes_pdf
from vernetzt.council.models import ActionItem, AgendaItem, Attendance, Meeting
from vernetzt.council.selectors import meeting_pages, sees_internal
from vernetzt.council.services import meetings as services
from vernetzt.council.views.bodies import show_errors


def _meeting(request, pk):
    return meeting_pages.meeting_for(user=request.user, pk=pk)


@require_GET
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    page = meeting_pages.meeting_page(user=request.user, meeting=meeting)
    return render(
        request,
        "council/meetings/detail.html",
        {
            "meeting": meeting,
            "page": page,
            "today": timezone.localdate(),
            "now": timezone.now(),
            "sees_internal": sees_internal(request.user),
            "can_manage": is_staff(request.user),
        },
    )


@require_GET
def meeting_minutes_pdf(request, pk):
    """The minutes of one meeting as a PDF, rendered in the request (one meeting is quick)."""
    meeting = _meeting(request, pk)
    page = meeting_pages.meeting_page(user=request.user, meeting=meeting)
    response = HttpResponse(minutes_pdf(page=page), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="protokoll-{meeting.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    body = meeting_pages.body_for(user=request.user, pk=pk)
    form = MeetingForm(request.POST or None, instance=Meeting(body=body))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.create_meeting(actor=request.user, body=body, **service_data(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The meeting has been created. Now add its agenda."))
            return redirect("council:meeting_detail", meeting.pk)
    return render(
        request,
        "council/meetings/form.html",
        {"form": form, "body": body, "title": _("New meeting")},
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(actor=request.user, meeting=meeting, **service_data(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("council:meeting_detail", meeting.pk)
    return render(
        request,
        "council/meetings/form.html",
        {"form": form, "body": meeting.body, "meeting": meeting, "title": _("Edit meeting")},
    )


@require_http_methods(["GET", "POST"])
def agenda_item_create(request, pk):
    meeting = _meeting(request, pk)
    form = AgendaItemForm(request.POST or None, instance=AgendaItem(meeting=meeting, order=1))
    if request.method == "POST" and form.is_valid():
        data = service_data(form)
        try:
            services.add_item(actor=request.user, meeting=meeting, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The agenda item has been added."))
            if "another" in request.POST:
                return redirect("council:agenda_item_create", meeting.pk)
            return redirect("council:meeting_detail", meeting.pk)
    return render(
        request,
        "council/meetings/agenda_item_form.html",
        {"form": form, "meeting": meeting, "title": _("Add an agenda item"), "adding": True},
    )


def _agenda_item(meeting, item_pk):
    return get_object_or_404(AgendaItem.objects.filter(meeting=meeting), pk=item_pk)


@require_http_methods(["GET", "POST"])
def agenda_item_edit(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = _agenda_item(meeting, item_pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agenda_item(actor=request.user, item=item, **service_data(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The agenda item has been saved."))
            return redirect("council:meeting_detail", meeting.pk)
    return render(
        request,
        "council/meetings/agenda_item_form.html",
        {"form": form, "meeting": meeting, "item": item, "title": _("Edit agenda item")},
    )


@require_POST
def agenda_item_move(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = _agenda_item(meeting, item_pk)
    services.move_agenda_item(
        actor=request.user, item=item, step=-1 if request.POST.get("step") == "up" else 1
    )
    return redirect(f"{meeting_url(meeting)}#agenda")


def meeting_url(meeting):
    return reverse("council:meeting_detail", args=[meeting.pk])


@require_http_methods(["GET", "POST"])
def meeting_minutes(request, pk):
    """The minutes and decisions of every agenda item in one form."""
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST or None, items=meeting.agenda_items.order_by("order", "pk"))
    if request.method == "POST" and form.is_valid():
        for item, values in form.changes().items():
            services.update_agenda_item(actor=request.user, item=item, **values)
        messages.success(request, _("The minutes have been saved."))
        return redirect("council:meeting_detail", meeting.pk)
    return render(request, "council/meetings/minutes_form.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk):
    """Present, excused or absent for every member, in one form."""
    meeting = _meeting(request, pk)
    recorded = {row.person_id: row for row in Attendance.objects.filter(meeting=meeting)}
    form = AttendanceForm(
        request.POST or None,
        persons=meeting_pages.attendance_members(meeting=meeting),
        recorded=recorded,
    )
    if request.method == "POST" and form.is_valid():
        services.record_attendance(actor=request.user, meeting=meeting, entries=form.entries())
        messages.success(request, _("The attendance has been saved."))
        return redirect("council:meeting_detail", meeting.pk)
    return render(
        request, "council/meetings/attendance_form.html", {"form": form, "meeting": meeting}
    )


@require_http_methods(["GET", "POST"])
def attachment_add(request, pk):
    meeting = _meeting(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(
                actor=request.user,
                meeting=meeting,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                agenda_item=form.cleaned_data["agenda_item"],
                is_public=form.cleaned_data["is_public"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The attachment has been added."))
            return redirect("council:meeting_detail", meeting.pk)
    return render(
        request, "council/meetings/attachment_form.html", {"form": form, "meeting": meeting}
    )


@require_GET
def attachment_download(request, pk):
    """The PDF, read through the storage API, for whoever may see it (else 404)."""
    attachment = meeting_pages.attachment_for(user=request.user, pk=pk)
    try:
        content = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None  # the row outlived its file (a restored database, say)
    response = FileResponse(
        content,
        content_type="application/pdf",
        as_attachment=False,
        filename=attachment.file_name or f"{attachment.title}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_http_methods(["GET", "POST"])
def attachment_delete(request, pk):
    attachment = meeting_pages.attachment_for(user=request.user, pk=pk)
    meeting = attachment.meeting
    if request.method == "POST":
        services.remove_attachment(actor=request.user, attachment=attachment)
        messages.success(request, _("The attachment has been removed."))
        return redirect("council:meeting_detail", meeting.pk)
    return render(
        request,
        "council/meetings/attachment_delete.html",
        {"attachment": attachment, "meeting": meeting},
    )


@require_http_methods(["GET", "POST"])
def action_item_create(request, pk):
    meeting = _meeting(request, pk)
    form = ActionItemForm(
        request.POST or None, instance=ActionItem(meeting=meeting), meeting=meeting
    )
    if request.method == "POST" and form.is_valid():
        data = service_data(form)
        try:
            services.add_action_item(actor=request.user, meeting=meeting, **data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The action item has been added."))
            return redirect(f"{meeting_url(meeting)}#action-items")
    return render(
        request,
        "council/meetings/action_item_form.html",
        {"form": form, "meeting": meeting, "title": _("Add an action item")},
    )


def _action_item(request, pk):
    return meeting_pages.action_item_for(user=request.user, pk=pk)


@require_http_methods(["GET", "POST"])
def action_item_edit(request, pk):
    item = _action_item(request, pk)
    form = ActionItemForm(request.POST or None, instance=item, meeting=item.meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action_item(actor=request.user, item=item, **service_data(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The action item has been saved."))
            return redirect(f"{meeting_url(item.meeting)}#action-items")
    return render(
        request,
        "council/meetings/action_item_form.html",
        {"form": form, "meeting": item.meeting, "item": item, "title": _("Edit action item")},
    )


@require_POST
def action_item_done(request, pk):
    """Marks the item done (or open again with ``done=0``), back to the page it was marked on."""
    item = _action_item(request, pk)
    done = request.POST.get("done", "1") != "0"
    services.mark_action_item_done(actor=request.user, item=item, done=done)
    messages.success(
        request, _("The action item is done.") if done else _("The action item is open again.")
    )
    back, shown_on = item.meeting, request.POST.get("meeting", "")
    if shown_on.isdigit() and len(shown_on) < 12:  # the later meeting it was marked on
        visible = meeting_pages.meetings(user=request.user).prefetch_related(None)
        back = visible.filter(pk=shown_on).first() or back
    return redirect(f"{meeting_url(back)}#action-items")


urlpatterns = [
    path("<int:pk>/sitzungen/neu/", meeting_create, name="meeting_create"),
    path("sitzungen/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("sitzungen/<int:pk>/bearbeiten/", meeting_edit, name="meeting_edit"),
    path("sitzungen/<int:pk>/protokoll.pdf", meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("sitzungen/<int:pk>/protokoll/", meeting_minutes, name="meeting_minutes"),
    path("sitzungen/<int:pk>/anwesenheit/", meeting_attendance, name="meeting_attendance"),
    path("sitzungen/<int:pk>/tagesordnung/neu/", agenda_item_create, name="agenda_item_create"),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/", agenda_item_edit, name="agenda_item_edit"
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/verschieben/",
        agenda_item_move,
        name="agenda_item_move",
    ),
    path("sitzungen/<int:pk>/anhaenge/neu/", attachment_add, name="attachment_add"),
    path("anhaenge/<int:pk>/", attachment_download, name="attachment_download"),
    path("anhaenge/<int:pk>/loeschen/", attachment_delete, name="attachment_delete"),
    path("sitzungen/<int:pk>/aufgaben/neu/", action_item_create, name="action_item_create"),
    path("aufgaben/<int:pk>/", action_item_edit, name="action_item_edit"),
    path("aufgaben/<int:pk>/erledigt/", action_item_done, name="action_item_done"),
]
