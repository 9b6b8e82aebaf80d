"""The history reads in the reader's language: choice and managed-list labels, local dates,
and no change that changes nothing."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import NeedFactory, OrganisationFactory, StaffFactory
from vernetzt.audit.services import diff, record
from vernetzt.directory.models import FieldOfAction, Organisation

pytestmark = pytest.mark.django_db


def rendered(entry, language):
    with translation.override(language):
        return render_to_string("audit/_history.html", {"entries": [entry]})


@pytest.fixture
def organisation():
    return OrganisationFactory()


def test_choices_show_their_labels_not_their_stored_keys(organisation):
    entry = record(
        actor=StaffFactory(),
        action="status",
        obj=organisation,
        changes={"status": ["proposed", "verified"], "visibility": ["internal", "public"]},
    )
    html = rendered(entry, "de")
    with translation.override("de"):
        proposed = str(Organisation.Status.PROPOSED.label)
        verified = str(Organisation.Status.VERIFIED.label)
    assert proposed != "proposed", "the German catalogue lacks the status labels"
    assert proposed in html and verified in html
    assert "proposed" not in html and "verified" not in html and ">public<" not in html


def test_managed_lists_are_shown_in_the_readers_language(organisation):
    culture = FieldOfAction.objects.get(name="Kultur")
    culture.translations = {"ar": "ثقافة", "en": "Culture"}
    culture.save()
    # Written by a German-speaking editor: the trail holds the German names.
    entry = record(actor=None, action="update", obj=organisation, changes={"fields": [[], ["Kultur"]]})
    assert "ثقافة" in rendered(entry, "ar")
    assert "Culture" in rendered(entry, "en")
    # Written while the page was in English: still read in German.
    entry = record(actor=None, action="update", obj=organisation, changes={"fields": [["Culture"], []]})
    assert "Kultur" in rendered(entry, "de")


def test_dates_follow_the_readers_locale():
    need = NeedFactory()
    entry = record(actor=None, action="update", obj=need, changes={"valid_from": ["2026-03-01", "2026-04-15"]})
    html = rendered(entry, "de")
    assert "01.03.2026" in html and "15.04.2026" in html
    assert "2026-03-01" not in html


def test_a_change_from_nothing_to_nothing_is_not_shown(organisation):
    entry = record(
        actor=None,
        action="update",
        obj=organisation,
        changes={"short_name": [None, ""], "fields": [[], None], "name": ["Alt", "Neu"]},
    )
    html = rendered(entry, "de")
    assert "— → —" not in html and "—</bdi> <span aria-hidden=\"true\">→</span><span class=\"visually-hidden\">" not in html
    with translation.override("de"):
        short_name = str(Organisation._meta.get_field("short_name").verbose_name)
    assert short_name.capitalize() not in html
    assert "Alt" in html and "Neu" in html


def test_services_do_not_record_a_change_between_kinds_of_nothing():
    assert diff({"short_name": None, "fields": []}, {"short_name": "", "fields": None}) == {}
    assert diff({"short_name": None}, {"short_name": "KV"}) == {"short_name": [None, "KV"]}


def test_long_values_get_lines_of_their_own_and_arrows_follow_the_direction(organisation):
    long_text = "Wir bieten Sprachkurse, eine Frauengruppe und Hausaufgabenhilfe an."
    entry = record(
        actor=None,
        action="update",
        obj=organisation,
        changes={"description": [long_text, "Kurz."], "name": ["Alt", "Neu"]},
    )
    german, arabic = rendered(entry, "de"), rendered(entry, "ar")
    assert f'<bdi lang="de">{long_text}</bdi><br>' in german
    assert '<span aria-hidden="true">→</span>' in german
    assert '<span aria-hidden="true">←</span>' in arabic
