"""E-mails of the directory's workflow, sent through the task queue.

- the office (active staff with an e-mail address) hears of a new proposal;
- the proposer hears whether their proposal was verified or rejected (with the reason);
- a person hears that they may now edit an organisation.

The services call ``proposal_received``, ``proposal_decided`` and ``editors_added`` inside
their transaction; the task is enqueued only when it commits, so a write that rolls back sends
nothing. The task reads the organisation again and writes each e-mail in its recipient's
language (``User.language``, ``Organisation.proposer_language``; German when unknown), with
links built from ``VERNETZT_BASE_URL`` (``settings.BASE_URL``).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from vernetzt.accounts.models import User
from vernetzt.directory.models import Organisation

DEFAULT_LANGUAGE = "de"
TEMPLATES = "directory/emails"


def recipient_language(code):
    known = {language for language, _name in settings.LANGUAGES}
    return code if code in known else DEFAULT_LANGUAGE


def absolute_url(path):
    return f"{settings.BASE_URL.rstrip('/')}{path}"


def _send(*, template, to, language, context):
    """Render ``template`` (``_subject.txt`` and ``.txt``) in ``language`` and send it."""
    language = recipient_language(language)
    with translation.override(language):
        context = {
            **context,
            "site_name": settings.SITE_NAME,
            "town_name": settings.TOWN_NAME,
        }
        subject = render_to_string(f"{TEMPLATES}/{template}_subject.txt", context)
        body = render_to_string(f"{TEMPLATES}/{template}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),  # one line, whatever the template's whitespace
        body=body.strip() + "\n",
        to=[to],
        headers={"Content-Language": language},
    )
    return message.send()


# --- Tasks (run by a worker; arguments are ids, so the e-mail shows what is stored then) ------


@task()
def send_proposal_received(organisation_id):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:  # deleted before the worker came to it
        return 0
    review_url = absolute_url(reverse("directory:review_decide", kwargs={"slug": organisation.slug}))
    office = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    return sum(
        _send(
            template="proposal_received",
            to=member.email,
            language=member.language,
            context={"organisation": organisation, "review_url": review_url},
        )
        for member in office.order_by("pk")
    )


@task()
def send_proposal_decided(organisation_id, status, reason):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or not organisation.proposer_email:
        return 0
    verified = status == Organisation.Status.VERIFIED
    profile_url = absolute_url(
        reverse("directory:organisation_detail", kwargs={"slug": organisation.slug})
    )
    return _send(
        template="proposal_verified" if verified else "proposal_rejected",
        to=organisation.proposer_email,
        language=organisation.proposer_language,
        context={
            "organisation": organisation,
            "proposer_name": organisation.proposer_name,
            "reason": reason,
            "profile_url": profile_url,
            "proposal_url": absolute_url(reverse("directory:proposal_create")),
        },
    )


@task()
def send_editor_access(organisation_id, user_id):
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if organisation is None or user is None:
        return 0
    return _send(
        template="editor_access",
        to=user.email,
        language=user.language,
        context={
            "organisation": organisation,
            "user": user,
            "edit_url": absolute_url(
                reverse("directory:organisation_edit", kwargs={"slug": organisation.slug})
            ),
            "my_url": absolute_url(reverse("directory:my_organisations")),
            "login_url": absolute_url(reverse(settings.LOGIN_URL)),
        },
    )


# --- Called by the services, inside their transaction ----------------------------------------


def proposal_received(organisation):
    transaction.on_commit(lambda: send_proposal_received.enqueue(organisation.pk))


def proposal_decided(organisation, *, status, reason=""):
    if organisation.proposer_email:
        transaction.on_commit(
            lambda: send_proposal_decided.enqueue(organisation.pk, str(status), reason)
        )


def editors_added(organisation, users):
    for user in users:
        if user.email:
            transaction.on_commit(
                lambda user_id=user.pk: send_editor_access.enqueue(organisation.pk, user_id)
            )
