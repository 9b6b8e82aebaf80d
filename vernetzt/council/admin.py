"""Council work in the Django admin, for the integration office. Saves and deletions go
through ``services`` (validated and audited); import runs are read-only records."""

from django.contrib import admin
from django.db import models

from vernetzt.council import services
from vernetzt.council.models import (
    AgendaItem,
    Body,
    BudgetLine,
    Consultation,
    File,
    ImportRun,
    Measure,
    Meeting,
    Membership,
    Paper,
    Person,
)


class ThroughServicesAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["oparl_id", "oparl_modified", "created", "updated"]

    def save_model(self, request, obj, form, change):
        services.save(actor=request.user, obj=obj)

    def delete_model(self, request, obj):
        services.delete(actor=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete(actor=request.user, obj=obj)


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "body"
    extra = 0
    fields = ["person", "role", "role_label", "organisation", "start_date", "end_date"]

    def has_add_permission(self, request, obj):
        return False  # inlines would bypass the services; memberships have their own page

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Body)
class BodyAdmin(ThroughServicesAdmin):
    list_display = ["name", "kind", "is_public", "classification"]
    list_filter = ["kind", "is_public"]
    search_fields = ["name", "short_name"]
    inlines = [MembershipInline]


@admin.register(Person)
class PersonAdmin(ThroughServicesAdmin):
    list_display = ["name", "family_name"]
    search_fields = ["name", "family_name", "given_name"]


@admin.register(Membership)
class MembershipAdmin(ThroughServicesAdmin):
    list_display = ["person", "body", "role", "organisation", "start_date", "end_date"]
    list_filter = ["role", "body"]
    list_select_related = ["person", "body", "organisation"]
    autocomplete_fields = ["person", "body", "organisation"]
    search_fields = ["person__name", "body__name"]


@admin.register(Meeting)
class MeetingAdmin(ThroughServicesAdmin):
    list_display = ["name", "body", "start", "cancelled"]
    list_filter = ["body"]
    list_select_related = ["body"]
    date_hierarchy = "start"
    search_fields = ["name"]
    autocomplete_fields = ["body"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ThroughServicesAdmin):
    list_display = ["__str__", "meeting", "order", "is_public"]
    list_select_related = ["meeting"]
    search_fields = ["name", "number"]
    autocomplete_fields = ["meeting"]


@admin.register(Paper)
class PaperAdmin(ThroughServicesAdmin):
    list_display = ["reference", "name", "kind", "date"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["reference", "name"]


@admin.register(Consultation)
class ConsultationAdmin(ThroughServicesAdmin):
    list_display = ["paper", "body", "meeting", "result"]
    list_filter = ["result", "body"]
    list_select_related = ["paper", "body", "meeting"]
    autocomplete_fields = ["paper", "meeting", "agenda_item", "body"]
    search_fields = ["paper__reference", "paper__name"]


@admin.register(File)
class FileAdmin(ThroughServicesAdmin):
    list_display = ["name", "role", "mime_type", "date"]
    list_filter = ["role", "mime_type"]
    search_fields = ["name", "file_name"]
    autocomplete_fields = ["paper", "meeting", "agenda_item"]


@admin.register(Measure)
class MeasureAdmin(ThroughServicesAdmin):
    readonly_fields = ["created", "updated"]
    list_display = ["title", "status", "responsible_organisation", "paper", "is_public"]
    list_filter = ["status", "is_public"]
    list_select_related = ["responsible_organisation", "paper"]
    search_fields = ["title", "description", "paper__reference"]
    autocomplete_fields = ["paper", "responsible_organisation", "responsible_person"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ThroughServicesAdmin):
    readonly_fields = ["created", "updated"]
    list_display = ["measure", "kind", "amount", "date", "funding_source", "purpose"]
    list_filter = ["kind", "funding_source"]
    list_select_related = ["measure"]
    date_hierarchy = "date"
    search_fields = ["measure__title", "purpose", "receipt"]
    autocomplete_fields = ["measure"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["source", "status", "started", "finished"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
