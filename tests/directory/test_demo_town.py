"""The demo town Musterstadt: deterministic, valid, complete and findable."""

import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import OrganisationFactory
from vernetzt.accounts.models import User
from vernetzt.audit.models import AuditEntry
from vernetzt.core.roles import is_council_or_staff, is_staff
from vernetzt.directory import search
from vernetzt.directory.demo import town
from vernetzt.directory.demo.services import DEMO_ACCOUNTS
from vernetzt.directory.models import (
    Consent,
    ContactPerson,
    District,
    Need,
    Offer,
    Organisation,
    Visibility,
)

SMALL = 30


def seed(*args, organisations=SMALL):
    out = io.StringIO()
    call_command(
        "seed_demo_town", "--organisations", str(organisations), "--force", *args, stdout=out
    )
    return out.getvalue()


def items_of(related):
    return sorted(
        (
            item.title, item.category.slug, item.valid_from, item.valid_until,
            sorted(language.code for language in item.languages.all()),
            sorted(district.slug for district in item.districts.all()),
        )
        for item in related.all()
    )


def town_snapshot():
    """Everything the generator decides, without database ids."""
    organisations = Organisation.objects.order_by("slug").prefetch_related(
        "fields", "communities", "languages", "districts", "editors", "contacts__consent",
        "needs__languages", "needs__districts", "offers__languages", "offers__districts",
    )
    return [
        (
            org.slug, org.name, org.type.slug, org.status, org.visibility, org.description,
            org.goals, org.founding_year, org.member_count, org.street, org.latitude,
            org.longitude, org.verified_at,
            sorted(term.slug for term in org.fields.all()),
            sorted(term.slug for term in org.communities.all()),
            sorted(term.code for term in org.languages.all()),
            sorted(term.slug for term in org.districts.all()),
            sorted(user.username for user in org.editors.all()),
            items_of(org.needs), items_of(org.offers),
            sorted((c.name, c.email, c.visibility, c.consent.given_at) for c in org.contacts.all()),
        )
        for org in organisations
    ]


def wipe_town():
    ContactPerson.objects.all().delete()
    Organisation.objects.all().delete()
    Consent.objects.all().delete()
    User.objects.filter(username__in=[account.username for account in DEMO_ACCOUNTS]).delete()


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_town_and_another_seed_a_different_one():
    seed("--seed", "7")
    first = town_snapshot()
    wipe_town()
    seed("--seed", "7")
    again = town_snapshot()
    wipe_town()
    seed("--seed", "8")
    other = town_snapshot()

    assert len(first) == SMALL
    assert again == first
    assert {row[1] for row in other} != {row[1] for row in first}


def test_the_plan_depends_on_the_seed_only():
    vocabulary = town.Vocabulary(
        types=("mso", "school", "welfare"), fields=("education", "language", "women"),
        communities=("syrian", "turkish"), categories=("rooms", "volunteers"),
        languages=("ar", "de", "tr"),
    )
    first = town.plan_town(seed=3, organisations=50, vocabulary=vocabulary)
    again = town.plan_town(seed=3, organisations=50, vocabulary=vocabulary)
    other = town.plan_town(seed=4, organisations=50, vocabulary=vocabulary)

    assert first == again
    assert first != other
    assert len({plan.name for plan in first.organisations}) == 50
    assert {plan.type for plan in first.organisations} <= {"mso", "school", "welfare"}


@pytest.mark.django_db
def test_the_size_option_sets_the_number_of_organisations_and_each_has_needs_and_offers():
    seed(organisations=12)

    assert Organisation.objects.count() == 12
    for organisation in Organisation.objects.all():
        assert 1 <= organisation.needs.count() <= 3
        assert 1 <= organisation.offers.count() <= 3
    assert District.objects.filter(slug__in=["altstadt", "hafen", "am-muehlenbach"]).count() == 3
    assert District.objects.count() == 12


@pytest.mark.django_db
def test_accounts_get_their_roles_and_the_given_password():
    output = seed("--password", "anderes-passwort-42")

    users = {user.username: user for user in User.objects.all()}
    assert is_staff(users["buero"])
    assert is_council_or_staff(users["rat"]) and not is_staff(users["rat"])
    assert not is_council_or_staff(users["verein"])
    assert not is_council_or_staff(users["teilnehmer"])
    assert not users["teilnehmer"].edited_organisations.exists()
    edited = users["verein"].edited_organisations.all()
    assert 2 <= edited.count() <= 3
    assert all(org.type.slug == "mso" and org.is_public for org in edited)
    for name in ["buero", "rat", "verein", "teilnehmer"]:
        assert users[name].check_password("anderes-passwort-42")
        assert name in output
    assert "anderes-passwort-42" in output


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_directory_alone():
    OrganisationFactory()

    seed("--if-empty")
    with pytest.raises(CommandError):
        seed()

    assert Organisation.objects.count() == 1
    assert not User.objects.filter(username="buero").exists()


@pytest.mark.django_db
def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo_town", "--organisations", "3", stdout=io.StringIO())

    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_every_generated_object_is_valid():
    seed()

    for organisation in Organisation.objects.all():
        organisation.full_clean()
        assert organisation.postcode == "12345" and organisation.city == "Musterstadt"
    for item in [*Need.objects.all(), *Offer.objects.all()]:
        item.full_clean()
    for contact in ContactPerson.objects.select_related("consent"):
        contact.full_clean()
        assert contact.organisations.exists()
        assert contact.consent.method == Consent.Method.WRITTEN
        assert contact.consent.purpose
        contact.consent.full_clean()


@pytest.mark.django_db
def test_the_town_has_proposals_internal_and_archived_entries_with_their_paperwork():
    seed()

    proposals = Organisation.objects.filter(status=Organisation.Status.PROPOSED)
    assert proposals.exists()
    for proposal in proposals:
        assert proposal.proposer_name and proposal.proposal_consent.method == "web_form"
    assert Organisation.objects.filter(visibility=Visibility.INTERNAL).exists()
    archived = Organisation.objects.filter(status=Organisation.Status.ARCHIVED)
    assert archived.exists() and all(org.status_reason for org in archived)


@pytest.mark.django_db
def test_every_organisation_need_offer_and_contact_is_audited_as_demo_data():
    seed()

    demo_entries = AuditEntry.objects.filter(action="create", note="demo data")
    expected = (
        Organisation.objects.count() + Need.objects.count() + Offer.objects.count()
        + ContactPerson.objects.count() + District.objects.count()
    )
    assert demo_entries.count() == expected
    audited = set(
        demo_entries.filter(content_type__model="organisation").values_list("object_id", flat=True)
    )
    assert audited == {str(pk) for pk in Organisation.objects.values_list("pk", flat=True)}


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "written"), [("Sprachkurs", "Sprachkurse"), ("Frauen", "Frauengruppe")])
def test_search_finds_the_demo_town_by_german_word_forms(query, written):
    seed(organisations=60)

    found = set(search.filter_matching(Organisation.objects.all(), query))
    containing = set(Organisation.objects.filter(search_document__contains=written))

    assert containing
    assert containing <= found


@pytest.mark.django_db
def test_the_public_directory_lists_demo_organisations_for_sprachkurse(client):
    seed(organisations=60)
    expected = search.filter_matching(Organisation.objects.publicly_visible(), "Sprachkurse")

    response = client.get("/verzeichnis/", {"q": "Sprachkurse"})

    assert response.status_code == 200
    assert expected.exists()
    assert any(org.name in response.content.decode() for org in expected)


@pytest.mark.django_db
def test_the_planner_knows_the_new_table_sizes_after_seeding():
    from django.db import connection

    seed()

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'directory_organisation'")
            rows = int(cursor.fetchone()[0])
        else:
            cursor.execute(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'directory_organisation' LIMIT 1"
            )
            rows = int(cursor.fetchone()[0].split()[0])
    assert rows == SMALL


@pytest.mark.django_db
def test_later_starts_remind_of_the_demo_logins():
    seed(organisations=5)
    text = seed("--if-empty", organisations=5)
    assert "buero" in text and "teilnehmer" in text and "vernetzt-demo" in text
