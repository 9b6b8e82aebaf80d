"""Every input has limits: long texts get a clear form error and keep the input; a huge body
is refused before any form code runs; anonymous proposals and reset mails are throttled."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.helpers import in_german
from tests.directory.factories_editing import proposal_post
from tests.factories import NeedFactory, OrganisationFactory
from vernetzt.directory import services
from vernetzt.directory.models import Organisation

pytestmark = pytest.mark.django_db

PROPOSE = reverse("directory:proposal_create")


def test_a_description_over_the_limit_is_a_form_error_that_keeps_the_input(client):
    description = "Wir helfen. " * 500  # 6,000 characters; the limit is 5,000

    response = client.post(PROPOSE, proposal_post(description=description))

    assert response.status_code == 200
    assert not Organisation.objects.exists()
    errors = response.context["form"].errors["description"]
    assert "5000" in errors[0] or "5.000" in errors[0]
    assert response.context["form"]["description"].value() == description
    assert response.context["form"]["name"].value() == "Afrikanischer Elternverein e.V."


def test_a_request_body_of_megabytes_is_refused_before_the_form(client):
    response = client.post(PROPOSE, proposal_post(description="x" * 4 * 1024 * 1024))

    assert response.status_code == 400
    assert not Organisation.objects.exists()
    assert in_german("The request could not be processed") in response.content.decode()


@pytest.mark.parametrize(
    ("model_field", "limit"),
    [
        (Organisation._meta.get_field("description"), 5000),
        (Organisation._meta.get_field("goals"), 3000),
        (Organisation._meta.get_field("status_reason"), 2000),
    ],
)
def test_every_text_field_of_the_directory_has_a_limit(model_field, limit):
    assert model_field.max_length == limit


# Written by vernetzt itself, never from a person's input.
SYSTEM_WRITTEN = {"ImportJob.error"}


def test_every_text_field_of_every_directory_model_is_limited():
    from django.apps import apps
    from django.db import models

    unlimited = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("directory").get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and field.editable and not field.max_length
    ]
    assert set(unlimited) <= SYSTEM_WRITTEN


def test_services_enforce_the_limit_too(staff_user):
    from django.core.exceptions import ValidationError

    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.update_organisation(
            actor=staff_user, organisation=organisation, data={"goals": "x" * 3001}
        )
    need = NeedFactory(organisation=organisation)
    with pytest.raises(ValidationError):
        services.save_need(
            actor=staff_user, organisation=organisation, need=need,
            data={"description": "x" * 3001},
        )


def test_anonymous_proposals_are_throttled_per_client_address(client, settings):
    settings.THROTTLES = {**settings.THROTTLES, "proposal": (3, 3600)}
    for number in range(3):
        assert client.post(PROPOSE, proposal_post(name=f"Verein {number}")).status_code == 302

    refused = client.post(PROPOSE, proposal_post(name="Verein 4"))

    assert refused.status_code == 429
    assert Organisation.objects.count() == 3
    assert refused.context["form"]["name"].value() == "Verein 4"  # the input is kept
    assert in_german("This form was sent very often") in refused.text.replace("\n", " ") or (
        refused.context["form"].non_field_errors()
    )
    other = client.post(PROPOSE, proposal_post(name="Verein 5"), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_password_reset_mails_are_throttled_per_address_and_per_email(client, settings):
    settings.THROTTLES = {
        **settings.THROTTLES, "password_reset_address": (4, 3600), "password_reset_email": (2, 3600),
    }
    url = reverse("accounts:password_reset")
    from tests.factories import UserFactory

    UserFactory(username="amira", email="amira@example.org")
    statuses = [client.post(url, {"email": "amira@example.org"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
    # Another e-mail from the same address: allowed until the address's limit.
    assert client.post(url, {"email": "jonas@example.org"}).status_code == 302
    assert client.post(url, {"email": "lena@example.org"}).status_code == 429
    # Another address, the throttled e-mail: still refused (per e-mail).
    assert client.post(url, {"email": "amira@example.org"}, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert len(mail.outbox) == 2
