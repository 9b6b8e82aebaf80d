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

# --- papers, measures and the accountability pages: public papers and measures (the one rule
# in council.selectors: public_paper, public_measure) for everyone, the rest for council and
# staff; following for anyone logged in who may see the object; every write for staff.


def _sees_paper(user, kwargs):
    from vernetzt.council.selectors import papers

    return papers(user=user).filter(pk=kwargs.get("pk")).exists()


def _sees_measure(user, kwargs):
    from vernetzt.council.selectors.accountability import visible_measure_rows

    return visible_measure_rows(user).filter(pk=kwargs.get("pk")).exists()


PAPER_VISIBLE = Rule(
    "everyone for public papers, council members and staff for the rest", _sees_paper
)
MEASURE_VISIBLE = Rule(
    "everyone for public measures of public papers, council members and staff for the rest",
    _sees_measure,
)
FOLLOW_PAPER = Rule(
    "anyone logged in who may see the paper",
    lambda user, kwargs: user.is_authenticated and _sees_paper(user, kwargs),
)
FOLLOW_MEASURE = Rule(
    "anyone logged in who may see the measure",
    lambda user, kwargs: user.is_authenticated and _sees_measure(user, kwargs),
)

RULES |= {
    "council:accountability": PUBLIC,
    "council:unfollow": PUBLIC,  # the signed token in the e-mail is the permission
    "council:paper_list": PUBLIC,
    "council:paper_detail": PAPER_VISIBLE,
    "council:paper_attachment": PAPER_VISIBLE,  # and the attachment public (selector, else 404)
    "council:paper_follow": FOLLOW_PAPER,
    "council:paper_create": STAFF,
    "council:paper_edit": STAFF,
    "council:paper_submitters": STAFF,
    "council:paper_attachment_add": STAFF,
    "council:paper_resolution": STAFF,
    "council:measure_detail": MEASURE_VISIBLE,
    "council:progress_evidence": MEASURE_VISIBLE,
    "council:measure_follow": FOLLOW_MEASURE,
    "council:measure_create": STAFF,
    "council:measure_edit": STAFF,
    "council:measure_status": STAFF,
    "council:milestone_add": STAFF,
    "council:milestone_edit": STAFF,
    "council:progress_add": STAFF,
    "council:budget_line_add": STAFF,
    "council:budget_receipt": STAFF,
}
