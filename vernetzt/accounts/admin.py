from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from vernetzt.accounts.models import User
from vernetzt.audit.admin import AuditedAdminMixin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_council_member"]
    list_filter = ["is_staff", "is_council_member", "is_active"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Roles in vernetzt"), {"fields": ["is_council_member"]}),)
