"""Papers: the list, the public page of a paper (what was decided, what has been done, what it
cost), attachment downloads, following, and the staff forms (paper, submitters, attachments,
resolutions)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.core.roles import is_staff
from vernetzt.council.forms.accountability import (
    AttachmentForm,
    PaperForm,
    ResolutionForm,
    SubmitterForm,
)
from vernetzt.council.models import Paper, Submitter
from vernetzt.council.selectors import accountability as selectors
from vernetzt.council.selectors import papers, sees_internal
from vernetzt.council.services import measures as measure_services
from vernetzt.council.services import papers as services
from vernetzt.council.views.bodies import show_errors
from vernetzt.directory.views.public import page_number


@require_GET
def paper_list(request):
    query = request.GET.get("q", "")[:200]
    paginator = Paginator(selectors.paper_list(user=request.user, query=query), 25)
    page = paginator.get_page(page_number(request))
    return render(
        request,
        "council/papers/list.html",
        {
            "page": page,
            "query": query,
            "page_query": urlencode({"q": query}) if query else "",
            "can_manage": is_staff(request.user),
        },
    )


@require_GET
def paper_detail(request, pk):
    page = selectors.paper_page(user=request.user, pk=pk)
    return render(
        request,
        "council/papers/detail.html",
        {
            "page": page,
            "paper": page.paper,
            "sees_internal": sees_internal(request.user),
            "can_manage": is_staff(request.user),
        },
    )


@require_GET
def paper_attachment(request, pk, attachment_pk):
    attachment = get_object_or_404(
        selectors.paper_attachments(user=request.user), pk=attachment_pk, paper_id=pk
    )
    try:
        content = attachment.content.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        content,
        content_type="application/pdf",
        filename=attachment.original_name or f"{attachment.title}.pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@require_POST
def paper_follow(request, pk):
    paper = get_object_or_404(papers(user=request.user), pk=pk)
    if request.POST.get("action") == "unfollow":
        row = paper.follows.filter(user=request.user).first()
        if row:
            measure_services.unfollow(user=request.user, follow_row=row)
        messages.success(request, _("You no longer follow this paper."))
    else:
        measure_services.follow(user=request.user, paper=paper)
        messages.success(
            request, _("You follow this paper: you will get an e-mail when it is decided.")
        )
    return redirect("council:paper_detail", paper.pk)


# --- staff -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def paper_create(request):
    return _paper_form(request, Paper(kind=Paper.Kind.MOTION), _("New paper"))


@require_http_methods(["GET", "POST"])
def paper_edit(request, pk):
    paper = get_object_or_404(Paper, pk=pk)
    return _paper_form(request, paper, _("Edit the paper"))


def _paper_form(request, paper, title):
    form = PaperForm(request.POST or None, instance=paper)
    if request.method == "POST" and form.is_valid():
        try:
            paper = services.save_paper(actor=request.user, paper=form.save(commit=False))
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The paper has been saved."))
            return redirect("council:paper_detail", paper.pk)
    return render(
        request, "council/papers/form.html", {"form": form, "paper": paper, "title": title}
    )


@require_http_methods(["GET", "POST"])
def paper_submitters(request, pk):
    paper = get_object_or_404(Paper, pk=pk)
    form = SubmitterForm(request.POST or None)
    if request.method == "POST" and request.POST.get("remove"):
        submitter = get_object_or_404(Submitter, paper=paper, pk=request.POST["remove"])
        services.remove_submitter(actor=request.user, submitter=submitter)
        messages.success(request, _("The submitter has been removed."))
        return redirect("council:paper_submitters", paper.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_submitter(actor=request.user, paper=paper, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The submitter has been added."))
            return redirect("council:paper_submitters", paper.pk)
    return render(
        request,
        "council/papers/submitters.html",
        {
            "form": form,
            "paper": paper,
            "submitters": paper.submitters.select_related("body", "person", "organisation"),
        },
    )


@require_http_methods(["GET", "POST"])
def paper_attachment_add(request, pk):
    paper = get_object_or_404(Paper, pk=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(
                actor=request.user,
                paper=paper,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
                is_public=form.cleaned_data["is_public"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("The attachment has been added."))
            return redirect("council:paper_detail", paper.pk)
    return render(
        request,
        "council/papers/form.html",
        {"form": form, "paper": paper, "title": _("Attach a PDF"), "multipart": True},
    )


@require_http_methods(["GET", "POST"])
def paper_resolution(request, pk):
    paper = get_object_or_404(Paper, pk=pk)
    initial = {}
    chosen = request.GET.get("consultation", "")
    if chosen.isdigit():
        initial["consultation"] = chosen
    form = ResolutionForm(request.POST or None, paper=paper, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_resolution(
                actor=request.user,
                paper=paper,
                consultation=form.cleaned_data.get("consultation"),
                **form.service_fields(),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, _("The resolution has been recorded. Now create its measures.")
            )
            return redirect("council:paper_detail", paper.pk)
    return render(
        request,
        "council/papers/form.html",
        {"form": form, "paper": paper, "title": _("Record a resolution")},
    )


urlpatterns = [
    path("vorlagen/", paper_list, name="paper_list"),
    path("vorlagen/neu/", paper_create, name="paper_create"),
    path("vorlagen/<int:pk>/", paper_detail, name="paper_detail"),
    path("vorlagen/<int:pk>/bearbeiten/", paper_edit, name="paper_edit"),
    path("vorlagen/<int:pk>/folgen/", paper_follow, name="paper_follow"),
    path("vorlagen/<int:pk>/einreicher/", paper_submitters, name="paper_submitters"),
    path("vorlagen/<int:pk>/anhaenge/neu/", paper_attachment_add, name="paper_attachment_add"),
    path(
        "vorlagen/<int:pk>/anhaenge/<int:attachment_pk>/",
        paper_attachment,
        name="paper_attachment",
    ),
    path("vorlagen/<int:pk>/beschluss/", paper_resolution, name="paper_resolution"),
]
