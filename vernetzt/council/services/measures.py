"""Writes of measures beyond their creation and status (``council.services``): their lists,
milestones, progress updates with evidence, budget lines with receipts, and followers.

Each write is atomic and leaves an audit entry; status changes and progress updates tell
the followers (``council.notifications``) once the transaction commits.
"""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from vernetzt.audit.services import diff, record, snapshot
from vernetzt.council import notifications
from vernetzt.council.models import Follow, Measure, Milestone, ProgressUpdate
from vernetzt.council.models.meetings import validate_pdf
from vernetzt.council.services import audited_fields, save

MEASURE_LISTS = ("fields_of_action", "districts", "communities")

# --- uploads: evidence and receipts (a photo or a PDF) ------------------------------------

MAX_IMAGE_PIXELS = 40_000_000  # a 40-megapixel photo; larger is refused before decoding
IMAGE_MAGIC = {
    b"\xff\xd8\xff": ("image/jpeg", "JPEG", ".jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "PNG", ".png"),
}


def _head(upload, size=64):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def clean_evidence(upload, *, max_bytes=ProgressUpdate.MAX_EVIDENCE_BYTES):
    """A photo (JPEG, PNG, WebP) or a PDF, recognised by its first bytes, at most
    ``max_bytes``. Returns ``(content, name, content_type)``: a photo is decoded and stored
    again without its metadata (EXIF: camera, time, GPS position), turned upright first."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    head = _head(upload)
    original = Path(getattr(upload, "name", "") or "").name[:255]
    if head.startswith(b"%PDF-"):
        validate_pdf(upload)
        return upload, original, "application/pdf"
    kind = next((value for magic, value in IMAGE_MAGIC.items() if head.startswith(magic)), None)
    if kind is None and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = ("image/webp", "WEBP", ".webp")
    if kind is None:
        raise ValidationError(_("Only photos (JPEG, PNG, WebP) and PDF files."), code="type")
    content_type, image_format, suffix = kind
    try:
        with Image.open(upload) as image:
            if image.format != image_format:
                raise ValidationError(_("The image cannot be read."), code="broken")
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The image has too many pixels."), code="too_large")
            image.load()
            upright = ImageOps.exif_transpose(image)
            if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            output = io.BytesIO()
            # Saved without exif=, icc_profile= or pnginfo=: no metadata is carried over.
            upright.save(output, format=image_format)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as error:
        raise ValidationError(_("The image cannot be read."), code="broken") from error
    name = (Path(original).stem or "evidence")[:200] + suffix
    return ContentFile(output.getvalue(), name=name), name, content_type


# --- a measure with its lists -----------------------------------------------------------------


def _measure_state(measure):
    return snapshot(measure, [*audited_fields(measure), *MEASURE_LISTS])


@transaction.atomic
def save_measure(*, actor, measure, fields_of_action=None, districts=None, communities=None):
    """Create or change ``measure`` with its fields of action, districts and communities
    (``None`` leaves a list as it is); one audit entry with every change. The responsible
    organisation's editors follow it from then on (unless they unfollowed)."""
    measure.full_clean()
    created = measure.pk is None
    before = {} if created else _measure_state(Measure.objects.get(pk=measure.pk))
    if not created:
        status_before = Measure.objects.filter(pk=measure.pk).values_list("status", flat=True)[0]
    measure.save()
    lists = {
        "fields_of_action": fields_of_action,
        "districts": districts,
        "communities": communities,
    }
    for name, values in lists.items():
        if values is not None:
            getattr(measure, name).set(values)
    changes = diff(before, _measure_state(measure))
    if created or changes:
        record(actor=actor, action="create" if created else "update", obj=measure, changes=changes)
    follow_automatically(measure)
    if not created and status_before != measure.status:
        notifications.measure_changed(measure, event="status")
    return measure


def follow_automatically(measure):
    """The responsible organisation's editors follow ``measure``; whoever unfollowed stays
    unfollowed (their row is kept inactive)."""
    if measure.responsible_organisation_id is None:
        return
    editors = measure.responsible_organisation.editors.filter(is_active=True)
    known = set(Follow.objects.filter(measure=measure).values_list("user_id", flat=True))
    Follow.objects.bulk_create(
        [
            Follow(user=editor, measure=measure, automatic=True)
            for editor in editors
            if editor.pk not in known
        ]
    )


# --- milestones ---------------------------------------------------------------------------------


def add_milestone(*, actor, measure, title, due_date=None, done_on=None):
    return save(
        actor=actor,
        obj=Milestone(measure=measure, title=title, due_date=due_date, done_on=done_on),
    )


def change_milestone(*, actor, milestone, **fields):
    """``fields``: title, due_date, done_on."""
    for name, value in fields.items():
        setattr(milestone, name, value)
    return save(actor=actor, obj=milestone)


# --- progress -----------------------------------------------------------------------------------


def clean_indicators(pairs):
    """``pairs`` (name, value) → a dict for ``ProgressUpdate.indicators``; empty rows are
    dropped, the limits are the model's."""
    indicators = {}
    for key, value in pairs:
        key, value = " ".join(str(key).split()), " ".join(str(value).split())
        if key or value:
            if not key:
                raise ValidationError(_("An indicator needs a name."))
            indicators[key] = value
    return indicators


@transaction.atomic
def add_progress_update(
    *,
    actor,
    measure,
    date,
    text,
    evidence=None,
    participants_reached=None,
    volunteers_won=None,
    indicators=None,
):
    """A dated report of what has been done; ``evidence`` is an upload (checked and cleaned by
    ``clean_evidence``). The followers hear of it."""
    update = ProgressUpdate(
        measure=measure,
        date=date,
        text=text,
        participants_reached=participants_reached,
        volunteers_won=volunteers_won,
        indicators=indicators or {},
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if evidence:
        content, name, content_type = clean_evidence(evidence)
        update.evidence_name = name
        update.evidence_type = content_type
        update.full_clean(exclude=["evidence"])
        update.evidence.save(name, content, save=False)
    update = save(actor=actor, obj=update)
    notifications.measure_changed(measure, event="progress", progress_id=update.pk)
    return update


@transaction.atomic
def delete_progress_update(*, actor, update):
    record(actor=actor, action="delete", obj=update)
    evidence = update.evidence.name
    update.delete()
    if evidence:
        storage = update.evidence.storage
        transaction.on_commit(lambda: storage.delete(evidence))


# --- budget lines with a receipt ------------------------------------------------------------


def add_budget_line_with_receipt(
    *, actor, measure, kind, amount, date, receipt_file=None, **fields
):
    """``council.services.add_budget_line`` with an optional scanned receipt (photo or PDF)."""
    from vernetzt.council.services import add_budget_line

    if receipt_file:
        content, name, _type = clean_evidence(receipt_file)
        fields["receipt_file"] = ContentFile(content.read(), name=name)
    return add_budget_line(
        actor=actor, measure=measure, kind=kind, amount=amount, date=date, **fields
    )


# --- followers ------------------------------------------------------------------------------------


@transaction.atomic
def follow(*, user, paper=None, measure=None):
    """``user`` follows a paper or a measure (again, if they had unfollowed)."""
    row = Follow.objects.filter(user=user, paper=paper, measure=measure).first()
    if row is None:
        try:
            with transaction.atomic():
                row = Follow.objects.create(user=user, paper=paper, measure=measure)
        except IntegrityError:  # a second click at the same moment
            row = Follow.objects.get(user=user, paper=paper, measure=measure)
    elif not row.active:
        row.active = True
        row.save(update_fields=["active"])
    else:
        return row
    record(actor=user, action="follow", obj=row.target, note=user.get_username())
    return row


@transaction.atomic
def unfollow(*, user, follow_row):
    if follow_row.active:
        follow_row.active = False
        follow_row.save(update_fields=["active"])
        record(
            actor=user,
            action="unfollow",
            obj=follow_row.target,
            note=follow_row.user.get_username(),
        )
    return follow_row
