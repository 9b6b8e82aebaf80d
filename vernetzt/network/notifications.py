"""E-mails about cooperations, sent through the task queue after the write commits.

- the editors of every asked organisation hear of a proposal (with the proposer's message);
- the editors of the other partners hear when a partner confirms or declines, and when the
  cooperation is agreed;
- the editors of the other partners hear when a cooperation is ended, with the reason.

Each e-mail goes to active editors with an address, in their language (``User.language``), with
links built from ``settings.BASE_URL`` (the directory's helpers).
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from vernetzt.accounts.models import User
from vernetzt.directory.notifications import absolute_url, recipient_language
from vernetzt.network.models import Cooperation

TEMPLATES = "network/cooperations/emails"


def _send(*, template, to, language, context):
    language = recipient_language(language)
    with translation.override(language):
        context = {**context, "site_name": settings.SITE_NAME, "town_name": settings.TOWN_NAME}
        subject = render_to_string(f"{TEMPLATES}/{template}_subject.txt", context)
        body = render_to_string(f"{TEMPLATES}/{template}.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body.strip() + "\n",
        to=[to],
        headers={"Content-Language": language},
    ).send()


def _editors(organisation_ids, *, except_user_id=None):
    users = (
        User.objects.filter(edited_organisations__in=organisation_ids, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if except_user_id is not None:
        users = users.exclude(pk=except_user_id)
    return users


def _detail_url(cooperation):
    return absolute_url(reverse("network:cooperation_detail", kwargs={"pk": cooperation.pk}))


@task()
def send_cooperation_proposed(cooperation_id, message):
    cooperation = (
        Cooperation.objects.filter(pk=cooperation_id).select_related("proposed_by").first()
    )
    if cooperation is None or cooperation.status != Cooperation.Status.PROPOSED:
        return 0
    sent = 0
    for partner in cooperation.partners.select_related("organisation").exclude(
        organisation_id=cooperation.proposed_by_id
    ):
        decide_url = absolute_url(
            reverse(
                "network:cooperation_decide",
                kwargs={"pk": cooperation.pk, "slug": partner.organisation.slug},
            )
        )
        for user in _editors([partner.organisation_id]):
            sent += _send(
                template="proposed",
                to=user.email,
                language=user.language,
                context={
                    "cooperation": cooperation,
                    "user": user,
                    "organisation": partner.organisation,
                    "proposer": cooperation.proposed_by,
                    "message": message,
                    "decide_url": decide_url,
                    "detail_url": _detail_url(cooperation),
                },
            )
    return sent


@task()
def send_cooperation_decided(cooperation_id, organisation_id, confirmed, reason, actor_id):
    cooperation = Cooperation.objects.filter(pk=cooperation_id).first()
    if cooperation is None:
        return 0
    partner = (
        cooperation.partners.select_related("organisation")
        .filter(organisation_id=organisation_id)
        .first()
    )
    if partner is None:
        return 0
    others = cooperation.partners.exclude(organisation_id=organisation_id).values_list(
        "organisation_id", flat=True
    )
    return sum(
        _send(
            template="decided",
            to=user.email,
            language=user.language,
            context={
                "cooperation": cooperation,
                "user": user,
                "organisation": partner.organisation,
                "confirmed": confirmed,
                "agreed": cooperation.status == Cooperation.Status.AGREED,
                "reason": reason,
                "detail_url": _detail_url(cooperation),
            },
        )
        for user in _editors(list(others), except_user_id=actor_id)
    )


@task()
def send_cooperation_ended(cooperation_id, reason, actor_id):
    cooperation = Cooperation.objects.filter(pk=cooperation_id).first()
    if cooperation is None:
        return 0
    return sum(
        _send(
            template="ended",
            to=user.email,
            language=user.language,
            context={
                "cooperation": cooperation,
                "user": user,
                "reason": reason,
                "detail_url": _detail_url(cooperation),
            },
        )
        for user in _editors(
            list(cooperation.partners.values_list("organisation_id", flat=True)),
            except_user_id=actor_id,
        )
    )


# --- Called by the services, inside their transaction ----------------------------------------


def cooperation_proposed(cooperation, *, message=""):
    transaction.on_commit(lambda: send_cooperation_proposed.enqueue(cooperation.pk, message))


def cooperation_decided(cooperation, *, organisation, confirmed, reason=""):
    actor_id = None
    partner = cooperation.partners.filter(organisation=organisation).first()
    if partner is not None:
        actor_id = partner.decided_by_id
    transaction.on_commit(
        lambda: send_cooperation_decided.enqueue(
            cooperation.pk, organisation.pk, confirmed, reason, actor_id
        )
    )


def cooperation_ended(cooperation, *, actor, reason):
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    transaction.on_commit(lambda: send_cooperation_ended.enqueue(cooperation.pk, reason, actor_id))
