"""The reusable audit table: who, when, what, field: old → new, readable."""

import pytest
from django.template.loader import render_to_string

from tests.factories import OrganisationFactory, StaffFactory
from vernetzt.audit.services import record
from vernetzt.audit.templatetags.audit_trail import audit_value

pytestmark = pytest.mark.django_db


def test_values_are_shown_as_text():
    assert audit_value(None) == "—"
    assert audit_value([]) == "—"
    assert audit_value(["Kultur", "Sport"]) == "Kultur, Sport"
    assert audit_value(3) == "3"
    assert audit_value(True) not in {"True", "—"}


def test_the_table_shows_who_when_what_and_field_labels():
    organisation = OrganisationFactory()
    staff = StaffFactory(username="buero")
    entry = record(
        actor=staff,
        action="update",
        obj=organisation,
        changes={"description": ["alt", "neu"], "fields": [[], ["Kultur"]], "gone": [1, None]},
        note="Korrektur",
    )

    html = render_to_string("audit/_history.html", {"entries": [entry], "caption": "Verlauf"})

    assert "<caption>Verlauf</caption>" in html
    assert html.count('scope="col"') == 4
    assert "buero" in html and "Korrektur" in html
    assert "alt" in html and "neu" in html and "Kultur" in html
    assert "Gone: <bdi>1</bdi>" in html  # a field that no longer exists is shown by its stored name
    assert f'datetime="{entry.at.isoformat()}"' in html or "<time" in html


def test_the_table_says_when_there_is_nothing():
    html = render_to_string("audit/_history.html", {"entries": []})
    assert "<table" not in html and "<p" in html
