"""The confirmed import: 500 rows, strictness, audit, search, speed and rollback."""


import pytest
from django.utils import timezone, translation

from tests.directory.factories_import import organisation_row, xlsx_bytes
from tests.factories import StaffFactory
from vernetzt.audit.models import AuditEntry
from vernetzt.directory import search
from vernetzt.directory.importing import writer
from vernetzt.directory.importing.columns import suggest_mapping
from vernetzt.directory.importing.reading import read_table
from vernetzt.directory.importing.report import render
from vernetzt.directory.importing.validation import validate
from vernetzt.directory.models import ContactPerson, Organisation, Visibility

pytestmark = pytest.mark.django_db

BROKEN = {
    # spreadsheet row → what is wrong with it
    42: {"E-Mail": "kein-at-zeichen.example.org"},
    250: {"Gründungsjahr": "irgendwann"},
    499: {"Name des Vereins": ""},
}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def five_hundred_rows(broken=None, count=500):
    rows = []
    for number in range(1, count + 1):
        row = organisation_row(number)
        row.update((broken or {}).get(number + 1, {}))  # the header is row 1
        rows.append(row)
    return xlsx_bytes(rows)


def dry_run(content):
    table = read_table(content, "xlsx")
    return validate(table=table, mapping=suggest_mapping(table.headers))


def import_file(content, actor):
    report, rows = dry_run(content)
    assert report.rejected == 0
    created, _updated = writer.write(
        actor=actor, rows=rows, visibility=Visibility.PUBLIC, source="test"
    )
    return created


def test_500_rows_with_three_broken_ones_report_exactly_those_and_write_nothing():
    report, _rows = dry_run(five_hundred_rows(BROKEN))
    assert (report.rows, report.rejected, report.importable) == (500, 3, 497)
    errors = [(problem["row"], problem["column"], render(problem)) for problem in report.errors()]
    assert errors == [
        (42, "E-Mail", "This is not a valid e-mail address."),
        (250, "Gründungsjahr", "This is not a year (e.g. 1998)."),
        (499, "Name des Vereins", "The name is missing."),
    ]
    assert report.warnings() == []
    assert not Organisation.objects.exists()


def test_after_fixing_them_all_500_are_written_audited_and_found():
    staff = StaffFactory()
    organisations = import_file(five_hundred_rows(), staff)
    assert len(organisations) == Organisation.objects.count() == 500
    sample = Organisation.objects.get(name="Kulturverein Nummer 250 e.V.")
    assert sample.status == Organisation.Status.VERIFIED and sample.verified_at
    assert sample.visibility == Visibility.PUBLIC
    assert sample.public_email == "verein250@example.org"
    assert {term.slug for term in sample.fields.all()} == {"culture", "education"}
    assert {language.code for language in sample.languages.all()} == {"de", "tr"}
    entries = AuditEntry.objects.filter(action="import")
    assert entries.count() == 500
    entry = entries.get(object_id=str(sample.pk))
    assert entry.actor == staff
    assert entry.changes["name"] == [None, "Kulturverein Nummer 250 e.V."]
    assert entry.changes["fields"] == [None, ["Bildung", "Kultur"]]
    found = set(search.matching_ids("Kulturverein"))
    assert {organisation.pk for organisation in organisations} <= found


def test_slugs_are_unique_also_against_existing_organisations():
    first = import_file(five_hundred_rows(count=50), None)
    Organisation.objects.filter(pk__in=[org.pk for org in first]).update(
        name="umbenannt", status=Organisation.Status.REJECTED
    )
    second = import_file(five_hundred_rows(count=50), None)
    slugs = {org.slug for org in first} | {org.slug for org in second}
    assert len(slugs) == 100


def test_a_failure_midway_undoes_the_batches_already_written(monkeypatch):
    """Batches are short transactions of their own; a failure in a later one undoes the
    earlier ones, so nothing of a failed import stays."""
    calls = []
    link_many = writer._link_many

    def failing_in_the_second_batch(pairs):
        calls.append(len(pairs))
        if len(calls) == 2:
            assert Organisation.objects.count() == writer.BATCH_SIZE * 2  # first one committed
            raise RuntimeError("disk full")
        link_many(pairs)

    monkeypatch.setattr(writer, "_link_many", failing_in_the_second_batch)
    with pytest.raises(RuntimeError):
        import_file(five_hundred_rows(), StaffFactory())
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_new_organisations_stay_internal_until_the_last_step(monkeypatch):
    seen = []
    finish = writer.Writer.finish

    def watching(self, created, updated):
        seen.append(set(Organisation.objects.values_list("visibility", flat=True)))
        finish(self, created, updated)

    monkeypatch.setattr(writer.Writer, "finish", watching)
    import_file(five_hundred_rows(count=20), StaffFactory())
    assert seen == [{Visibility.INTERNAL}]
    assert set(Organisation.objects.values_list("visibility", flat=True)) == {Visibility.PUBLIC}


def test_contacts_with_consent_are_stored_with_the_consent():
    headers = ["Name", "Typ", "Ansprechpartner/in", "Einwilligung"]
    content = xlsx_bytes(
        [
            {
                "Name": "A",
                "Typ": "MSO",
                "Ansprechpartner/in": "Erika Muster",
                "Einwilligung": "ja, 1.2.2024",
            },
            {"Name": "B", "Typ": "MSO", "Ansprechpartner/in": "Max Muster", "Einwilligung": "nein"},
        ],
        headers=headers,
    )
    import_file(content, StaffFactory())
    contact = ContactPerson.objects.get()
    assert contact.name == "Erika Muster"
    assert contact.visibility == Visibility.INTERNAL
    assert [org.name for org in contact.organisations.all()] == ["A"]
    consent = contact.consent
    assert consent.method == "import"
    assert timezone.localtime(consent.given_at).date().isoformat() == "2024-02-01"
    assert "ja, 1.2.2024" in consent.evidence
    assert AuditEntry.objects.filter(
        action="import", object_id=str(contact.pk), content_type__model="contactperson"
    ).exists()


def test_updating_an_existing_entry_keeps_its_name_and_can_be_undone():
    from tests.factories import OrganisationFactory
    from vernetzt.directory.importing.validation import Decisions

    existing = OrganisationFactory(
        name="Kulturverein Nummer 1 e.V.", public_email="alt@example.org", member_count=None
    )
    table = read_table(
        xlsx_bytes([organisation_row(1, **{"Name des Vereins": "KULTURVEREIN NUMMER 1"})]), "xlsx"
    )
    report, rows = validate(
        table=table,
        mapping=suggest_mapping(table.headers),
        decisions=Decisions(duplicates={2: "update"}),
    )
    assert rows[0].update_pk == existing.pk
    log = writer.WriteLog()
    created, updated = writer.write(
        actor=StaffFactory(), rows=rows, visibility=Visibility.PUBLIC, source="test", log=log
    )
    assert created == [] and [org.pk for org in updated] == [existing.pk]
    existing.refresh_from_db()
    assert existing.name == "Kulturverein Nummer 1 e.V."  # its own spelling stays
    assert existing.public_email == "verein1@example.org" and existing.member_count == 11
    assert {term.slug for term in existing.fields.all()} >= {"culture", "education"}
    entry = AuditEntry.objects.get(action="import", object_id=str(existing.pk))
    assert entry.changes["public_email"] == ["alt@example.org", "verein1@example.org"]

    writer.undo(log)
    existing.refresh_from_db()
    assert existing.public_email == "alt@example.org" and existing.member_count is None
    assert Organisation.objects.count() == 1
