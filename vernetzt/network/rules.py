"""Who may see a cooperation and who may change or decide on it: each rule defined once here
and asked by permissions, selectors, views, templates and the API.

- The public sees ``Cooperation.objects.publicly_visible()`` (public, agreed/active/ended, every
  partner a publicly visible organisation).
- Council members and staff see every cooperation.
- An editor additionally sees every cooperation of an organisation they edit, whatever its
  status or visibility (a proposal waiting for their decision included).
- Staff and the editors of a partner organisation may change a cooperation and end it; only
  an editor of a partner organisation (or staff, on its behalf) decides for that partner.
"""

from django.db.models import Exists, OuterRef

from vernetzt.core.roles import is_council_or_staff, is_staff
from vernetzt.directory.models import Organisation
from vernetzt.network.models import Cooperation, CooperationPartner

# Statuses in which the partners still work on a cooperation (changing, activating, ending).
OPEN_STATUSES = (Cooperation.Status.PROPOSED, Cooperation.Status.AGREED, Cooperation.Status.ACTIVE)
RUNNING_STATUSES = (Cooperation.Status.AGREED, Cooperation.Status.ACTIVE)


def _logged_in(user):
    return user is not None and user.is_authenticated and user.is_active


def _of_edited_organisations(user):
    return CooperationPartner.objects.filter(
        cooperation=OuterRef("pk"),
        organisation__in=Organisation.objects.editable_by(user).values("pk"),
    )


def visible_cooperations(user, queryset=None):
    """The cooperations ``user`` may see (``None``: the public)."""
    queryset = Cooperation.objects.all() if queryset is None else queryset
    if not _logged_in(user):
        return queryset.publicly_visible()
    if is_council_or_staff(user):
        return queryset
    public = Cooperation.objects.publicly_visible().values("pk")
    return queryset.filter(pk__in=public) | queryset.filter(Exists(_of_edited_organisations(user)))


def may_see(user, cooperation):
    return visible_cooperations(user).filter(pk=cooperation.pk).exists()


def editable_cooperations(user, queryset=None):
    """The cooperations ``user`` may change and end: staff every one, editors those of an
    organisation they edit."""
    queryset = Cooperation.objects.all() if queryset is None else queryset
    if not _logged_in(user):
        return queryset.none()
    if is_staff(user):
        return queryset
    return queryset.filter(Exists(_of_edited_organisations(user)))


def may_edit(user, cooperation):
    return editable_cooperations(user).filter(pk=cooperation.pk).exists()


def may_end(user, cooperation):
    return cooperation.status in RUNNING_STATUSES and may_edit(user, cooperation)


def may_activate(user, cooperation):
    return cooperation.status == Cooperation.Status.AGREED and may_edit(user, cooperation)


def pending_decisions(user):
    """The partner places ``user`` must (and may) decide on: proposed cooperations, a partner
    organisation they edit that has not decided yet."""
    if not _logged_in(user):
        return CooperationPartner.objects.none()
    return CooperationPartner.objects.filter(
        cooperation__status=Cooperation.Status.PROPOSED,
        decision=CooperationPartner.Decision.PENDING,
        organisation__in=Organisation.objects.editable_by(user).values("pk"),
    )


def may_decide(user, cooperation, organisation):
    """Whether ``user`` may confirm or decline ``cooperation`` for ``organisation``: an editor
    of that organisation (staff on its behalf) while its decision is pending."""
    return (
        pending_decisions(user)
        .filter(cooperation_id=cooperation.pk, organisation_id=organisation.pk)
        .exists()
    )


def may_propose_from(user, organisation):
    """An editor of ``organisation`` (staff too) may propose cooperations in its name."""
    return Organisation.objects.editable_by(user).filter(pk=organisation.pk).exists()


def may_record_on_behalf(user):
    return bool(user is not None and is_staff(user))


def choosable_partners(user):
    """The organisations ``user`` may name as partners: verified ones they may see."""
    return Organisation.objects.visible_to(user).filter(status=Organisation.Status.VERIFIED)
