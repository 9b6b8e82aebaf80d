from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from vernetzt.accounts.models import User
from vernetzt.audit.admin import AuditedAdminMixin

# Rights only a superuser may grant: with any of them an office member could raise themselves
# (or anyone) above the office, e.g. to superuser, from the user form.
PRIVILEGE_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_council_member"]
    list_filter = ["is_staff", "is_council_member", "is_active"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Roles in vernetzt"), {"fields": ["is_council_member"]}),)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += PRIVILEGE_FIELDS
        return readonly

    def has_change_permission(self, request, obj=None):
        """A superuser's account (password, e-mail, rights) is changed by superusers only."""
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
