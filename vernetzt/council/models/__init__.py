"""Council work: the bodies that steer integration work, their members, meetings and papers.

Every object can come from a town's council information system through OParl
(``council/oparl/``): ``oparl_id`` is its key there, so a re-import updates instead of
duplicating. Objects staff create here have no ``oparl_id``; the import never touches them.
"""

from vernetzt.council.models.base import LONG_TEXT_LENGTH, NAME_LENGTH, URL_LENGTH, OParlObject
from vernetzt.council.models.bodies import Body, Membership, Person
from vernetzt.council.models.imports import ImportRun
from vernetzt.council.models.measures import (
    BudgetLine,
    Follow,
    Measure,
    Milestone,
    ProgressUpdate,
)
from vernetzt.council.models.meetings import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingAttachment,
)
from vernetzt.council.models.papers import Consultation, File, Paper, PaperAttachment, Submitter

__all__ = [
    "LONG_TEXT_LENGTH",
    "NAME_LENGTH",
    "URL_LENGTH",
    "OParlObject",
    "Body",
    "Membership",
    "Person",
    "ImportRun",
    "AgendaItem",
    "Meeting",
    "ActionItem",
    "Attendance",
    "MeetingAttachment",
    "BudgetLine",
    "Measure",
    "Milestone",
    "ProgressUpdate",
    "Follow",
    "PaperAttachment",
    "Submitter",
    "Consultation",
    "File",
    "Paper",
]
