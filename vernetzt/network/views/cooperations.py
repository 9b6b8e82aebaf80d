"""Cooperation pages: propose, detail, decide, activate, end, change, record on behalf, the
decisions waiting for an editor and the office's list.

Access is checked by the access middleware with the rules of ``network.permissions`` (which
ask ``network.rules``); the views parse input, call services and selectors, and render.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.core.roles import is_staff
from vernetzt.directory.importing.reading import ImportFileError, file_format
from vernetzt.directory.importing.report import summary
from vernetzt.directory.models import Organisation
from vernetzt.network import rules
from vernetzt.network.forms.cooperations import (
    DecisionForm,
    EditForm,
    EndForm,
    ImportForm,
    ProposeForm,
    RecordForm,
)
from vernetzt.network.importing import cooperations as importing
from vernetzt.network.models import Cooperation
from vernetzt.network.selectors import cooperations as selectors
from vernetzt.network.services import cooperations as services


def _cooperation(request, pk):
    cooperation = selectors.detail_of(pk=pk, user=request.user)
    if cooperation is None:
        raise Http404
    return cooperation


def _detail_url(cooperation):
    return reverse("network:cooperation_detail", kwargs={"pk": cooperation.pk})


def _to_detail(cooperation):
    return redirect("network:cooperation_detail", pk=cooperation.pk)


def _service_errors(form, error):
    """A refusal of the service shown on the form (a colleague decided meanwhile, …)."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


@require_http_methods(["GET", "POST"])
def cooperation_propose(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    form = ProposeForm(request.POST or None, user=request.user, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            cooperation = services.propose(
                actor=request.user,
                proposing_organisation=organisation,
                partner_organisations=form.partner_organisations(),
                message=form.cleaned_data["message"],
                **form.cooperation_data(),
            )
        except (ValidationError, services.TransitionError) as error:
            _service_errors(form, error)
        else:
            messages.success(
                request, _("The cooperation has been proposed. The partners' editors are asked.")
            )
            return _to_detail(cooperation)
    return render(
        request,
        "network/cooperations/propose.html",
        {
            "organisation": organisation,
            "form": form,
            "page_title": _("Propose a cooperation"),
            "submit_label": _("Propose"),
            "cancel_url": reverse("directory:organisation_detail", kwargs={"slug": slug}),
        },
    )


@require_GET
def cooperation_detail(request, pk):
    cooperation = _cooperation(request, pk)
    user = request.user
    links = selectors.partner_links(cooperation, user)
    decisions = [
        partner
        for partner in cooperation.partners.all()
        if partner.decision == partner.Decision.PENDING
        and rules.may_decide(user, cooperation, partner.organisation)
    ]
    for partner in cooperation.partners.all():
        partner.linked = links.get(partner.organisation_id, False)
    return render(
        request,
        "network/cooperations/detail.html",
        {
            "cooperation": cooperation,
            "my_decisions": decisions,
            "may_edit": cooperation.status != Cooperation.Status.DECLINED
            and rules.may_edit(user, cooperation),
            "may_end": rules.may_end(user, cooperation),
            "may_activate": rules.may_activate(user, cooperation),
            "shows_decisions": rules.may_edit(user, cooperation) or is_staff(user),
            "is_publicly_visible": Cooperation.objects.publicly_visible()
            .filter(pk=cooperation.pk)
            .exists(),
        },
    )


@require_http_methods(["GET", "POST"])
def cooperation_decide(request, pk, slug):
    cooperation = _cooperation(request, pk)
    organisation = get_object_or_404(Organisation, slug=slug)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        try:
            services.decide(
                actor=request.user,
                cooperation=cooperation,
                organisation=organisation,
                confirm=confirm,
                reason=form.cleaned_data["reason"],
            )
        except (ValidationError, services.TransitionError, PermissionDenied) as error:
            _service_errors(form, error)
        else:
            messages.success(
                request,
                _("You have confirmed the cooperation.")
                if confirm
                else _("You have declined the cooperation."),
            )
            return _to_detail(cooperation)
    return render(
        request,
        "network/cooperations/decide.html",
        {
            "cooperation": cooperation,
            "organisation": organisation,
            "form": form,
            "page_title": _("Confirm or decline a cooperation"),
            "submit_label": _("Send the decision"),
            "cancel_url": _detail_url(cooperation),
        },
    )


@require_POST
def cooperation_activate(request, pk):
    cooperation = _cooperation(request, pk)
    try:
        services.activate(actor=request.user, cooperation=cooperation)
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The cooperation is now active."))
    return _to_detail(cooperation)


@require_http_methods(["GET", "POST"])
def cooperation_end(request, pk):
    cooperation = _cooperation(request, pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end(
                actor=request.user,
                cooperation=cooperation,
                reason=form.cleaned_data["reason"],
                end_date=form.cleaned_data["end_date"],
            )
        except (ValidationError, services.TransitionError) as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The cooperation has been ended."))
            return _to_detail(cooperation)
    return render(
        request,
        "network/cooperations/end.html",
        {
            "cooperation": cooperation,
            "form": form,
            "may_end": rules.may_end(request.user, cooperation),
            "page_title": _("End the cooperation"),
            "submit_label": _("End the cooperation"),
            "cancel_url": _detail_url(cooperation),
        },
    )


@require_http_methods(["GET", "POST"])
def cooperation_edit(request, pk):
    cooperation = _cooperation(request, pk)
    form = EditForm(request.POST or None, instance=cooperation)
    if request.method == "POST" and form.is_valid():
        try:
            services.update(
                actor=request.user,
                cooperation=cooperation,
                data=form.cooperation_data(),
                version=form.loaded_version,
            )
        except services.EditConflict as conflict:
            form.show_conflict(conflict.current)
        except (ValidationError, services.TransitionError) as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The cooperation has been saved."))
            return _to_detail(cooperation)
    return render(
        request,
        "network/cooperations/edit.html",
        {
            "cooperation": cooperation,
            "form": form,
            "page_title": _("Change the cooperation"),
            "submit_label": _("Save"),
            "cancel_url": _detail_url(cooperation),
        },
    )


@require_http_methods(["GET", "POST"])
def cooperation_record(request):
    form = RecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cooperation = services.record_on_behalf(
                actor=request.user,
                organisations=form.chosen_organisations(),
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                **form.cooperation_data(),
            )
        except (ValidationError, services.TransitionError) as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The cooperation has been recorded."))
            return _to_detail(cooperation)
    return render(
        request,
        "network/cooperations/record.html",
        {
            "form": form,
            "page_title": _("Record a cooperation"),
            "submit_label": _("Record"),
            "cancel_url": reverse("network:cooperation_office"),
        },
    )


@require_GET
def cooperation_decisions(request):
    return render(
        request,
        "network/cooperations/decisions.html",
        {"pending": selectors.decisions_for(user=request.user)},
    )


@require_GET
def cooperation_office(request):
    status = request.GET.get("status", "")
    if status not in Cooperation.Status.values:
        status = ""
    query = request.GET.get("q", "")[:200]
    cooperations = list(selectors.office_list(status=status, query=query)[:200])
    return render(
        request,
        "network/cooperations/office.html",
        {
            "cooperations": cooperations,
            "status": status,
            "query": query,
            "statuses": Cooperation.Status.choices,
        },
    )


@require_http_methods(["GET", "POST"])
def cooperation_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    checked, created = None, None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = importing.read_table(upload.read(), file_format(upload.name))
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            checked = importing.check(table)
            if form.cleaned_data["action"] == ImportForm.IMPORT and checked.importable:
                created = importing.write(
                    actor=request.user,
                    checked=checked,
                    visibility=form.cleaned_data["visibility"],
                    source=upload.name,
                )
                messages.success(
                    request,
                    ngettext(
                        "%(count)d cooperation has been imported.",
                        "%(count)d cooperations have been imported.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
    return render(
        request,
        "network/cooperations/import.html",
        {
            "form": form,
            "checked": checked,
            "entries": importing.rows_for_page(checked) if checked else [],
            "summary": summary(checked.report) if checked else "",
            "created": created,
        },
    )
