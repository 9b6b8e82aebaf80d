"""The main navigation: every entry is shown to exactly those who may open it.

Whether a user sees a link is asked of the URL's access rule (``core.access.is_allowed``), so
the navigation never offers a page the user would be refused, nor hides one they may open.
A new app adds its entries here, in the order they should appear.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from vernetzt.core.access import SELF_GUARDED_NAMESPACES, is_allowed
from vernetzt.core.roles import is_staff


@dataclass(frozen=True)
class Entry:
    view_name: str
    label: str
    kwargs: dict = field(default_factory=dict)
    # Work tools anyone may open (the export) would only crowd the public's navigation.
    logged_in_only: bool = False


MAIN_NAVIGATION = [
    Entry("directory:organisation_list", _("Directory")),
    Entry("directory:proposal_create", _("Propose an organisation")),
    Entry("network:map", _("Network map")),
    Entry("council:body_list", _("Bodies")),
    Entry("council:accountability", _("Implementation status")),
    Entry("events:event_list", _("Events")),
    Entry("directory:my_organisations", _("My organisations"), logged_in_only=True),
    Entry("directory:dashboard", _("Office")),
    Entry("directory:review_list", _("Proposals")),
    Entry("network:cooperation_office", _("Cooperations")),
    Entry("council:staff_overdue", _("Council tools")),
    Entry("council:report", _("Council report")),
    Entry("network:match_office", _("Needs and offers")),
    Entry("network:analysis_overview", _("Network analysis")),
    Entry("directory:import_start", _("Import")),
    Entry("directory:organisation_export", _("Export"), {"fmt": "xlsx"}, logged_in_only=True),
    Entry("admin:index", _("Administration")),
]


def may_open(user, entry):
    if entry.logged_in_only and not user.is_authenticated:
        return False
    if entry.view_name.split(":")[0] in SELF_GUARDED_NAMESPACES:
        return is_staff(user)  # the admin's own check: active staff
    return is_allowed(user, entry.view_name, entry.kwargs)


def main_navigation(*, user, current_view_name):
    """(url, label, is_current) for each entry ``user`` may open."""
    return [
        (reverse(entry.view_name, kwargs=entry.kwargs), entry.label, entry.view_name == current_view_name)
        for entry in MAIN_NAVIGATION
        if may_open(user, entry)
    ]
