"""The council report: ask for it (body, period, format), get a short one at once, wait for a
long one built in the task queue, download it when done. Council members and staff only
(``council/permissions.py``)."""

from datetime import date

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from vernetzt.council.reports import jobs
from vernetzt.council.reports.forms import ReportForm


@require_http_methods(["GET", "POST"])
def report(request):
    form = ReportForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = {
            "user": request.user,
            "body": data["body"],
            "start": data["date_from"],
            "end": data["date_until"],
            "fmt": data["format"],
            "language": data["language"],
        }
        if jobs.runs_inline(start=options["start"], end=options["end"], fmt=options["fmt"]):
            with translation.override(options["language"]):
                content, name = jobs.build(**options)
            response = HttpResponse(content, content_type=jobs.FORMATS[options["fmt"]])
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        token = jobs.enqueue(**options)
        return redirect("council:report_status", token=token)
    return render(
        request, "council/reports/start.html", {"form": form, "inline_days": jobs.INLINE_DAYS}
    )


@require_GET
def report_status(request, token):
    meta, progress, stored = jobs.status(token)
    if meta is None:
        raise Http404
    finished = bool(stored) or progress.finished
    if request.headers.get("HX-Request"):
        if finished:
            response = HttpResponse()
            response["HX-Redirect"] = request.path
            return response
        return render(
            request,
            "council/reports/_progress.html",
            {"progress": progress, "token": token},
        )
    return render(
        request,
        "council/reports/status.html",
        {
            "meta": meta,
            "start": date.fromisoformat(meta["start"]),
            "end": date.fromisoformat(meta["end"]),
            "progress": progress,
            "token": token,
            "finished": finished,
            "download_url": reverse("council:report_download", kwargs={"token": token})
            if stored
            else "",
        },
    )


@require_GET
def report_download(request, token):
    meta, _progress, stored = jobs.status(token)
    if meta is None or not stored:
        raise Http404
    from django.core.files.storage import default_storage

    return FileResponse(
        default_storage.open(stored),
        as_attachment=True,
        filename=meta["file_name"],
        content_type=jobs.FORMATS[meta["format"]],
    )


urlpatterns = [
    path("bericht/", report, name="report"),
    path("bericht/<str:token>/", report_status, name="report_status"),
    path("bericht/<str:token>/datei/", report_download, name="report_download"),
]
