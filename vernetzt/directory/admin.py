"""The directory in the Django admin, for the integration office.

Every write is audited. The verification workflow (status) and the consent rules are not
bypassed here: status changes happen on the office's status page, contact persons are created
with their consent in the editing pages, and deletions go through the services.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.admin import AuditedAdminMixin
from vernetzt.audit.services import diff, record, snapshot
from vernetzt.directory import cache, search, services
from vernetzt.directory.models import (
    Category,
    Community,
    Consent,
    ContactPerson,
    District,
    FieldOfAction,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationType,
)


class AuditedRelationsMixin(AuditedAdminMixin):
    """Also audits many-to-many changes, which the admin saves after the object itself."""

    def _many_to_many_fields(self, obj):
        return [field.name for field in obj._meta.many_to_many]

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        names = self._many_to_many_fields(obj)
        before = snapshot(obj, names) if change else dict.fromkeys(names, [])
        super().save_related(request, form, formsets, change)
        changes = diff(before, snapshot(obj, names))
        if changes:
            record(actor=request.user, action="update", obj=obj, changes=changes)
        self.after_save(obj)

    def after_save(self, obj):
        """Hook for keeping derived data (the search index, cached pages) current."""
        cache.bump()


class ManagedTermAdmin(AuditedRelationsMixin, admin.ModelAdmin):
    """Saving or deleting a term makes cached pages stale through the signals in ``terms``."""

    list_display = ["name", "slug", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug", "synonyms"]
    prepopulated_fields = {"slug": ["name"]}


for model in [OrganisationType, FieldOfAction, Community, District, Category]:
    admin.site.register(model, ManagedTermAdmin)


@admin.register(Language)
class LanguageAdmin(AuditedRelationsMixin, admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedRelationsMixin, admin.ModelAdmin):
    # Addresses typed without a scheme are web sites of today: https (Django 6 default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "type", "status", "visibility", "updated_at"]
    list_filter = ["status", "type", "districts", "visibility"]
    list_select_related = ["type"]
    search_fields = ["name", "short_name", "description", "proposer_name", "proposer_email"]
    filter_horizontal = ["fields", "communities", "languages", "districts", "editors"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [
        "status", "status_reason", "verified_at", "proposal_consent", "created_at", "updated_at",
    ]
    date_hierarchy = "updated_at"

    def after_save(self, obj):
        search.reindex(organisation_ids=[obj.pk])


class NeedOfferAdmin(AuditedRelationsMixin, admin.ModelAdmin):
    """Read-mostly: editors maintain needs and offers; the office corrects."""

    list_display = ["title", "organisation", "category", "valid_from", "valid_until"]
    list_filter = ["category", "districts"]
    list_select_related = ["organisation", "category"]
    search_fields = ["title", "description", "organisation__name"]
    filter_horizontal = ["languages", "districts"]
    readonly_fields = ["organisation", "created_at", "updated_at"]

    def has_add_permission(self, request):
        return False

    def after_save(self, obj):
        search.reindex(organisation_ids=[obj.organisation_id])

    def delete_model(self, request, obj):
        services.delete_need_or_offer(actor=request.user, item=obj)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            services.delete_need_or_offer(actor=request.user, item=item)


admin.site.register(Need, NeedOfferAdmin)
admin.site.register(Offer, NeedOfferAdmin)


@admin.register(ContactPerson)
class ContactPersonAdmin(AuditedRelationsMixin, admin.ModelAdmin):
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
