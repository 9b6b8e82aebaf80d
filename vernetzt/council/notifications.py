"""E-mails to the followers of papers and measures, sent through the task queue.

- a measure's followers (and its paper's) hear of a status change and of a new progress update;
- a paper's followers hear of a recorded resolution (a consultation's result).

The services call ``measure_changed`` / ``paper_decided`` inside their transaction; the task
is enqueued only when it commits. The task reads the objects again, writes to each active
follower who may still see the object (the one visibility rule in ``council.selectors``), in
the follower's language (``directory.notifications``), with a link to unfollow.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from vernetzt.council.models import Consultation, Follow, Measure, ProgressUpdate
from vernetzt.directory.notifications import absolute_url, recipient_language

UNFOLLOW_SALT = "council.unfollow"


def unfollow_token(follow):
    return signing.dumps(follow.pk, salt=UNFOLLOW_SALT)


def follow_from_token(token):
    """The ``Follow`` a token names, or ``None`` for a forged or unknown one."""
    try:
        pk = signing.loads(token, salt=UNFOLLOW_SALT)
    except signing.BadSignature:
        return None
    return Follow.objects.select_related("user", "paper", "measure").filter(pk=pk).first()


def _send(*, template, to, language, context):
    """``council/emails/<template>_subject.txt`` and ``.txt`` in ``language``."""
    language = recipient_language(language)
    with translation.override(language):
        context = {**context, "site_name": settings.SITE_NAME, "town_name": settings.TOWN_NAME}
        subject = render_to_string(f"council/emails/{template}_subject.txt", context)
        body = render_to_string(f"council/emails/{template}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split())[:200],
        body=body.strip() + "\n",
        to=[to],
        headers={"Content-Language": language},
    ).send()


def _recipients(follows, visible):
    """Active followers with an e-mail address who may see the object (``visible(user)``),
    each once."""
    seen = set()
    for row in (
        follows.filter(active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    ):
        if row.user_id in seen or not visible(row.user):
            continue
        seen.add(row.user_id)
        yield row


@task()
def send_measure_changed(measure_id, event, progress_id=None):
    from vernetzt.council.selectors import measures

    measure = Measure.objects.select_related("paper").filter(pk=measure_id).first()
    if measure is None:
        return 0
    progress = ProgressUpdate.objects.filter(pk=progress_id, measure=measure).first()
    if event == "progress" and progress is None:
        return 0
    about = (
        Q(measure=measure) | Q(paper_id=measure.paper_id)
        if measure.paper_id
        else Q(measure=measure)
    )
    follows = Follow.objects.filter(about)
    url = absolute_url(reverse("council:measure_detail", kwargs={"pk": measure.pk}))
    sent = 0
    for row in _recipients(
        follows, lambda user: measures(user=user).filter(pk=measure.pk).exists()
    ):
        sent += _send(
            template=f"measure_{event}",
            to=row.user.email,
            language=row.user.language,
            context={
                "measure": measure,
                "progress": progress,
                "user": row.user,
                "url": url,
                "unfollow_url": absolute_url(
                    reverse("council:unfollow", kwargs={"token": unfollow_token(row)})
                ),
            },
        )
    return sent


@task()
def send_paper_decided(consultation_id):
    from vernetzt.council.selectors import papers

    consultation = (
        Consultation.objects.select_related("paper", "body", "meeting")
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None or not consultation.result:
        return 0
    paper = consultation.paper
    url = absolute_url(reverse("council:paper_detail", kwargs={"pk": paper.pk}))
    sent = 0
    for row in _recipients(
        Follow.objects.filter(paper=paper),
        lambda user: papers(user=user).filter(pk=paper.pk).exists(),
    ):
        sent += _send(
            template="paper_decided",
            to=row.user.email,
            language=row.user.language,
            context={
                "paper": paper,
                "consultation": consultation,
                "user": row.user,
                "url": url,
                "unfollow_url": absolute_url(
                    reverse("council:unfollow", kwargs={"token": unfollow_token(row)})
                ),
            },
        )
    return sent


# --- Called by the services, inside their transaction ----------------------------------------


def measure_changed(measure, *, event, progress_id=None):
    """``event``: "status" or "progress"."""
    transaction.on_commit(lambda: send_measure_changed.enqueue(measure.pk, event, progress_id))


def paper_decided(consultation):
    transaction.on_commit(lambda: send_paper_decided.enqueue(consultation.pk))


def is_following(user, *, paper=None, measure=None):
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, paper=paper, measure=measure, active=True).exists()
