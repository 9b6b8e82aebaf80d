"""Measures: the public page (milestones, progress, budget with the over-plan warning), evidence
downloads, following, and the staff forms (measure, status, milestones, progress, budget)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.core.roles import is_staff
from vernetzt.council.forms.accountability import (
    BudgetLineForm,
    MeasureForm,
    MilestoneForm,
    ProgressForm,
    StatusForm,
)
from vernetzt.council.models import BudgetLine, Measure, Milestone, Paper
from vernetzt.council.selectors import accountability as selectors
from vernetzt.council.selectors import measures, sees_internal
from vernetzt.council.services import change_measure_status
from vernetzt.council.services import measures as services
from vernetzt.council.views.bodies import show_errors


@require_GET
def measure_detail(request, pk):
    page = selectors.measure_page(user=request.user, pk=pk)
    return render(
        request,
        "council/measures/detail.html",
        {
            "page": page,
            "measure": page.measure,
            "sees_internal": sees_internal(request.user),
            "can_manage": is_staff(request.user),
        },
    )


def _file_response(field, filename, content_type):
    try:
        content = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(content, content_type=content_type, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_GET
def progress_evidence(request, pk, update_pk):
    update = selectors.progress_evidence(user=request.user, measure_pk=pk, pk=update_pk)
    return _file_response(
        update.evidence,
        update.evidence_name or "evidence",
        update.evidence_type or "application/pdf",
    )


@require_GET
def budget_receipt(request, pk, line_pk):
    line = get_object_or_404(BudgetLine.objects.exclude(receipt_file=""), pk=line_pk, measure_id=pk)
    name = line.receipt_file.name.rsplit("/", 1)[-1]
    content_type = (
        "application/pdf"
        if name.endswith(".pdf")
        else "image/" + ("jpeg" if name.endswith(".jpg") else name.rsplit(".", 1)[-1])
    )
    return _file_response(line.receipt_file, name, content_type)


@require_POST
def measure_follow(request, pk):
    measure = get_object_or_404(measures(user=request.user), pk=pk)
    if request.POST.get("action") == "unfollow":
        row = measure.follows.filter(user=request.user).first()
        if row:
            services.unfollow(user=request.user, follow_row=row)
        messages.success(request, _("You no longer follow this measure."))
    else:
        services.follow(user=request.user, measure=measure)
        messages.success(
            request,
            _("You follow this measure: you will get an e-mail on its status and progress."),
        )
    return redirect("council:measure_detail", measure.pk)


# --- staff -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def measure_create(request):
    paper = None
    chosen = request.GET.get("paper", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) <= 9:
        paper = Paper.objects.filter(pk=chosen).first()
    return _measure_form(request, Measure(paper=paper), _("New measure"))


@require_http_methods(["GET", "POST"])
def measure_edit(request, pk):
    return _measure_form(request, get_object_or_404(Measure, pk=pk), _("Edit the measure"))


def _measure_form(request, measure, title):
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        for name, value in form.measure_fields().items():
            setattr(measure, name, value)
        try:
            measure = services.save_measure(
                actor=request.user, measure=measure, **form.list_fields()
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The measure has been saved."))
            return redirect("council:measure_detail", measure.pk)
    return render(
        request,
        "council/measures/form.html",
        {"form": form, "measure": measure if measure.pk else None, "title": title},
    )


@require_http_methods(["GET", "POST"])
def measure_status(request, pk):
    measure = get_object_or_404(Measure, pk=pk)
    form = StatusForm(
        request.POST or None, initial={"status": measure.status, "reason": measure.status_reason}
    )
    if request.method == "POST" and form.is_valid():
        try:
            change_measure_status(
                actor=request.user,
                measure=measure,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect("council:measure_detail", measure.pk)
    return render(
        request,
        "council/measures/form.html",
        {"form": form, "measure": measure, "title": _("Change the status")},
    )


@require_http_methods(["GET", "POST"])
def milestone_add(request, pk):
    measure = get_object_or_404(Measure, pk=pk)
    form = MilestoneForm(request.POST or None, instance=Milestone(measure=measure))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_milestone(
                actor=request.user,
                measure=measure,
                **{name: form.cleaned_data[name] for name in MilestoneForm.Meta.fields},
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The milestone has been added."))
            return redirect("council:measure_detail", measure.pk)
    return render(
        request,
        "council/measures/form.html",
        {"form": form, "measure": measure, "title": _("New milestone")},
    )


@require_http_methods(["GET", "POST"])
def milestone_edit(request, pk, milestone_pk):
    milestone = get_object_or_404(Milestone, pk=milestone_pk, measure_id=pk)
    if request.method == "POST" and request.POST.get("done") == "1":
        services.change_milestone(
            actor=request.user, milestone=milestone, done_on=timezone.localdate()
        )
        messages.success(request, _("The milestone is marked as done."))
        return redirect("council:measure_detail", pk)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_milestone(
                actor=request.user,
                milestone=Milestone.objects.get(pk=milestone.pk),
                **{name: form.cleaned_data[name] for name in MilestoneForm.Meta.fields},
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The milestone has been saved."))
            return redirect("council:measure_detail", pk)
    return render(
        request,
        "council/measures/form.html",
        {"form": form, "measure": milestone.measure, "title": _("Edit the milestone")},
    )


@require_http_methods(["GET", "POST"])
def progress_add(request, pk):
    measure = get_object_or_404(Measure, pk=pk)
    form = ProgressForm(
        request.POST or None, request.FILES or None, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_progress_update(actor=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The progress report has been added."))
            return redirect("council:measure_detail", measure.pk)
    return render(
        request,
        "council/measures/form.html",
        {"form": form, "measure": measure, "title": _("Report progress"), "multipart": True},
    )


@require_http_methods(["GET", "POST"])
def budget_line_add(request, pk):
    measure = get_object_or_404(Measure, pk=pk)
    form = BudgetLineForm(
        request.POST or None, request.FILES or None, initial={"date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_budget_line_with_receipt(
                actor=request.user, measure=measure, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The amount has been recorded."))
            return redirect("council:measure_detail", measure.pk)
    return render(
        request,
        "council/measures/form.html",
        {
            "form": form,
            "measure": measure,
            "title": _("Add to the budget"),
            "multipart": True,
        },
    )


urlpatterns = [
    path("massnahmen/neu/", measure_create, name="measure_create"),
    path("massnahmen/<int:pk>/", measure_detail, name="measure_detail"),
    path("massnahmen/<int:pk>/bearbeiten/", measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/status/", measure_status, name="measure_status"),
    path("massnahmen/<int:pk>/folgen/", measure_follow, name="measure_follow"),
    path("massnahmen/<int:pk>/meilensteine/neu/", milestone_add, name="milestone_add"),
    path(
        "massnahmen/<int:pk>/meilensteine/<int:milestone_pk>/",
        milestone_edit,
        name="milestone_edit",
    ),
    path("massnahmen/<int:pk>/fortschritt/neu/", progress_add, name="progress_add"),
    path(
        "massnahmen/<int:pk>/fortschritt/<int:update_pk>/nachweis/",
        progress_evidence,
        name="progress_evidence",
    ),
    path("massnahmen/<int:pk>/haushalt/neu/", budget_line_add, name="budget_line_add"),
    path(
        "massnahmen/<int:pk>/haushalt/<int:line_pk>/beleg/",
        budget_receipt,
        name="budget_receipt",
    ),
]
