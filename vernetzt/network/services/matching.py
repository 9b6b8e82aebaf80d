"""The one write of matching: a contact request from a match.

``send_contact_request`` records a cooperation proposal "from a match" (``cooperations.propose``,
audited there, which also tells the other organisation's editors) and e-mails the other
organisation at its public address or at its contact persons whose recorded consent is in
force, through the task queue once the transaction commits.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task

from vernetzt.directory.models import ContactPerson, Need, Offer, Organisation, may_edit
from vernetzt.directory.notifications import absolute_url, recipient_language
from vernetzt.network.models import Cooperation
from vernetzt.network.services import cooperations

TEMPLATES = "network/matching/emails"
MAX_MESSAGE = 2000
TITLE_LENGTH = 200


@dataclass
class ContactResult:
    cooperation: Cooperation
    reachable: bool  # an e-mail goes to the other organisation


def addresses_of(organisation):
    """Where a contact request may go: the public address, else the e-mail addresses of
    contact persons whose consent is recorded and not withdrawn."""
    if organisation.public_email:
        return [organisation.public_email]
    contacts = (
        ContactPerson.objects.filter(organisations=organisation, consent__withdrawn_at__isnull=True)
        .exclude(email="")
        .order_by("pk")
    )
    return list(dict.fromkeys(contacts.values_list("email", flat=True)))


def send_contact_request(*, actor, organisation, need_id, offer_id, message=""):
    """``organisation`` (whose editor ``actor`` is) asks the other side of a match to work
    together. The caller has checked that the pair is a match ``actor`` may see
    (``selectors.matching.match_of``)."""
    if not may_edit(actor, slug=organisation.slug):
        raise PermissionDenied("only an editor of the organisation may send a contact request")
    need = Need.objects.select_related("organisation").get(pk=need_id)
    offer = Offer.objects.select_related("organisation").get(pk=offer_id)
    if organisation.pk not in (need.organisation_id, offer.organisation_id):
        raise PermissionDenied("the match is not about this organisation")
    other = offer.organisation if need.organisation_id == organisation.pk else need.organisation
    message = message[:MAX_MESSAGE]
    with transaction.atomic():
        cooperation = cooperations.propose(
            actor=actor,
            proposing_organisation=organisation,
            partner_organisations=[other],
            title=f"{need.title} – {offer.title}"[:TITLE_LENGTH],
            kind=Cooperation.Kind.PUNCTUAL,
            origin=Cooperation.Origin.MATCH,
            need=need,
            offer=offer,
            message=message,
        )
        addresses = addresses_of(other)
        if addresses:
            transaction.on_commit(
                lambda: send_contact_email.enqueue(
                    cooperation.pk, organisation.pk, other.pk, need.pk, offer.pk, message
                )
            )
    return ContactResult(cooperation=cooperation, reachable=bool(addresses))


@task()
def send_contact_email(cooperation_id, from_id, to_id, need_id, offer_id, message):
    sender = Organisation.objects.filter(pk=from_id).first()
    recipient = Organisation.objects.filter(pk=to_id).first()
    need = Need.objects.filter(pk=need_id).first()
    offer = Offer.objects.filter(pk=offer_id).first()
    if None in (sender, recipient, need, offer):
        return 0
    language = recipient_language(recipient.proposer_language)
    context = {
        "sender": sender,
        "recipient": recipient,
        "need": need,
        "offer": offer,
        "message": message,
        "reply_to": sender.public_email,
        "sender_url": absolute_url(
            reverse("directory:organisation_detail", kwargs={"slug": sender.slug})
        ),
        "cooperation_url": absolute_url(
            reverse("network:cooperation_detail", kwargs={"pk": cooperation_id})
        ),
        "site_name": settings.SITE_NAME,
        "town_name": settings.TOWN_NAME,
    }
    with translation.override(language):
        subject = render_to_string(f"{TEMPLATES}/contact_request_subject.txt", context)
        body = render_to_string(f"{TEMPLATES}/contact_request.txt", context)
        fallback = gettext("Contact request")
    sent = 0
    for address in addresses_of(recipient):
        sent += EmailMessage(
            subject=" ".join(subject.split()) or fallback,
            body=body.strip() + "\n",
            to=[address],
            reply_to=[sender.public_email] if sender.public_email else None,
            headers={"Content-Language": language},
        ).send()
    return sent
