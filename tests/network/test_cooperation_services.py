"""The cooperation lifecycle through its services: who may do what, what is audited, who is
told by e-mail, and that the partners' cached pages become stale."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import OrganisationFactory, StaffFactory, UserFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.directory import cache
from vernetzt.directory.models import Organisation, Visibility
from vernetzt.network import rules
from vernetzt.network.models import Cooperation, CooperationPartner
from vernetzt.network.services import cooperations as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    """Three organisations, each with its own editor (with an e-mail address)."""
    result = {}
    for key, name in [
        ("mso", "Afghanischer Frauenverein"),
        ("fire", "Jugendfeuerwehr Süd"),
        ("drk", "DRK Ortsverein"),
    ]:
        editor = UserFactory(username=f"editor-{key}", email=f"{key}@example.org", language="de")
        result[key] = OrganisationFactory(name=name, slug=key, editors=[editor])
        result[f"{key}_editor"] = editor
    return result


def propose(people, *, partners=("fire",), **kwargs):
    return services.propose(
        actor=people["mso_editor"],
        proposing_organisation=people["mso"],
        partner_organisations=[people[key] for key in partners],
        title="Erste Hilfe für Mütter",
        kind=Cooperation.Kind.PUNCTUAL,
        message="Wir würden uns freuen!",
        **kwargs,
    )


def decisions(cooperation):
    return {
        partner.organisation.slug: partner.decision
        for partner in cooperation.partners.select_related("organisation")
    }


def audit_of(cooperation):
    return list(
        AuditEntry.objects.filter(object_id=str(cooperation.pk), content_type__model="cooperation")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_propose_confirms_the_proposer_and_asks_the_others(
    people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cooperation = propose(people, partners=("fire", "drk"))
    assert cooperation.status == Cooperation.Status.PROPOSED
    assert cooperation.proposed_by == people["mso"]
    assert cooperation.created_by == people["mso_editor"]
    assert decisions(cooperation) == {
        "mso": CooperationPartner.Decision.CONFIRMED,
        "fire": CooperationPartner.Decision.PENDING,
        "drk": CooperationPartner.Decision.PENDING,
    }
    assert audit_of(cooperation) == ["create"]
    entry = AuditEntry.objects.get(object_id=str(cooperation.pk), action="create")
    assert entry.changes["partners"][1] == sorted(
        ["Afghanischer Frauenverein", "Jugendfeuerwehr Süd", "DRK Ortsverein"]
    )
    # The asked organisations' editors hear of it, the proposer's editor does not.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "drk@example.org",
        "fire@example.org",
    ]
    fire_mail = next(message for message in mail.outbox if message.to == ["fire@example.org"])
    assert "Afghanischer Frauenverein" in fire_mail.subject
    assert f"/netzwerk/kooperationen/{cooperation.pk}/entscheiden/fire/" in fire_mail.body
    assert "Wir würden uns freuen!" in fire_mail.body


def test_all_partners_confirm_and_the_cooperation_is_agreed(
    people, django_capture_on_commit_callbacks
):
    cooperation = propose(people, partners=("fire", "drk"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(
            actor=people["fire_editor"],
            cooperation=cooperation,
            organisation=people["fire"],
            confirm=True,
        )
    assert cooperation.status == Cooperation.Status.PROPOSED  # the DRK has not decided
    assert sorted(m.to[0] for m in mail.outbox) == ["drk@example.org", "mso@example.org"]
    services.decide(
        actor=people["drk_editor"],
        cooperation=cooperation,
        organisation=people["drk"],
        confirm=True,
    )
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.AGREED
    assert set(decisions(cooperation).values()) == {CooperationPartner.Decision.CONFIRMED}
    partner = cooperation.partners.get(organisation=people["drk"])
    assert partner.decided_by == people["drk_editor"] and partner.decided_at is not None
    assert audit_of(cooperation) == ["create", "status", "status"]
    last = AuditEntry.objects.filter(object_id=str(cooperation.pk)).latest("pk")
    assert last.changes["status"] == ["proposed", "agreed"]


def test_one_decline_declines_with_its_reason(people, django_capture_on_commit_callbacks):
    cooperation = propose(people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(
            actor=people["fire_editor"],
            cooperation=cooperation,
            organisation=people["fire"],
            confirm=False,
            reason="Keine Kapazität in diesem Jahr",
        )
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.DECLINED
    assert cooperation.status_reason == "Keine Kapazität in diesem Jahr"
    assert [m.to for m in mail.outbox] == [["mso@example.org"]]
    assert "Keine Kapazität in diesem Jahr" in mail.outbox[0].body
    entry = AuditEntry.objects.filter(object_id=str(cooperation.pk)).latest("pk")
    assert entry.note == "Keine Kapazität in diesem Jahr"
    # Nothing more to decide: a late confirmation is refused.
    with pytest.raises(PermissionDenied):
        services.decide(
            actor=people["fire_editor"],
            cooperation=cooperation,
            organisation=people["fire"],
            confirm=True,
        )


def test_only_editors_of_that_organisation_decide(people, staff_user):
    cooperation = propose(people, partners=("fire", "drk"))
    outsider = UserFactory(username="outsider")
    for actor, organisation in [
        (people["drk_editor"], people["fire"]),  # an editor of another partner
        (people["mso_editor"], people["fire"]),  # the proposer's editor
        (outsider, people["fire"]),
        (people["mso_editor"], people["mso"]),  # already confirmed
    ]:
        with pytest.raises(PermissionDenied):
            services.decide(
                actor=actor, cooperation=cooperation, organisation=organisation, confirm=True
            )
    assert decisions(cooperation)["fire"] == CooperationPartner.Decision.PENDING
    assert not rules.may_decide(people["drk_editor"], cooperation, people["fire"])
    assert rules.may_decide(people["fire_editor"], cooperation, people["fire"])
    # Staff may decide on an organisation's behalf (audited under their name).
    services.decide(
        actor=staff_user, cooperation=cooperation, organisation=people["fire"], confirm=True
    )
    assert decisions(cooperation)["fire"] == CooperationPartner.Decision.CONFIRMED


def test_proposing_needs_an_editor_and_verified_partners(people):
    with pytest.raises(PermissionDenied):
        services.propose(
            actor=people["fire_editor"],
            proposing_organisation=people["mso"],
            partner_organisations=[people["drk"]],
            title="x",
            kind=Cooperation.Kind.LASTING,
        )
    proposal = OrganisationFactory(status=Organisation.Status.PROPOSED, slug="neu")
    with pytest.raises(ValidationError):
        services.propose(
            actor=people["mso_editor"],
            proposing_organisation=people["mso"],
            partner_organisations=[proposal],
            title="x",
            kind=Cooperation.Kind.LASTING,
        )
    with pytest.raises(ValidationError):  # only itself
        services.propose(
            actor=people["mso_editor"],
            proposing_organisation=people["mso"],
            partner_organisations=[people["mso"]],
            title="x",
            kind=Cooperation.Kind.LASTING,
        )
    with pytest.raises(ValidationError):  # end before start
        propose(people, start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 4, 1))
    assert not Cooperation.objects.exists()


def test_activate_and_end_with_reason(people, django_capture_on_commit_callbacks):
    cooperation = propose(people)
    services.decide(
        actor=people["fire_editor"],
        cooperation=cooperation,
        organisation=people["fire"],
        confirm=True,
    )
    services.activate(actor=people["mso_editor"], cooperation=cooperation)
    assert cooperation.status == Cooperation.Status.ACTIVE
    assert cooperation.start_date == timezone.localdate()
    with pytest.raises(services.TransitionError):
        services.end(actor=people["fire_editor"], cooperation=cooperation, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.end(
            actor=people["fire_editor"], cooperation=cooperation, reason="Projekt abgeschlossen"
        )
    cooperation.refresh_from_db()
    assert cooperation.status == Cooperation.Status.ENDED
    assert cooperation.status_reason == "Projekt abgeschlossen"
    assert cooperation.end_date == timezone.localdate()
    assert [m.to for m in mail.outbox] == [["mso@example.org"]]  # not the one who ended it
    assert audit_of(cooperation) == ["create", "status", "status", "status"]
    with pytest.raises(services.TransitionError):
        services.end(actor=people["fire_editor"], cooperation=cooperation, reason="nochmal")


def test_outsiders_cannot_end_or_change(people):
    cooperation = propose(people)
    services.decide(
        actor=people["fire_editor"],
        cooperation=cooperation,
        organisation=people["fire"],
        confirm=True,
    )
    with pytest.raises(PermissionDenied):
        services.end(actor=people["drk_editor"], cooperation=cooperation, reason="weil")
    with pytest.raises(PermissionDenied):
        services.update(
            actor=people["drk_editor"],
            cooperation=cooperation,
            data={"title": "Neu"},
            version=cooperation.version,
        )


def test_update_refuses_a_stale_version(people):
    cooperation = propose(people)
    loaded = cooperation.version
    services.update(
        actor=people["mso_editor"],
        cooperation=cooperation,
        data={"title": "Erste Hilfe"},
        version=loaded,
    )
    stale = Cooperation.objects.get(pk=cooperation.pk)
    stale.version = loaded
    with pytest.raises(services.EditConflict) as conflict:
        services.update(
            actor=people["fire_editor"],
            cooperation=stale,
            data={"title": "Anders"},
            version=loaded,
        )
    assert conflict.value.current.title == "Erste Hilfe"
    cooperation.refresh_from_db()
    assert cooperation.title == "Erste Hilfe"
    entry = AuditEntry.objects.filter(object_id=str(cooperation.pk), action="update").get()
    assert entry.changes == {"title": ["Erste Hilfe für Mütter", "Erste Hilfe"]}


def test_staff_record_on_behalf_directly_agreed(people):
    staff = StaffFactory(username="buero2")
    with pytest.raises(PermissionDenied):
        services.record_on_behalf(
            actor=people["mso_editor"],
            organisations=[people["mso"], people["fire"]],
            title="x",
            kind=Cooperation.Kind.NETWORK,
        )
    cooperation = services.record_on_behalf(
        actor=staff,
        organisations=[people["mso"], people["fire"], people["drk"]],
        title="Netzwerk Bevölkerungsschutz",
        kind=Cooperation.Kind.NETWORK,
        status=Cooperation.Status.ACTIVE,
        note="Papierliste Lenkungsgruppe 03/2026",
    )
    assert cooperation.status == Cooperation.Status.ACTIVE
    assert cooperation.proposed_by is None
    assert set(decisions(cooperation).values()) == {CooperationPartner.Decision.CONFIRMED}
    assert cooperation.partners.filter(decided_by=staff).count() == 3
    entry = AuditEntry.objects.get(object_id=str(cooperation.pk), action="create")
    assert entry.note == "Papierliste Lenkungsgruppe 03/2026"
    assert not mail.outbox


def test_every_write_makes_the_partners_profiles_stale(people):
    revision = cache.revision()
    cooperation = propose(people)
    assert cache.revision() != revision
    revision = cache.revision()
    services.decide(
        actor=people["fire_editor"],
        cooperation=cooperation,
        organisation=people["fire"],
        confirm=True,
    )
    assert cache.revision() != revision


def test_a_public_cooperation_with_an_internal_partner_is_never_public(people):
    internal = OrganisationFactory(slug="intern", visibility=Visibility.INTERNAL)
    staff = StaffFactory(username="buero3")
    shown = services.record_on_behalf(
        actor=staff,
        organisations=[people["mso"], people["fire"]],
        title="öffentlich",
        kind=Cooperation.Kind.LASTING,
        visibility=Visibility.PUBLIC,
    )
    hidden = services.record_on_behalf(
        actor=staff,
        organisations=[people["mso"], internal],
        title="mit internem Partner",
        kind=Cooperation.Kind.LASTING,
        visibility=Visibility.PUBLIC,
    )
    internal_one = services.record_on_behalf(
        actor=staff,
        organisations=[people["mso"], people["fire"]],
        title="intern",
        kind=Cooperation.Kind.LASTING,
        visibility=Visibility.INTERNAL,
    )
    proposed = propose(people, visibility=Visibility.PUBLIC)
    assert list(rules.visible_cooperations(None)) == [shown]
    # The partners' editors see all of theirs, proposals included; others only the public one.
    assert set(rules.visible_cooperations(people["mso_editor"])) == {
        shown,
        hidden,
        internal_one,
        proposed,
    }
    assert set(rules.visible_cooperations(people["drk_editor"])) == {shown}
    assert set(rules.visible_cooperations(staff)) == {shown, hidden, internal_one, proposed}
