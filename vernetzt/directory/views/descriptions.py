"""Editors add their organisation's self-description in further languages.

Access (editor of this organisation, or staff) is checked by the access middleware.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from vernetzt.directory import services
from vernetzt.directory.forms import DescriptionTranslationsForm
from vernetzt.directory.models import Organisation


@require_http_methods(["GET", "POST"])
def organisation_descriptions(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    languages = services.description_languages()
    current = {
        description.language: description.text
        for description in organisation.descriptions.all()
    }
    form = DescriptionTranslationsForm(
        request.POST or None, languages=languages, initial_texts=current
    )
    if request.method == "POST" and form.is_valid():
        for code, _name in languages:
            services.save_description_translation(
                actor=request.user, organisation=organisation, language=code,
                text=form.cleaned_data[code],
            )
        messages.success(request, _("The descriptions have been saved."))
        return redirect("directory:organisation_edit", slug=organisation.slug)
    return render(
        request,
        "directory/editing/descriptions_form.html",
        {"organisation": organisation, "form": form},
    )
