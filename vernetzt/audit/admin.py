from django.contrib import admin

from vernetzt.audit.models import AuditEntry
from vernetzt.audit.services import diff, record, snapshot


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "actor_label"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdminMixin:
    """Admin writes leave audit entries like every other write."""

    def _audited_fields(self, obj):
        return [
            field.name
            for field in obj._meta.get_fields()
            if field.concrete and not field.auto_created and field.name != "password"
        ]

    def save_model(self, request, obj, form, change):
        if change:
            before = snapshot(type(obj).objects.get(pk=obj.pk), self._audited_fields(obj))
        super().save_model(request, obj, form, change)
        after = snapshot(obj, [f for f in self._audited_fields(obj) if not obj._meta.get_field(f).many_to_many])
        if change:
            before = {k: v for k, v in before.items() if k in after}
            record(actor=request.user, action="update", obj=obj, changes=diff(before, after))
        else:
            record(actor=request.user, action="create", obj=obj, changes=diff({}, after))

    def delete_model(self, request, obj):
        record(actor=request.user, action="delete", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            record(actor=request.user, action="delete", obj=obj)
        super().delete_queryset(request, queryset)
