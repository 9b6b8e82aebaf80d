"""Events in the Django admin, for the integration office. Saves and deletions go through the
services (audited; more places go to those waiting). Registrations are read here and changed
on the office's pages (participants, check-in) or by the person's own links."""

from django.contrib import admin

from vernetzt.events.models import Event, Registration, Room, TimeSlot
from vernetzt.events.services import events as services


class ThroughServicesAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        services.save_in_admin(
            actor=request.user,
            obj=obj,
            change=change,
            save=lambda: super(ThroughServicesAdmin, self).save_model(request, obj, form, change),
        )

    def save_related(self, request, form, formsets, change):
        services.save_relations_in_admin(
            actor=request.user,
            obj=form.instance,
            change=change,
            save=lambda: super(ThroughServicesAdmin, self).save_related(
                request, form, formsets, change
            ),
        )

    def delete_model(self, request, obj):
        services.delete_in_admin(actor=request.user, obj=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class TimeSlotInline(admin.TabularInline):
    model = TimeSlot
    extra = 0


@admin.register(Event)
class EventAdmin(ThroughServicesAdmin):
    list_display = ["title", "kind", "starts_at", "visibility", "capacity"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title", "theme_question", "venue_name"]
    readonly_fields = ["slug"]
    filter_horizontal = ["organisers", "invited", "further_languages"]
    inlines = [RoomInline, TimeSlotInline]

    def save_formset(self, request, form, formset, change):
        # Rooms and slots of the inlines, each through the services (audited).
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.delete_in_admin(actor=request.user, obj=obj)
        for obj in instances:
            services.save_in_admin(actor=request.user, obj=obj, change=bool(obj.pk), save=obj.save)
        formset.save_m2m()


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["name", "email", "organisation_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
