import pytest

from tests.factories import CouncilMemberFactory, OrganisationFactory, StaffFactory, UserFactory
from vernetzt.core.roles import Role


@pytest.fixture
def staff_user(db):
    return StaffFactory(username="office")


@pytest.fixture
def council_user(db):
    return CouncilMemberFactory(username="council")


@pytest.fixture
def participant_user(db):
    return UserFactory(username="participant")


@pytest.fixture
def editor_user(db):
    return UserFactory(username="editor")


@pytest.fixture
def edited_organisation(db, editor_user):
    return OrganisationFactory(name="Deutsch-Syrischer Kulturverein", slug="dsk", editors=[editor_user])


@pytest.fixture
def role_users(db, staff_user, council_user, participant_user, editor_user, edited_organisation):
    """One user per role; the editor edits ``edited_organisation``."""
    return {
        Role.ANONYMOUS: None,
        Role.PARTICIPANT: participant_user,
        Role.EDITOR: editor_user,
        Role.COUNCIL: council_user,
        Role.STAFF: staff_user,
    }


@pytest.fixture
def client_as(client):
    """``client_as(user)`` logs the test client in as ``user`` (or out for ``None``)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test starts with an empty cache: its rollback undoes writes the cache saw."""
    from django.core.cache import cache

    cache.clear()
