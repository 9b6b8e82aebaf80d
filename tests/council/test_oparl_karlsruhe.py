"""Importing Karlsruhe's integration committee (OParl 1.1, loose JSON files) and again."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from bench.council.data import KARLSRUHE
from tests.council.conftest import needs_karlsruhe
from vernetzt.audit.models import AuditEntry
from vernetzt.audit.services import SystemActor
from vernetzt.council import services
from vernetzt.council.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    ImportRun,
    Meeting,
    Paper,
)
from vernetzt.council.oparl.importer import import_oparl
from vernetzt.council.oparl.report import IMPORTED_TYPES, OUTCOMES

pytestmark = [pytest.mark.django_db, needs_karlsruhe, pytest.mark.usefixtures("english")]
ACTOR = SystemActor("test")
COMMITTEE = "https://web1.karlsruhe.de/oparl/bodies/0001/organizations/gr/39759"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def expected_counts(folder):
    """What the files hold, counted independently of the importer."""
    meetings = [load(path) for path in (folder / "meetings").glob("*.json")]
    papers = [load(path) for path in (folder / "papers").glob("*.json")]
    files = set()

    def walk(value):
        if isinstance(value, dict):
            if str(value.get("type", "")).endswith("/File"):
                files.add(value["id"])
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(meetings)
    walk(papers)
    return {
        "Organization": len(load(folder / "organizations.json")),
        "Meeting": len(meetings),
        "AgendaItem": sum(len(meeting.get("agendaItem", [])) for meeting in meetings),
        "Paper": len(papers),
        # Three papers list the same consultation twice: it is one consultation.
        "Consultation": len({c["id"] for paper in papers for c in paper.get("consultation", [])}),
        "File": len(files),
    }


def run(source):
    imported = import_oparl(source=str(source), actor=ACTOR)
    assert imported.status == ImportRun.Status.DONE, imported.error
    return imported.report


def test_counts_match_the_files():
    report = run(KARLSRUHE)
    expected = expected_counts(KARLSRUHE)
    assert expected == {
        "Organization": 97, "Meeting": 36, "AgendaItem": 82, "Paper": 226,
        "Consultation": 252, "File": 638,
    }
    for type_name, count in expected.items():
        assert report["counts"][type_name]["created"] == count, type_name
    assert Body.objects.count() == 97
    assert Meeting.objects.count() == 36
    assert AgendaItem.objects.count() == 82
    assert Paper.objects.count() == 226
    assert Consultation.objects.count() == 252
    assert File.objects.count() == 638
    # consultations.json holds consultations of papers that are not in the folder: skipped,
    # each counted, with one warning naming why.
    assert report["counts"]["Consultation"]["skipped"] == len(load(KARLSRUHE / "consultations.json"))
    assert any("paper is not in the source" in w["message"] for w in report["warnings"])
    assert report["versions"] == ["1.1"]


def test_objects_are_linked_as_in_the_source():
    run(KARLSRUHE)
    committee = Body.objects.get(oparl_id=COMMITTEE)
    assert committee.name == "Integrationsausschuss"
    assert committee.kind == Body.Kind.COMMITTEE
    meeting = Meeting.objects.get(oparl_id__endswith="/meetings/10117")
    assert meeting.body == committee
    assert meeting.place == "Großer Sitzungssaal, Rathaus am Marktplatz"
    assert [item.number for item in meeting.agenda_items.order_by("order")] == ["1", "2", "3", "4", "5"]
    assert meeting.files.get(role=File.Role.INVITATION).name == "Tagesordnung (ö)"
    assert meeting.files.get(role=File.Role.AUXILIARY).mime_type == "application/pdf"
    paper = Paper.objects.get(oparl_id__endswith="/papers/ag/128")
    assert paper.reference == "2015/0605"
    assert paper.kind == Paper.Kind.MOTION  # "Änderungs-/Ergänzungsantrag"
    assert paper.files.count() == 2
    # Embedded consultations point at their paper through where they were found.
    consultation = Consultation.objects.select_related("paper").get(
        oparl_id__endswith="/consultations/30153"
    )
    assert consultation.paper.oparl_id.endswith("/papers/vo/48964")
    assert consultation.authoritative is True and consultation.role == "Entscheidung"


def test_reimport_changes_nothing_and_is_audited_once_per_run():
    run(KARLSRUHE)
    stamps = dict(Paper.objects.values_list("oparl_id", "updated"))
    report = run(KARLSRUHE)
    assert report["changes"] == 0
    for type_name in IMPORTED_TYPES:
        counts = report["counts"][type_name]
        assert counts["created"] == counts["updated"] == 0, type_name
    assert report["counts"]["Paper"]["unchanged"] == 226
    assert dict(Paper.objects.values_list("oparl_id", "updated")) == stamps
    entries = AuditEntry.objects.filter(action="import")
    assert entries.count() == 2
    assert entries.first().changes["Paper"][1] == {"created": 0, "updated": 0, "unchanged": 226, "skipped": 0}


def test_a_changed_object_is_updated_and_local_data_stays(karlsruhe_copy, staff_user):
    run(karlsruhe_copy)
    committee = Body.objects.get(oparl_id=COMMITTEE)
    committee.kind = Body.Kind.INTEGRATION_COUNCIL  # staff's classification
    services.save(actor=staff_user, obj=committee)
    paper = Paper.objects.get(oparl_id__endswith="/papers/ag/128")
    local = services.add_consultation(
        actor=staff_user, paper=paper, body=committee, result=Consultation.Result.ACCEPTED
    )
    local_paper = services.create_paper(actor=staff_user, reference="L-1", name="Lokaler Antrag")

    path = karlsruhe_copy / "papers" / "128.json"
    data = load(path)
    data["name"] = "Geänderter Titel"
    data["modified"] = "2026-11-01T10:00:00+01:00"
    path.write_text(json.dumps(data), encoding="utf-8")

    report = run(karlsruhe_copy)
    assert report["counts"]["Paper"] == {"created": 0, "updated": 1, "unchanged": 225, "skipped": 0}
    assert report["changes"] == 1
    paper.refresh_from_db()
    assert paper.name == "Geänderter Titel"
    assert paper.reference == "2015/0605"
    assert paper.oparl_modified.isoformat() == "2026-11-01T09:00:00+00:00"
    assert Consultation.objects.filter(pk=local.pk, paper=paper).exists()
    assert Paper.objects.filter(pk=local_paper.pk, oparl_id=None).exists()
    committee.refresh_from_db()
    assert committee.kind == Body.Kind.INTEGRATION_COUNCIL


def test_json_output_shape():
    out = io.StringIO()
    call_command("import_oparl", str(KARLSRUHE), "--json", "--language", "en", stdout=out, stderr=io.StringIO())
    result = json.loads(out.getvalue())
    assert result["status"] == "done" and result["error"] == ""
    assert result["source"] == str(KARLSRUHE)
    assert isinstance(result["seconds"], float)
    assert list(result["counts"]) == IMPORTED_TYPES
    for counts in result["counts"].values():
        assert list(counts) == OUTCOMES
        assert all(isinstance(value, int) for value in counts.values())
    assert result["counts"]["Meeting"]["created"] == 36
    assert result["warnings"]
    for warning in result["warnings"]:
        assert set(warning) == {"message", "count", "examples"}
        assert warning["count"] >= 1 and len(warning["examples"]) <= 3


def test_the_audit_trail_names_the_user(staff_user):
    call_command("import_oparl", str(KARLSRUHE), "--user", staff_user.username,
                 stdout=io.StringIO(), stderr=io.StringIO())
    entry = AuditEntry.objects.get(action="import")
    assert entry.actor == staff_user
    assert entry.target == ImportRun.objects.get(started_by=staff_user)
    with pytest.raises(CommandError, match="nobody"):
        call_command("import_oparl", str(KARLSRUHE), "--user", "nobody", "--language", "en")


def test_text_report_and_progress():
    out, err = io.StringIO(), io.StringIO()
    call_command("import_oparl", str(KARLSRUHE), "--language", "en", stdout=out, stderr=err)
    assert "Paper" in out.getvalue() and "Warnings:" in out.getvalue()
    assert "read 100 files" in err.getvalue() and "read 264 files" in err.getvalue()
    assert "File: 638 created" in err.getvalue()


def test_import_as_a_task_of_the_queue(settings):
    from vernetzt.council.oparl.tasks import import_oparl_task

    # Named here, not only in settings_test: a test elsewhere may leave another backend behind.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = import_oparl_task.enqueue(str(KARLSRUHE))
    assert result.return_value["status"] == "done"
    assert result.return_value["counts"]["Paper"]["created"] == 226
    out = io.StringIO()
    call_command("import_oparl", str(KARLSRUHE), "--enqueue", "--language", "en", stdout=out)
    assert "task" in out.getvalue().lower()
    assert ImportRun.objects.filter(status=ImportRun.Status.DONE).count() == 2
