"""The read side's rules, each defined once and asked everywhere: who sees an organisation,
who edits it, what is current, which managed lists an organisation has."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import NeedFactory, OrganisationFactory, StaffFactory, UserFactory
from vernetzt.directory import managed_lists, search, selectors
from vernetzt.directory.models import (
    ManagedTerm,
    Need,
    Organisation,
    Visibility,
    current_on,
    may_edit,
)

pytestmark = pytest.mark.django_db


def test_public_visibility_is_one_rule_for_queries_and_objects():
    """Every status × visibility: the queryset and the object's predicate agree, and only
    verified public organisations are public."""
    for status, visibility in itertools.product(Organisation.Status.values, Visibility.values):
        OrganisationFactory(status=status, visibility=visibility)
    public = set(Organisation.objects.publicly_visible())
    for organisation in Organisation.objects.all():
        assert organisation.is_public == (organisation in public)
        assert organisation.is_public == (
            organisation.status == "verified" and organisation.visibility == "public"
        )
    assert len(public) == 1


def test_who_sees_what_in_the_directory():
    combinations = list(itertools.product(Organisation.Status.values, Visibility.values))
    organisations = [OrganisationFactory(status=s, visibility=v) for s, v in combinations]
    editor = UserFactory()
    edited = organisations[0]  # proposed, public
    edited.editors.add(editor)
    staff = StaffFactory()
    public = set(Organisation.objects.publicly_visible())

    assert set(selectors.public_organisations(user=None)) == public
    assert set(selectors.public_organisations(user=editor)) == public | {edited}
    assert set(selectors.public_organisations(user=staff)) == {
        organisation for organisation in organisations if organisation.status == "verified"
    }
    assert set(selectors.open_data_organisations()) == public


def test_who_may_edit_an_organisation():
    organisation = OrganisationFactory(slug="verein")
    editor, other = UserFactory(), UserFactory()
    organisation.editors.add(editor)
    inactive_editor = UserFactory(is_active=False)
    organisation.editors.add(inactive_editor)

    assert may_edit(editor, slug="verein")
    assert may_edit(StaffFactory(), slug="verein")
    assert not may_edit(other, slug="verein")
    assert not may_edit(inactive_editor, slug="verein")
    assert not may_edit(None, slug="verein")
    assert not may_edit(editor, slug="gibt-es-nicht")


def test_current_is_one_rule_for_queries_and_objects():
    today = timezone.localdate()
    days = [None, today - timedelta(days=2), today, today + timedelta(days=2)]
    for start, end in itertools.product(days[1:], days):
        if end is None or end >= start:
            NeedFactory(valid_from=start, valid_until=end)
    for day in [today - timedelta(days=3), today, today + timedelta(days=3)]:
        current = set(Need.objects.current(day))
        assert current == set(Need.objects.filter(current_on(day)))
        for need in Need.objects.all():
            assert need.is_valid_on(day) == (need in current)
    assert Need.objects.current().count() == Need.objects.current(today).count() > 0


def test_every_managed_list_of_an_organisation_is_registered():
    """A new list (a many-to-many or foreign key to a managed term or a language) must be
    added to ``managed_lists``, or no facet, import, export or profile would know it."""
    from vernetzt.directory.models import Language

    term_fields = {
        field.name
        for field in Organisation._meta.get_fields()
        if field.concrete and field.is_relation
        and (issubclass(field.related_model, (ManagedTerm, Language)))
    }
    assert term_fields == {managed.field for managed in managed_lists.ORGANISATION_LISTS}
    assert set(managed_lists.MANY_FIELDS) == term_fields - {"type"}
    assert [facet.param for facet in selectors.FACETS] == [
        "type", "field", "community", "language", "district", "need", "offer",
    ]


def test_search_text_is_built_outside_the_write_transaction(monkeypatch):
    """Stemming a long text takes seconds: SQLite's one write lock must not wait for it."""
    organisation = OrganisationFactory(description="Sprachkurse für Frauen " * 1000)
    seen = []
    original = search.stem_text

    def stem_text(text):
        seen.append(all(getattr(b, "_from_testcase", False) for b in connection.atomic_blocks))
        return original(text)

    monkeypatch.setattr(search, "stem_text", stem_text)
    search.reindex(organisation_ids=[organisation.pk])
    if connection.vendor == "sqlite":
        assert seen == [True]
    assert organisation.pk in set(search.matching_ids("Sprachkurs"))
