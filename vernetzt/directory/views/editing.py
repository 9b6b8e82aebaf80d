"""Editors maintain their organisation's profile, needs, offers and contact persons.

Access (editor of this organisation, or staff) is checked by the access middleware; every
need, offer or contact is looked up within the organisation of the URL, never by id alone.
"""

from copy import copy
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vernetzt.core.roles import is_staff
from vernetzt.directory import selectors, services
from vernetzt.directory.forms import (
    ConsentForm,
    ContactForm,
    DeleteContactForm,
    NeedForm,
    OfferForm,
    OrganisationForm,
    service_data,
)
from vernetzt.directory.models import Organisation, may_edit_contact
from vernetzt.network.selectors.cooperations import with_cooperations


def _organisation(slug):
    return get_object_or_404(Organisation.objects.select_related("type"), slug=slug)


def _to_profile(organisation):
    return redirect("directory:organisation_detail", slug=organisation.slug)


@require_GET
def my_organisations(request):
    return render(
        request,
        "directory/editing/my_organisations.html",
        {
            "organisations": with_cooperations(
                selectors.organisations_edited_by(user=request.user), user=request.user
            ),
            "show_review_hint": is_staff(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = _organisation(slug)
    # The form validates a copy: the page keeps showing the saved name, and the service
    # compares the saved values with the new ones.
    form = OrganisationForm(
        request.POST or None, instance=copy(organisation), can_set_visibility=is_staff(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                actor=request.user, organisation=organisation, data=service_data(form),
                version=form.loaded_version,
            )
        except services.EditConflict as conflict:
            form.show_conflict(conflict.current)
        else:
            messages.success(request, _("The profile has been saved."))
            return _to_profile(organisation)
    return render(
        request,
        "directory/editing/organisation_form.html",
        {
            "organisation": organisation,
            "form": form,
            "needs": selectors.needs_of(organisation=organisation),
            "offers": selectors.offers_of(organisation=organisation),
            "contacts": selectors.contacts_of(organisation=organisation),
        },
    )


@dataclass(frozen=True)
class ItemKind:
    """What differs between needs and offers: the form, the service, the words."""

    form_class: type
    items: object
    save: object
    create_title: str
    edit_title: str
    saved: str
    deleted: str
    edit_url: str
    delete_url: str


NEED = ItemKind(
    form_class=NeedForm,
    items=selectors.needs_of,
    save=lambda *, item, **kwargs: services.save_need(need=item, **kwargs),
    create_title=_("New need"),
    edit_title=_("Edit need"),
    saved=_("The need has been saved."),
    deleted=_("The need has been deleted."),
    edit_url="directory:need_edit",
    delete_url="directory:need_delete",
)
OFFER = ItemKind(
    form_class=OfferForm,
    items=selectors.offers_of,
    save=lambda *, item, **kwargs: services.save_offer(offer=item, **kwargs),
    create_title=_("New offer"),
    edit_title=_("Edit offer"),
    saved=_("The offer has been saved."),
    deleted=_("The offer has been deleted."),
    edit_url="directory:offer_edit",
    delete_url="directory:offer_delete",
)


def _save_item(request, *, slug, kind, pk=None):
    organisation = _organisation(slug)
    item = None if pk is None else get_object_or_404(kind.items(organisation=organisation), pk=pk)
    form = kind.form_class(request.POST or None, instance=copy(item))
    if request.method == "POST" and form.is_valid():
        try:
            kind.save(
                actor=request.user, organisation=organisation, data=service_data(form),
                item=item, version=form.cleaned_data.get("version"),
            )
        except services.EditConflict as conflict:
            form.show_conflict(conflict.current)
        else:
            messages.success(request, kind.saved)
            return _to_profile(organisation)
    return render(
        request,
        "directory/editing/item_form.html",
        {
            "organisation": organisation,
            "item": item,
            "kind": kind,
            "form": form,
            "title": kind.create_title if item is None else kind.edit_title,
        },
    )


def _delete_item(request, *, slug, pk, kind):
    organisation = _organisation(slug)
    item = get_object_or_404(kind.items(organisation=organisation), pk=pk)
    if request.method == "POST":
        services.delete_need_or_offer(actor=request.user, item=item)
        messages.success(request, kind.deleted)
        return _to_profile(organisation)
    return render(
        request,
        "directory/editing/confirm_delete.html",
        {"organisation": organisation, "item": item, "cancel_url": kind.edit_url},
    )


@require_http_methods(["GET", "POST"])
def need_create(request, slug):
    return _save_item(request, slug=slug, kind=NEED)


@require_http_methods(["GET", "POST"])
def need_edit(request, slug, pk):
    return _save_item(request, slug=slug, kind=NEED, pk=pk)


@require_http_methods(["GET", "POST"])
def need_delete(request, slug, pk):
    return _delete_item(request, slug=slug, pk=pk, kind=NEED)


@require_http_methods(["GET", "POST"])
def offer_create(request, slug):
    return _save_item(request, slug=slug, kind=OFFER)


@require_http_methods(["GET", "POST"])
def offer_edit(request, slug, pk):
    return _save_item(request, slug=slug, kind=OFFER, pk=pk)


@require_http_methods(["GET", "POST"])
def offer_delete(request, slug, pk):
    return _delete_item(request, slug=slug, pk=pk, kind=OFFER)


@require_http_methods(["GET", "POST"])
def contact_create(request, slug):
    organisation = _organisation(slug)
    consent_form = ConsentForm(request.POST or None, prefix="consent")
    form = ContactForm(request.POST or None, consent=consent_form.draft())
    if request.method == "POST" and all([form.is_valid(), consent_form.is_valid()]):
        services.save_contact(
            actor=request.user,
            data={**service_data(form), "organisations": [organisation]},
            consent_data=consent_form.consent_data(subject=form.cleaned_data["name"]),
        )
        messages.success(request, _("The contact person has been saved."))
        return _to_profile(organisation)
    return render(
        request,
        "directory/editing/contact_form.html",
        {"organisation": organisation, "form": form, "consent_form": consent_form},
    )


def _contact(organisation, pk):
    return get_object_or_404(selectors.contacts_of(organisation=organisation), pk=pk)


@require_http_methods(["GET", "POST"])
def contact_edit(request, slug, pk):
    organisation = _organisation(slug)
    contact = _contact(organisation, pk)
    if not may_edit_contact(request.user, contact):
        raise PermissionDenied
    form = ContactForm(request.POST or None, instance=copy(contact))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_contact(
                actor=request.user, contact=contact, data=service_data(form),
                version=form.loaded_version,
            )
        except services.EditConflict as conflict:
            form.show_conflict(conflict.current)
        else:
            messages.success(request, _("The contact person has been saved."))
            return _to_profile(organisation)
    return render(
        request,
        "directory/editing/contact_form.html",
        {"organisation": organisation, "form": form, "contact": contact},
    )


@require_http_methods(["GET", "POST"])
def contact_delete(request, slug, pk):
    organisation = _organisation(slug)
    contact = _contact(organisation, pk)
    if not may_edit_contact(request.user, contact):
        return _unlink_contact(request, organisation, contact)
    form = DeleteContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.delete_contact(
            actor=request.user, contact=contact, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("The contact person has been deleted and the consent marked as withdrawn.")
        )
        return _to_profile(organisation)
    return render(
        request,
        "directory/editing/confirm_delete.html",
        {
            "organisation": organisation,
            "item": contact,
            "form": form,
            "cancel_url": "directory:contact_edit",
        },
    )


def _unlink_contact(request, organisation, contact):
    """An editor of only some of a shared contact's organisations removes it from theirs."""
    if request.method == "POST":
        services.unlink_contact(actor=request.user, contact=contact, organisation=organisation)
        messages.success(request, _("The contact person has been removed from this organisation."))
        return _to_profile(organisation)
    return render(
        request,
        "directory/editing/confirm_delete.html",
        {"organisation": organisation, "item": contact, "unlink_only": True},
    )
