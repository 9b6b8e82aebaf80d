"""The full Hürtgenwald crawl (OParl 1.0, a Sternberg server) with its real quirks."""

import pytest

from tests.council.conftest import needs_huertgenwald
from vernetzt.audit.services import SystemActor
from vernetzt.council.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    ImportRun,
    Meeting,
    Membership,
    Paper,
    Person,
)
from vernetzt.council.oparl.importer import import_oparl

pytestmark = [pytest.mark.django_db, needs_huertgenwald, pytest.mark.usefixtures("english")]
ACTOR = SystemActor("test")
SERVER = "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/body/1"


def warning_count(report, text):
    return sum(w["count"] for w in report["warnings"] if text in w["message"])


def test_whole_crawl_with_its_quirks_and_an_unchanged_reimport(huertgenwald_dir):
    run = import_oparl(source=str(huertgenwald_dir), actor=ACTOR)
    assert run.status == ImportRun.Status.DONE, run.error
    report = run.report
    # The numbers of the data's README: objects marked deleted are skipped.
    assert Body.objects.count() == 22
    assert Person.objects.count() == 49
    assert Membership.objects.count() == 533
    assert Meeting.objects.count() == 346
    assert AgendaItem.objects.count() == 5106
    assert Paper.objects.count() == 2097
    assert Consultation.objects.count() == 2228
    assert File.objects.count() == 6947
    assert report["counts"]["Meeting"]["skipped"] == 21
    assert report["counts"]["Paper"]["skipped"] == 18
    assert report["versions"] == ["1.0"]
    assert report["municipalities"] == ["Gemeinde Hürtgenwald"]
    assert warning_count(report, "Vendor field STERNBERG:sortierung") == 18 + 533
    assert warning_count(report, "Agenda item without order") == 5106

    # No ``order`` and no ``public``: the list's order, and the part headings decide.
    meeting = Meeting.objects.get(oparl_id=f"{SERVER}/meeting/336")
    agenda = [(item.order, item.number, item.is_public) for item in meeting.agenda_items.order_by("order")]
    assert agenda == [
        (1, "A", True), (2, "1.", True), (3, "2.", True), (4, "3.", True),
        (5, "B", False), (6, "4.", False), (7, "5.", False),
    ]
    # Embedded memberships, consultations and files belong to where they were found.
    membership = Membership.objects.get(oparl_id=f"{SERVER}/membership/9-2-1-13")
    assert membership.person.family_name == "Huppertz"
    assert membership.body.name == "Christlich Demokratische Union"
    assert membership.role == Membership.Role.MEMBER
    assert str(membership.end_date) == "2009-10-20"
    paper = Paper.objects.get(oparl_id=f"{SERVER}/paper/1256")
    assert paper.kind == Paper.Kind.DRAFT_RESOLUTION and paper.reference == "11/2010"
    assert paper.files.get(role=File.Role.MAIN).name.startswith("Beschlussvorlage (Investitionen")
    consultation = Consultation.objects.get(oparl_id=f"{SERVER}/consultation/2070")
    assert consultation.paper.reference == "56/2010"
    assert consultation.result == Consultation.Result.ACCEPTED  # "Einstimmig, keine Enthaltungen"
    assert consultation.agenda_item.result_text == "Einstimmig, keine Enthaltungen"

    again = import_oparl(source=str(huertgenwald_dir), actor=ACTOR)
    assert again.report["changes"] == 0
    assert again.report["counts"]["File"]["unchanged"] == 6947
