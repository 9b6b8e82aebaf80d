"""Who may open which council URL; each URL needs its rule here and its row in
tests/council/access_matrix.py."""

from vernetzt.core.access import PUBLIC

RULES = {
    # The OParl export: public data only, whoever asks (council.selectors as the public).
    "oparl:system": PUBLIC,
    "oparl:body_list": PUBLIC,
    "oparl:body": PUBLIC,
    "oparl:list": PUBLIC,
    "oparl:object": PUBLIC,
    "oparl:organization_meetings": PUBLIC,
}


# --- bodies and meetings: public bodies for everyone, internal ones for council and staff;
# the one visibility rule is asked of council.selectors (a missing object is the view's 404).
from vernetzt.core.access import STAFF, Rule  # noqa: E402


def _sees_body(user, kwargs):
    from vernetzt.council.selectors.meeting_pages import may_see_body

    return may_see_body(user, kwargs.get("pk"))


def _sees_meeting(user, kwargs):
    from vernetzt.council.selectors.meeting_pages import may_see_meeting

    return may_see_meeting(user, kwargs.get("pk"))


def _sees_attachment(user, kwargs):
    from vernetzt.council.selectors.meeting_pages import may_see_attachment

    return may_see_attachment(user, kwargs.get("pk"))


BODY_VISIBLE = Rule("everyone for public bodies, council members and staff for internal ones", _sees_body)
MEETING_VISIBLE = Rule(
    "everyone for meetings of public bodies, council members and staff for internal ones", _sees_meeting
)
ATTACHMENT_VISIBLE = Rule(
    "everyone for public attachments of public meetings, council members and staff for the rest",
    _sees_attachment,
)

RULES |= {
    "council:body_list": PUBLIC,
    "council:body_detail": BODY_VISIBLE,
    "council:body_calendar": BODY_VISIBLE,
    "council:body_create": STAFF,
    "council:body_edit": STAFF,
    "council:membership_add": STAFF,
    "council:membership_edit": STAFF,
    "council:membership_end": STAFF,
    "council:meeting_detail": MEETING_VISIBLE,
    "council:meeting_minutes_pdf": MEETING_VISIBLE,
    "council:meeting_create": STAFF,
    "council:meeting_edit": STAFF,
    "council:meeting_minutes": STAFF,
    "council:meeting_attendance": STAFF,
    "council:agenda_item_create": STAFF,
    "council:agenda_item_edit": STAFF,
    "council:agenda_item_move": STAFF,
    "council:attachment_add": STAFF,
    "council:attachment_download": ATTACHMENT_VISIBLE,
    "council:attachment_delete": STAFF,
    "council:action_item_create": STAFF,
    "council:action_item_edit": STAFF,
    "council:action_item_done": STAFF,
}

# --- staff tools (overdue, bulk status and progress, treasury export) and the council report
# (council members and staff see the same council data, so either may open a report by its
# unguessable token).
from vernetzt.core.access import COUNCIL_OR_STAFF  # noqa: E402

RULES |= {
    "council:staff_overdue": STAFF,
    "council:bulk_table": STAFF,
    "council:bulk_upload": STAFF,
    "council:bulk_upload_example": STAFF,
    "council:bulk_upload_confirm": STAFF,
    "council:treasury": STAFF,
    "council:treasury_export": STAFF,
    "council:report": COUNCIL_OR_STAFF,
    "council:report_status": COUNCIL_OR_STAFF,
    "council:report_download": COUNCIL_OR_STAFF,
}
