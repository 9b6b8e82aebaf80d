"""The classification rules of the OParl mapping, on strings from real council systems."""

import pytest

from vernetzt.council.models import Body, Consultation, Membership, Paper
from vernetzt.council.oparl.mapping import (
    body_kind,
    consultation_result,
    membership_role,
    paper_kind,
    public_by_headings,
)

R = Consultation.Result


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("einstimmig, 0 Enthaltungen", R.ACCEPTED),
        ("Einstimmig; 1 Enthaltung ", R.ACCEPTED),
        ("13 Ja-Stimmen, 0 Enthaltungen, 0 Nein-Stimmen", R.ACCEPTED),
        ("11 Ja-Stimmen, 2 Nein-Stimmen, 0 Enthaltungen", R.ACCEPTED),
        ("4 Ja-Stimmen, 9 Nein-Stimmen", R.REJECTED),
        ("Der Antrag wurde mehrheitlich abgelehnt.", R.REJECTED),
        ("einstimmig mit Änderungen beschlossen", R.AMENDED),
        ("Verwiesen in den Hauptausschuss", R.REFERRED),
        ("Der Punkt wurde vertagt.", R.POSTPONED),
        ("Die anwesenden Ausschussmitglieder nehmen den Sachverhalt einstimmig zur Kenntnis.", R.NONE),
        ("ohne", R.NONE),
        ("(kein Text vorhanden)", R.NONE),
        ("", R.NONE),
    ],
)
def test_consultation_result(text, result):
    assert consultation_result(text) == result


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Ausschussvorsitzender", Membership.Role.CHAIR),
        ("stellvertetender Ausschussvorsitzender", Membership.Role.DEPUTY),  # sic, Hürtgenwald
        ("stellv. Mitglied", Membership.Role.DEPUTY),
        ("Persönliche Vertreterin des Sachkundigen Bürgers", Membership.Role.DEPUTY),
        ("Sachkundige Bürgerin", Membership.Role.ADVISORY),
        ("beratendes Mitglied", Membership.Role.ADVISORY),
        ("Gast", Membership.Role.GUEST),
        ("Mitglied", Membership.Role.MEMBER),
        ("Ortsvorsteher", Membership.Role.MEMBER),
        ("", Membership.Role.MEMBER),
    ],
)
def test_membership_role(label, role):
    assert membership_role(label) == role


@pytest.mark.parametrize(
    ("paper_type", "kind"),
    [
        ("Antrag", Paper.Kind.MOTION),
        ("Änderungs-/Ergänzungsantrag", Paper.Kind.MOTION),
        ("Anfrage", Paper.Kind.QUESTION),
        ("Beschlussvorlage", Paper.Kind.DRAFT_RESOLUTION),
        ("Mitteilungsvorlage", Paper.Kind.NOTICE),
        ("Informationsvorlage", Paper.Kind.NOTICE),
        ("Tischvorlage", Paper.Kind.OTHER),
        ("Haushalt THH 5000", Paper.Kind.OTHER),
    ],
)
def test_paper_kind(paper_type, kind):
    assert paper_kind(paper_type) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Integrationsrat Gremium", Body.Kind.INTEGRATION_COUNCIL),
        ("Integrationsausschuss Beschließender Ausschuss", Body.Kind.COMMITTEE),
        ("Lenkungsgruppe KIM", Body.Kind.STEERING_GROUP),
        ("Vorbereitungsgruppe Integrationskonferenz", Body.Kind.PREPARATION_GROUP),
        ("Arbeitsgruppe Sprache", Body.Kind.WORKING_GROUP),
        ("Christlich Demokratische Union Fraktion", Body.Kind.OTHER),
        ("Gemeinderat Gremium / Gremien", Body.Kind.COMMITTEE),
        ("Behindertenbeauftragte", Body.Kind.OTHER),
    ],
)
def test_body_kind(text, kind):
    assert body_kind(text) == kind


def test_public_by_part_headings():
    items = [
        {"id": "a", "name": "Öffentliche Sitzung"},
        {"id": "1", "name": "Mitteilungen"},
        {"id": "b", "name": "< Sitzungsteil nichtöffentlich >"},
        {"id": "2", "name": "Grundstücksangelegenheit"},
        {"id": "3", "name": "Fragen zur öffentlichen Sitzung von gestern"},  # not a heading
        {"id": "c", "name": "Nicht öffentlicher Teil"},
    ]
    assert public_by_headings(items) == {
        "a": True, "1": True, "b": False, "2": False, "3": False, "c": False,
    }
