"""The seeded managed lists carry names in every interface language (migration 0006)."""

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation

from vernetzt.directory import taxonomy_seed
from vernetzt.directory.models import Category, Community, FieldOfAction, OrganisationType

pytestmark = pytest.mark.django_db

migration = importlib.import_module("vernetzt.directory.migrations.0006_term_translations")

LISTS = [
    (OrganisationType, taxonomy_seed.ORGANISATION_TYPES, "organisation_type"),
    (FieldOfAction, taxonomy_seed.FIELDS_OF_ACTION, "field_of_action"),
    (Category, taxonomy_seed.CATEGORIES, "category"),
    (Community, taxonomy_seed.COMMUNITIES, "community"),
]


def run_migration():
    migration.add_term_translations(apps, connection.schema_editor())


@pytest.mark.parametrize(("model", "entries", "list_name"), LISTS)
def test_the_seed_translates_every_entry(model, entries, list_name):
    translations = taxonomy_seed.TRANSLATIONS[list_name]
    assert set(translations) == {slug for slug, *_ in entries}
    for slug, names in translations.items():
        assert set(names) == {"tr", "ar", "uk", "ru"}, slug
        assert all(name.strip() for name in names.values()), slug


def test_a_type_is_labelled_in_arabic():
    with translation.override("ar"):
        label = OrganisationType.objects.get(slug="mso").label
    assert label == taxonomy_seed.TRANSLATIONS["organisation_type"]["mso"]["ar"]
    assert label != "Migrantenselbstorganisation"


@pytest.mark.parametrize(("model", "entries", "list_name"), LISTS)
def test_every_seeded_term_has_names_in_every_language(model, entries, list_name):
    for slug, _name, english, _synonyms in entries:
        term = model.objects.get(slug=slug)
        expected = {"en": english, **taxonomy_seed.TRANSLATIONS[list_name][slug]}
        assert term.translations == expected
        for code in ("en", "tr", "ar", "uk", "ru"):
            with translation.override(code):
                assert term.label == expected[code]


def test_what_staff_entered_is_kept_and_only_missing_languages_are_added():
    term = FieldOfAction.objects.get(slug="culture")
    term.translations = {"tr": "Kültür ve sanat", "uk": ""}
    term.save()

    run_migration()

    term.refresh_from_db()
    assert term.translations == {
        "tr": "Kültür ve sanat",
        "uk": "",
        "en": "Culture",
        "ar": taxonomy_seed.TRANSLATIONS["field_of_action"]["culture"]["ar"],
        "ru": taxonomy_seed.TRANSLATIONS["field_of_action"]["culture"]["ru"],
    }


def test_running_again_changes_nothing():
    term = Community.objects.get(slug="syrian")
    term.translations = {**term.translations, "ar": "السوريون"}
    term.save()

    run_migration()

    term.refresh_from_db()
    assert term.translations["ar"] == "السوريون"


def test_entries_staff_added_or_renamed_are_left_alone():
    Category.objects.filter(slug="rooms").delete()
    own = Category.objects.create(slug="transport", name="Transport", translations={"en": "Rides"})

    run_migration()

    own.refresh_from_db()
    assert own.translations == {"en": "Rides"}
    assert not Category.objects.filter(slug="rooms").exists()
