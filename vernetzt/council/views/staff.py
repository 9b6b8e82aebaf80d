"""The integration office's council tools: what is overdue, many measures' status and progress
at once (an editable table, or a CSV/XLSX upload with a dry run), and the treasury's export of
budget lines. Staff only (``council/permissions.py``)."""

import json
import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.core.collation import sort_key
from vernetzt.council import selectors, treasury
from vernetzt.council.bulk import table, upload
from vernetzt.council.reports import data as report_data
from vernetzt.directory.importing.forms import UploadForm as _DirectoryUploadForm
from vernetzt.directory.importing.reading import ImportFileError

UPLOAD_FOLDER = "council/bulk"


# --- overdue ------------------------------------------------------------------------------


@require_GET
def overdue(request):
    today = timezone.localdate()
    return render(
        request,
        "council/staff/overdue.html",
        {
            "today": today,
            "milestones": report_data.overdue_milestones(user=request.user, on=today),
            "action_items": selectors.open_action_items(user=request.user, overdue_on=today),
        },
    )


# --- the editable table ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def bulk_table(request):
    filters = table.MeasureFilterForm(request.GET or None, user=request.user)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    measures = sorted(
        table.filtered_measures(user=request.user, filters=chosen),
        key=lambda measure: (sort_key(measure.title), measure.pk),
    )
    more = len(measures) > table.MAX_ROWS
    measures = measures[: table.MAX_ROWS]
    if request.method == "POST":
        formset = table.MeasureFormSet(request.POST, measures=measures)
        if formset.is_valid():
            statuses, updates = table.save(formset, actor=request.user)
            messages.success(request, _saved_message(statuses, updates))
            return redirect(request.get_full_path())
    else:
        formset = table.MeasureFormSet(initial=table.initial(measures), measures=measures)
    rows = []
    by_pk = {measure.pk: measure for measure in measures}
    for form in formset.forms:
        pk = form["measure"].value()
        try:
            rows.append((by_pk[int(pk)], form))
        except (KeyError, TypeError, ValueError):
            continue
    return render(
        request,
        "council/staff/bulk_table.html",
        {
            "filters": filters,
            "formset": formset,
            "rows": rows,
            "more": more,
            "max_rows": table.MAX_ROWS,
        },
    )


def _saved_message(statuses, updates):
    if not statuses and not updates:
        return _("Nothing changed.")
    return " ".join(
        [
            ngettext("%(count)d status changed.", "%(count)d statuses changed.", statuses)
            % {"count": statuses},
            ngettext("%(count)d progress note added.", "%(count)d progress notes added.", updates)
            % {"count": updates},
        ]
    )


# --- the upload with its dry run ------------------------------------------------------------


class BulkUploadForm(_DirectoryUploadForm):
    """The organisation import's file field and its checks, without its other fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name != "file":
                del self.fields[name]


def _store(request, content, file_name):
    token = uuid.uuid4().hex
    default_storage.save(f"{UPLOAD_FOLDER}/{token}.bin", ContentFile(content))
    meta = {
        "user": request.user.pk,
        "file_name": file_name[:255],
        "created": timezone.now().isoformat(),
    }
    default_storage.save(f"{UPLOAD_FOLDER}/{token}.json", ContentFile(json.dumps(meta).encode()))
    return token


def _stored(request, token):
    try:
        uuid.UUID(hex=token)
    except ValueError as error:
        raise Http404 from error
    meta_name = f"{UPLOAD_FOLDER}/{token}.json"
    if not default_storage.exists(meta_name):
        raise Http404
    with default_storage.open(meta_name) as stored:
        meta = json.loads(stored.read())
    if meta["user"] != request.user.pk:
        raise Http404
    with default_storage.open(f"{UPLOAD_FOLDER}/{token}.bin") as stored:
        return meta, stored.read()


def _forget(token):
    for suffix in ("bin", "json"):
        name = f"{UPLOAD_FOLDER}/{token}.{suffix}"
        if default_storage.exists(name):
            default_storage.delete(name)


@require_http_methods(["GET", "POST"])
def bulk_upload(request):
    """Upload → the dry run's report of every row → confirm (``bulk_upload_confirm``)."""
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        content = file.read()
        try:
            checked = upload.check(upload.read(content, file.name), user=request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            context.update(
                checked=checked,
                file_name=file.name,
                token=_store(request, content, file.name) if checked.may_write else "",
            )
    return render(request, "council/staff/bulk_upload.html", context)


@require_POST
def bulk_upload_confirm(request, token):
    """Check the stored file again (the measures may have changed) and write it, all or nothing."""
    meta, content = _stored(request, token)
    try:
        checked = upload.check(upload.read(content, meta["file_name"]), user=request.user)
    except ImportFileError as error:
        messages.error(request, str(error))
        return redirect("council:bulk_upload")
    if not checked.may_write:
        messages.error(
            request,
            _(
                "Nothing was written: since the check, rows have become invalid. Please upload the file again."
            ),
        )
        return redirect("council:bulk_upload")
    statuses, updates = upload.write(checked, actor=request.user)
    _forget(token)
    messages.success(request, _saved_message(statuses, updates))
    return redirect("council:bulk_table")


@require_GET
def bulk_upload_example(request):
    content = upload.example_csv()
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="massnahmen-stand.csv"'
    return response


# --- the treasury's export --------------------------------------------------------------------


@require_GET
def treasury_page(request):
    form = treasury.TreasuryFilterForm(request.GET or None, user=request.user)
    lines = []
    if form.is_bound and form.is_valid():
        lines = list(
            treasury.budget_lines(
                user=request.user, filters=treasury.TreasuryFilter.from_form(form)
            )[:200]
        )
    return render(
        request,
        "council/staff/treasury.html",
        {"form": form, "lines": lines, "query": request.GET.urlencode()},
    )


@require_GET
def treasury_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form = treasury.TreasuryFilterForm(request.GET or None, user=request.user)
    filters = treasury.TreasuryFilter()
    if form.is_bound:
        if not form.is_valid():
            return HttpResponse(
                " ".join(str(error) for errors in form.errors.values() for error in errors),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        filters = treasury.TreasuryFilter.from_form(form)
    lines = treasury.budget_lines(user=request.user, filters=filters)
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(treasury.as_csv(lines), content_type="text/csv; charset=utf-8")
    else:
        title = _("Budget lines of the measures, as of %(day)s") % {
            "day": timezone.localdate().strftime("%d.%m.%Y")
        }
        response = HttpResponse(
            treasury.as_xlsx(lines, title=title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="haushalt-massnahmen-{stamp}.{fmt}"'
    return response


urlpatterns = [
    path("buero/ueberfaellig/", overdue, name="staff_overdue"),
    path("buero/massnahmen/", bulk_table, name="bulk_table"),
    path("buero/massnahmen/hochladen/", bulk_upload, name="bulk_upload"),
    path(
        "buero/massnahmen/hochladen/beispiel.csv", bulk_upload_example, name="bulk_upload_example"
    ),
    path(
        "buero/massnahmen/hochladen/<str:token>/",
        bulk_upload_confirm,
        name="bulk_upload_confirm",
    ),
    path("buero/haushalt/", treasury_page, name="treasury"),
    path("buero/haushalt/export.<str:fmt>", treasury_export, name="treasury_export"),
]
