"""Writes of papers: submitters, uploaded attachments and resolutions (a consultation's result).
Each is atomic and audited; a recorded resolution tells the paper's followers."""

from pathlib import Path

from django.db import transaction

from vernetzt.council import notifications
from vernetzt.council.models import Consultation, PaperAttachment, Submitter
from vernetzt.council.models.meetings import validate_pdf
from vernetzt.council.services import delete, save

RESOLUTION_FIELDS = ("body", "meeting", "result", "decided_on", "resolution_text", "authoritative")


def save_paper(*, actor, paper):
    """Create or change a paper (reference, title, kind, date, text, public)."""
    return save(actor=actor, obj=paper)


def add_submitter(*, actor, paper, body=None, person=None, organisation=None, name=""):
    order = paper.submitters.count()
    return save(
        actor=actor,
        obj=Submitter(
            paper=paper, body=body, person=person, organisation=organisation, name=name, order=order
        ),
    )


def remove_submitter(*, actor, submitter):
    delete(actor=actor, obj=submitter)


@transaction.atomic
def add_attachment(*, actor, paper, title, upload, is_public=True):
    """A PDF (recognised by its first bytes, at most 20 MB), stored through Django's storage
    under a random name; its own name is kept as ``original_name`` only."""
    validate_pdf(upload)
    attachment = PaperAttachment(
        paper=paper,
        title=title,
        original_name=Path(upload.name or "").name[:255],
        size=upload.size,
        is_public=is_public,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment.full_clean(exclude=["content"])
    attachment.content.save(upload.name or "attachment.pdf", upload, save=False)
    return save(actor=actor, obj=attachment)


@transaction.atomic
def remove_attachment(*, actor, attachment):
    stored = attachment.content.name
    storage = attachment.content.storage
    delete(actor=actor, obj=attachment)
    transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def record_resolution(*, actor, paper, consultation=None, **fields):
    """Record what a body decided on ``paper``: a new consultation or the result of an existing
    one (``fields``: body, meeting, result, decided_on, resolution_text, authoritative). The
    paper's followers hear of a result that changed."""
    if consultation is None:
        consultation = Consultation(paper=paper)
        before_result = None
    else:
        assert consultation.paper_id == paper.pk
        before_result = consultation.result
    for name, value in fields.items():
        if name not in RESOLUTION_FIELDS:
            raise TypeError(f"unknown field {name}")
        setattr(consultation, name, value)
    consultation = save(actor=actor, obj=consultation)
    if consultation.result and consultation.result != before_result:
        notifications.paper_decided(consultation)
    return consultation
