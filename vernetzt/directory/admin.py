"""The directory in the Django admin, for the integration office.

Every write is audited. The verification workflow (status) and the consent rules are not
bypassed here: status changes happen on the office's status page, contact persons are created
with their consent in the editing pages, and deletions go through the services.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from vernetzt.directory import derived, managed_lists, privacy, services
from vernetzt.directory.models import (
    Consent,
    ContactPerson,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationDescription,
)
from vernetzt.directory.views.privacy import json_download


class DirectoryAdminMixin:
    """The admin writes through the services (``services.save_in_admin`` and its siblings):
    audited like every other write, and derived data (search text, cached pages) follows once
    the admin's transaction commits."""

    def changeform_view(self, *args, **kwargs):
        response = super().changeform_view(*args, **kwargs)
        derived.flush()  # the admin's own transaction has ended
        return response

    def changelist_view(self, *args, **kwargs):  # list_editable and bulk deletion
        response = super().changelist_view(*args, **kwargs)
        derived.flush()
        return response

    def delete_view(self, *args, **kwargs):
        response = super().delete_view(*args, **kwargs)
        derived.flush()
        return response

    def save_model(self, request, obj, form, change):
        services.save_in_admin(
            actor=request.user, obj=obj, change=change,
            save=lambda: super(DirectoryAdminMixin, self).save_model(request, obj, form, change),
        )

    def save_related(self, request, form, formsets, change):
        services.save_relations_in_admin(
            actor=request.user, obj=form.instance, change=change,
            save=lambda: super(DirectoryAdminMixin, self).save_related(
                request, form, formsets, change
            ),
        )

    def delete_model(self, request, obj):
        services.delete_in_admin(actor=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class ManagedTermAdmin(DirectoryAdminMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}


for managed in managed_lists.ALL_LISTS:
    if managed.has_active_flag:
        admin.site.register(managed.model, ManagedTermAdmin)


@admin.register(Language)
class LanguageAdmin(DirectoryAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(DirectoryAdminMixin, admin.ModelAdmin):
    # Addresses typed without a scheme are web sites of today: https (Django 6 default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "type", "status", "visibility", "updated_at"]
    list_filter = ["status", "type", "districts", "visibility"]
    list_select_related = ["type"]
    search_fields = ["name", "short_name", "description", "proposer_name", "proposer_email"]
    filter_horizontal = [*managed_lists.MANY_FIELDS, "editors"]
    prepopulated_fields = {"slug": ["name"]}
    # The proposer's data is erased by the action below (everywhere, the history included),
    # not blanked by hand, which would leave the old values in the history.
    readonly_fields = [
        "status", "status_reason", "verified_at", "proposer_name", "proposer_email",
        "proposal_consent", "created_at", "updated_at",
    ]
    date_hierarchy = "updated_at"
    actions = ["erase_proposers"]

    def delete_model(self, request, obj):
        """Contacts listed by it alone are erased, shared ones unlinked, the proposer erased."""
        services.delete_organisation(actor=request.user, organisation=obj)

    @admin.action(description=_("Erase the proposers' personal data"))
    def erase_proposers(self, request, queryset):
        for organisation in queryset:
            services.erase_proposer(actor=request.user, organisation=organisation)


class NeedOfferAdmin(DirectoryAdminMixin, admin.ModelAdmin):
    """Read-mostly: editors maintain needs and offers; the office corrects."""

    list_display = ["title", "organisation", "category", "valid_from", "valid_until"]
    list_filter = ["category", managed_lists.DISTRICTS.field]
    list_select_related = ["organisation", "category"]
    search_fields = ["title", "description", "organisation__name"]
    filter_horizontal = [managed.field for managed in managed_lists.ITEM_LISTS]
    readonly_fields = ["organisation", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.delete_need_or_offer(actor=request.user, item=obj)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            services.delete_need_or_offer(actor=request.user, item=item)


admin.site.register(Need, NeedOfferAdmin)
admin.site.register(Offer, NeedOfferAdmin)


@admin.register(ContactPerson)
class ContactPersonAdmin(DirectoryAdminMixin, admin.ModelAdmin):
    """New contacts come with a recorded consent, so they are added in the editing pages."""

    list_display = ["name", "role", "visibility"]
    list_filter = ["visibility"]
    search_fields = ["name", "role", "email", "organisations__name"]
    filter_horizontal = ["organisations", "languages"]
    readonly_fields = ["consent", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.delete_contact(actor=request.user, contact=obj, reason=_("deleted in the admin"))

    def delete_queryset(self, request, queryset):
        for contact in queryset:
            services.delete_contact(
                actor=request.user, contact=contact, reason=_("deleted in the admin")
            )

    actions = ["export_subject_data"]

    @admin.action(description=_("Download everything stored about this person (JSON)"))
    def export_subject_data(self, request, queryset):
        """Deletion (Django's delete action) erases; this is the access request's answer."""
        data = [privacy.contact_subject_data(contact=contact) for contact in queryset]
        return json_download({"people": data}, "auskunft-kontakte")


@admin.register(OrganisationDescription)
class OrganisationDescriptionAdmin(DirectoryAdminMixin, admin.ModelAdmin):
    """An organisation's self-description in a further language (editors write it on their
    edit page; the office may correct it here)."""

    list_display = ["organisation", "language", "updated_at"]
    list_filter = ["language"]
    search_fields = ["organisation__name", "text"]
    raw_id_fields = ["organisation"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "language":
            return forms.ChoiceField(
                label=db_field.verbose_name, choices=services.description_languages()
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """Evidence: readable, never changed or removed by hand."""

    list_display = ["subject", "method", "given_at", "withdrawn_at"]
    list_filter = ["method", "withdrawn_at"]
    search_fields = ["subject", "purpose", "evidence"]
    readonly_fields = [
        "subject", "purpose", "method", "given_at", "recorded_by", "evidence", "withdrawn_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # View-only: the admin shows the detail page read-only with view permission alone.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
