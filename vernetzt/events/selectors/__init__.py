"""Every read of the events app that is more than a ``.get()``."""

from vernetzt.events.selectors.events import event_for_page, event_lists
from vernetzt.events.selectors.participants import (
    answer_counts,
    checkin_matches,
    participants_of,
    registration_by_token,
    registrations_of_user,
)

__all__ = [
    "answer_counts",
    "checkin_matches",
    "event_for_page",
    "event_lists",
    "participants_of",
    "registration_by_token",
    "registrations_of_user",
]
