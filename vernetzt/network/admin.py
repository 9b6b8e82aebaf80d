"""Cooperations in the Django admin, for the integration office.

Every write goes through ``network.services.cooperations`` (audited; the partners' cached
profiles and the network's derived data become stale). The lifecycle is not bypassed: status
and decisions change on the cooperation pages (propose, confirm or decline, end), new
cooperations are recorded on the office's page or imported; here staff correct what a
cooperation is and delete one entered twice.
"""

from django.contrib import admin

from vernetzt.directory import derived
from vernetzt.network.models import Cooperation, CooperationPartner
from vernetzt.network.services import cooperations as services


class PartnerInline(admin.TabularInline):
    model = CooperationPartner
    extra = 0
    can_delete = False
    fields = ["organisation", "decision", "decided_at", "decided_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "visibility", "start_date", "end_date", "origin"]
    list_filter = ["status", "kind", "visibility", "origin"]
    search_fields = ["title", "partners__organisation__name"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "description",
        "kind",
        "fields",
        "districts",
        "communities",
        "start_date",
        "end_date",
        "visibility",
        "status",
        "status_reason",
        "origin",
        "origin_reference",
        "proposed_by",
        "created_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "status",
        "status_reason",
        "origin",
        "proposed_by",
        "created_by",
        "created_at",
        "updated_at",
    ]
    filter_horizontal = ["fields", "districts", "communities"]
    inlines = [PartnerInline]

    def has_add_permission(self, request):
        return False  # recorded on the office's page or imported, with their partners

    def changeform_view(self, *args, **kwargs):
        response = super().changeform_view(*args, **kwargs)
        derived.flush()
        return response

    def delete_view(self, *args, **kwargs):
        response = super().delete_view(*args, **kwargs)
        derived.flush()
        return response

    def changelist_view(self, *args, **kwargs):
        response = super().changelist_view(*args, **kwargs)
        derived.flush()
        return response

    def save_model(self, request, obj, form, change):
        services.save_in_admin(
            actor=request.user,
            obj=obj,
            change=change,
            save=lambda: super(CooperationAdmin, self).save_model(request, obj, form, change),
        )

    def save_related(self, request, form, formsets, change):
        services.save_relations_in_admin(
            actor=request.user,
            obj=form.instance,
            change=change,
            save=lambda: super(CooperationAdmin, self).save_related(
                request, form, formsets, change
            ),
        )

    def delete_model(self, request, obj):
        services.delete(actor=request.user, cooperation=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
