"""Writes on accounts: roles are granted here, and every change is audited."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from vernetzt.accounts.models import User
from vernetzt.audit.services import record

OFFICE_GROUP_NAME = "Integration office"
OFFICE_APP_LABELS = ("accounts", "audit", "directory", "network")


def ensure_office_group():
    """The integration office may manage every vernetzt object in the admin."""
    group, _created = Group.objects.get_or_create(name=OFFICE_GROUP_NAME)
    permissions = Permission.objects.filter(content_type__app_label__in=OFFICE_APP_LABELS)
    group.permissions.set(permissions)
    return group


@transaction.atomic
def create_user(
    *,
    actor,
    username,
    password,
    email="",
    first_name="",
    last_name="",
    office_staff=False,
    council_member=False,
):
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=office_staff,
        is_council_member=council_member,
    )
    user.set_password(password)
    user.save()
    if office_staff:
        user.groups.add(ensure_office_group())
    record(
        actor=actor,
        action="create",
        obj=user,
        changes={
            "username": [None, username],
            "is_staff": [None, office_staff],
            "is_council_member": [None, council_member],
        },
    )
    return user


@transaction.atomic
def set_roles(*, actor, user, office_staff, council_member):
    changes = {}
    if user.is_staff != office_staff:
        changes["is_staff"] = [user.is_staff, office_staff]
    if user.is_council_member != council_member:
        changes["is_council_member"] = [user.is_council_member, council_member]
    user.is_staff = office_staff
    user.is_council_member = council_member
    user.save(update_fields=["is_staff", "is_council_member"])
    group = ensure_office_group()
    if office_staff:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    if changes:
        record(actor=actor, action="update", obj=user, changes=changes, note=_("roles changed"))
    return user


def remember_language(*, user, language):
    """Keep the site language ``user`` works in, so e-mails to them come in it too."""
    known = {code for code, _name in settings.LANGUAGES}
    language = (language or "").split("-")[0]
    if language not in known or language == user.language:
        return
    old = user.language
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    record(actor=user, action="update", obj=user, changes={"language": [old, language]})
