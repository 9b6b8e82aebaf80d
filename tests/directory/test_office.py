"""The integration office: review queue, decisions, status changes, overview and history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    DistrictFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
    term,
)
from vernetzt.audit.models import AuditEntry
from vernetzt.directory import selectors, services
from vernetzt.directory.models import (
    Category,
    Community,
    FieldOfAction,
    Organisation,
    OrganisationType,
)

pytestmark = pytest.mark.django_db
PROPOSED = Organisation.Status.PROPOSED


def proposal(name, *, days_ago=0, **kwargs):
    organisation = OrganisationFactory(name=name, status=PROPOSED, **kwargs)
    created = timezone.now() - timedelta(days=days_ago)
    Organisation.objects.filter(pk=organisation.pk).update(created_at=created)
    return organisation


def decide_url(organisation):
    return reverse("directory:review_decide", kwargs={"slug": organisation.slug})


def status_url(organisation):
    return reverse("directory:organisation_status", kwargs={"slug": organisation.slug})


# --- Review queue -----------------------------------------------------------------------------


def test_the_queue_lists_proposals_oldest_first_with_proposer(client_as, staff_user):
    newer = proposal("Neuer Verein", days_ago=1, proposer_name="Ben")
    older = proposal("Alter Verein", days_ago=5, proposer_name="Ada", proposer_email="ada@x.org")
    OrganisationFactory(name="Schon geprüft")

    response = client_as(staff_user).get(reverse("directory:review_list"))

    assert [row[0] for row in response.context["rows"]] == [older, newer]
    content = response.content.decode()
    assert "Ada" in content and "ada@x.org" in content
    assert "Schon geprüft" not in content


def test_the_queue_loads_in_a_bounded_number_of_queries(
    client_as, staff_user, django_assert_max_num_queries
):
    district = DistrictFactory()
    for number in range(15):
        proposal(f"Initiative {number}", districts=[district])
    client = client_as(staff_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("directory:review_list"))
    assert len(response.context["rows"]) == 15


@pytest.mark.parametrize(
    ("existing", "proposed"),
    [
        ("Deutsch-Syrischer Kulturverein e.V.", "deutsch-syrischer kulturverein"),
        ("Deutsch-Syrischer Kulturverein", "DEUTSCH SYRISCHER KULTURVEREIN E. V."),
        ("Elterncafé Nordstadt", "Elterncafé Nordstadt Musterstadt"),
    ],
)
def test_similar_names_are_shown_as_possible_duplicates(existing, proposed):
    original = OrganisationFactory(name=existing)
    new = proposal(proposed)

    assert selectors.possible_duplicates(organisations=[new])[new.pk] == [original]


def test_near_spellings_count_as_duplicates_only_in_the_same_district():
    north, south = DistrictFactory(), DistrictFactory()
    same_district = OrganisationFactory(name="Kulturverein Anatolia", districts=[north])
    OrganisationFactory(name="Kulturverein Anatolien", districts=[south])
    new = proposal("Kulturverein Anatolya", districts=[north])

    assert selectors.possible_duplicates(organisations=[new])[new.pk] == [same_district]


def test_different_names_are_no_duplicates():
    OrganisationFactory(name="Sportverein Blau-Weiß")
    new = proposal("Elterncafé Nordstadt")
    assert selectors.possible_duplicates(organisations=[new])[new.pk] == []


def test_the_queue_shows_the_duplicate_hint(client_as, staff_user):
    OrganisationFactory(name="Deutsch-Syrischer Kulturverein e.V.", slug="dsk-alt")
    proposal("deutsch-syrischer Kulturverein")

    content = client_as(staff_user).get(reverse("directory:review_list")).content.decode()
    assert reverse("directory:organisation_history", kwargs={"slug": "dsk-alt"}) in content


# --- Decisions --------------------------------------------------------------------------------


def test_staff_verify_and_name_an_editor_by_email(client_as, staff_user):
    proposer = UserFactory(username="amina", email="amina@example.org")
    organisation = proposal("Elternverein", proposer_email="amina@example.org")
    client = client_as(staff_user)

    page = client.get(decide_url(organisation))
    assert page.context["verify_form"]["editor"].value() == "amina"

    response = client.post(
        decide_url(organisation), {"decision": "verify", "verify-editor": "AMINA@example.org"}
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED and organisation.verified_at
    assert list(organisation.editors.all()) == [proposer]
    changes = [entry.changes for entry in AuditEntry.objects.filter(object_id=str(organisation.pk))]
    assert {"editors": [[], ["amina"]]} in changes
    assert {"status": ["proposed", "verified"]} in changes


def test_verifying_without_an_editor_is_fine(client_as, staff_user):
    organisation = proposal("Elternverein")
    client_as(staff_user).post(decide_url(organisation), {"decision": "verify", "verify-editor": ""})
    organisation.refresh_from_db()
    assert organisation.status == "verified" and not organisation.editors.exists()


def test_an_unknown_editor_account_is_an_error_and_nothing_changes(client_as, staff_user):
    organisation = proposal("Elternverein")
    response = client_as(staff_user).post(
        decide_url(organisation), {"decision": "verify", "verify-editor": "niemand"}
    )

    assert response.status_code == 200
    assert "editor" in response.context["verify_form"].errors
    assert 'value="niemand"' in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.status == PROPOSED


def test_rejecting_needs_a_reason(client_as, staff_user):
    organisation = proposal("Elternverein")
    client = client_as(staff_user)

    response = client.post(decide_url(organisation), {"decision": "reject", "reject-reason": " "})
    assert "reason" in response.context["reject_form"].errors
    organisation.refresh_from_db()
    assert organisation.status == PROPOSED

    client.post(decide_url(organisation), {"decision": "reject", "reject-reason": "Doppelt"})
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED
    assert organisation.status_reason == "Doppelt"
    entry = AuditEntry.objects.filter(object_id=str(organisation.pk), action="status").get()
    assert entry.note == "Doppelt" and entry.actor == staff_user


def test_deciding_twice_shows_a_translated_error(client_as, staff_user):
    organisation = proposal("Elternverein")
    client = client_as(staff_user)
    client.post(decide_url(organisation), {"decision": "reject", "reject-reason": "Doppelt"})

    response = client.post(decide_url(organisation), {"decision": "verify"})

    assert response.status_code == 200
    errors = response.context["verify_form"].non_field_errors()
    assert len(errors) == 1
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.REJECTED


# --- Status -----------------------------------------------------------------------------------


def test_archive_needs_a_reason_and_restore_brings_it_back(client_as, staff_user):
    organisation = OrganisationFactory()
    client = client_as(staff_user)

    response = client.post(status_url(organisation), {"status": "archived", "reason": ""})
    assert "reason" in response.context["form"].errors

    client.post(status_url(organisation), {"status": "archived", "reason": "Aufgelöst"})
    organisation.refresh_from_db()
    assert organisation.status == "archived" and organisation.status_reason == "Aufgelöst"

    page = client.get(status_url(organisation))
    assert 'value="verified"' in page.content.decode()
    client.post(status_url(organisation), {"status": "verified"})
    organisation.refresh_from_db()
    assert organisation.status == "verified"


def test_an_invalid_transition_shows_an_error(client_as, staff_user):
    organisation = OrganisationFactory()
    response = client_as(staff_user).post(status_url(organisation), {"status": "rejected", "reason": "x"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    organisation.refresh_from_db()
    assert organisation.status == "verified"


def test_the_status_page_offers_only_allowed_moves(client_as, staff_user):
    organisation = OrganisationFactory()
    content = client_as(staff_user).get(status_url(organisation)).content.decode()
    assert 'value="archived"' in content and 'value="rejected"' not in content


# --- History ----------------------------------------------------------------------------------


def test_history_shows_organisation_and_item_changes_newest_first(client_as, staff_user):
    organisation = OrganisationFactory()
    services.update_organisation(
        actor=staff_user, organisation=organisation, data={"description": "Neu"}
    )
    need = services.save_need(
        actor=staff_user,
        organisation=organisation,
        data={"category": term(Category, "rooms"), "title": "Raum"},
    )
    stranger = NeedFactory(title="Fremder Bedarf")
    services.save_need(
        actor=staff_user, organisation=stranger.organisation, data={"title": "Geändert"},
        need=stranger,
    )

    response = client_as(staff_user).get(
        reverse("directory:organisation_history", kwargs={"slug": organisation.slug})
    )

    entries = response.context["entries"]
    assert [(entry.object_repr, entry.action) for entry in entries] == [
        ("Raum", "create"),
        (organisation.name, "update"),
    ]
    content = response.content.decode()
    assert "<caption>" in content and "Neu" in content and need.title in content
    assert "Geändert" not in content


# --- Overview ---------------------------------------------------------------------------------


def counts(tally):
    return {row.term: row.count for row in tally.rows}


def test_the_overview_counts_verified_organisations(client_as, council_user):
    culture = term(FieldOfAction, "culture")
    district = DistrictFactory(name="Südstadt")
    first = OrganisationFactory(fields=[culture], districts=[district])
    OrganisationFactory(fields=[culture])
    OrganisationFactory(status=Organisation.Status.ARCHIVED, fields=[culture])
    proposal("Neu")
    NeedFactory(organisation=first)
    NeedFactory(organisation=first, valid_until=timezone.localdate() - timedelta(days=1))
    OfferFactory(organisation=first)

    response = client_as(council_user).get(reverse("directory:dashboard"))

    context = response.context
    assert context["verified_count"] == 2
    assert context["awaiting_review_count"] == 1
    assert counts(context["by_field"])[culture] == 2
    assert context["by_field"].maximum == 2
    assert counts(context["by_district"])[district] == 1
    assert counts(context["by_type"])[term(OrganisationType, "mso")] == 2
    categories = {category.slug: category for category in context["categories"]}
    assert categories["rooms"].need_count == 1 and categories["rooms"].offer_count == 0
    assert categories["interpreting"].offer_count == 1
    recently = context["recently_changed"]
    assert len(recently) == 4


def test_the_overview_is_read_only_for_council(client_as, council_user):
    proposal("Neu")
    content = client_as(council_user).get(reverse("directory:dashboard")).content.decode()
    assert reverse("directory:review_list") not in content
    assert "<form" not in content.split('<main', 1)[1]
    assert "<meter" in content and 'style="' not in content


def test_the_overview_names_the_last_editor(client_as, staff_user, editor_user, edited_organisation):
    services.update_organisation(
        actor=editor_user, organisation=edited_organisation, data={"description": "Neu"}
    )
    response = client_as(staff_user).get(reverse("directory:dashboard"))
    first = response.context["recently_changed"][0]
    assert first == edited_organisation and first.last_changed_by == "editor"


def test_the_overview_needs_a_constant_number_of_queries(
    client_as, staff_user, django_assert_max_num_queries
):
    client = client_as(staff_user)

    def queries_for_overview():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("directory:dashboard")).status_code == 200
        return len(captured)

    OrganisationFactory()
    few = queries_for_overview()
    culture = term(FieldOfAction, "culture")
    for number in range(20):
        organisation = OrganisationFactory(fields=[culture], districts=[DistrictFactory()])
        NeedFactory(organisation=organisation)
        services.update_organisation(
            actor=staff_user, organisation=organisation, data={"description": f"Nr. {number}"}
        )
    assert queries_for_overview() == few
    with django_assert_max_num_queries(15):
        client.get(reverse("directory:dashboard"))


def test_the_history_needs_a_bounded_number_of_queries(
    client_as, staff_user, django_assert_max_num_queries
):
    organisation = OrganisationFactory()
    for number in range(10):
        services.update_organisation(
            actor=staff_user, organisation=organisation, data={"description": f"Nr. {number}"}
        )
        NeedFactory(organisation=organisation)
    client = client_as(staff_user)
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("directory:organisation_history", kwargs={"slug": organisation.slug})
        )
    assert len(response.context["entries"]) == 10


def test_the_overview_links_each_entry_to_the_filtered_directory(client_as, staff_user):
    culture = term(FieldOfAction, "culture")
    OrganisationFactory(name="Kulturkreis", fields=[culture])
    OrganisationFactory(name="Sportfreunde")

    response = client_as(staff_user).get(reverse("directory:dashboard"))

    row = next(row for row in response.context["by_field"].rows if row.term == culture)
    assert row.url == f"{reverse('directory:organisation_list')}?field=culture"
    assert f'href="{reverse("directory:organisation_list")}?field=culture"' in response.text
    listed = client_as(staff_user).get(row.url)
    assert listed.status_code == 200
    assert "Kulturkreis" in listed.text and "Sportfreunde" not in listed.text


def test_the_overview_names_gaps_in_words_not_only_colour(client_as, staff_user):
    unserved = Community.objects.create(slug="unserved", name="Niemand bisher")
    response = client_as(staff_user).get(reverse("directory:dashboard"))
    tally = response.context["by_community"]
    assert unserved in [row.term for row in tally.gaps]
    with translation.override("de"):
        note = translation.gettext("gap: no organisation")
    gap_row = response.text.split("Niemand bisher", 2)[2].split("</tr>")[0]
    assert note in gap_row and 'class="tally-gap__note"' in gap_row


def test_the_overview_sorts_as_a_german_reader_expects(client_as, staff_user):
    for slug, name in [("zz", "Zuwanderung"), ("oe", "Ökologie"), ("ob", "Obdach"), ("p", "Pflege")]:
        FieldOfAction.objects.create(slug=slug, name=name)
    response = client_as(staff_user).get(reverse("directory:dashboard"))
    names = [row.term.name for row in response.context["by_field"].rows]
    mine = [name for name in names if name in {"Zuwanderung", "Ökologie", "Obdach", "Pflege"}]
    assert mine == ["Obdach", "Ökologie", "Pflege", "Zuwanderung"]


def test_the_duplicate_check_compares_only_candidates_found_by_index(monkeypatch):
    """Not quadratic: each proposal is compared with the entries sharing its first word, not
    with every organisation (746 proposals took 12.9 s when they were)."""
    from vernetzt.directory.selectors import duplicates

    for number in range(60):
        OrganisationFactory(name=f"Verein{number} Nordstadt")
    proposals = [proposal(f"Initiative{number} Südstadt") for number in range(40)]
    original = OrganisationFactory(name="Initiative7 Südstadt e.V.")
    comparisons = []
    real = duplicates._names_similar
    monkeypatch.setattr(
        duplicates, "_names_similar",
        lambda *args, **kwargs: comparisons.append(args) or real(*args, **kwargs),
    )

    found = selectors.possible_duplicates(organisations=proposals)

    assert found[proposals[7].pk] == [original]
    assert len(comparisons) <= 2 * len(proposals)  # was 40 × 101


def test_the_stored_name_key_follows_the_name():
    organisation = OrganisationFactory(name="Deutsch-Syrischer Kulturverein e.V.")
    assert organisation.name_key == "deutsch syrischer kulturverein"
    assert organisation.name_head == "deutsch"
    organisation.name = "Elterncafé Nordstadt"
    organisation.save(update_fields=["name"])
    organisation.refresh_from_db()
    assert (organisation.name_key, organisation.name_head) == ("elterncafé nordstadt", "elterncafé")


def test_bulk_created_organisations_get_their_name_key_too():
    kind = OrganisationType.objects.first() or term(OrganisationType, "mso")
    Organisation.objects.bulk_create(
        [Organisation(name="Kulturverein Anatolia", slug="ka", type=kind)]
    )
    assert Organisation.objects.get(slug="ka").name_head == "kulturverein"
