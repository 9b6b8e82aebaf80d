"""Read of one organisation's profile page: the organisation, its terms, needs, offers, contacts.

Why plain SQL here when the rest of the app uses the ORM: the profile is the page the public
opens most, for any of thousands of organisations, so it is rarely cached. Built with a dozen
ORM queries it spent most of its time composing SQL (benchmark in docs/benchmarks.md);
these few fixed statements over the link tables, with the managed lists from the in-process
catalogue (``terms``), cost a fraction of that. Every table and column name comes from the
models' ``_meta``, and the statements are plain SQL that SQLite and PostgreSQL both run.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.http import Http404
from django.utils import timezone

from vernetzt.directory import terms
from vernetzt.directory.models import (
    Category,
    Community,
    ContactPerson,
    District,
    FieldOfAction,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationType,
    Visibility,
)

ORGANISATION_TERMS = [  # attribute on the organisation, m2m field, term model
    ("field_list", "fields", FieldOfAction),
    ("community_list", "communities", Community),
    ("language_list", "languages", Language),
    ("district_list", "districts", District),
]
ITEM_TERMS = [("language_list", "languages", Language), ("district_list", "districts", District)]
CONTACT_TERMS = [("language_list", "languages", Language)]


@dataclass(frozen=True)
class TermGroup:
    """The terms of one m2m field for some objects of one model, set as ``attr`` on each."""

    model: type
    objects: list
    attr: str
    field_name: str
    term_model: type


def _quote(name):
    return connection.ops.quote_name(name)


def _columns(model, alias, *, leave_out=()):
    """The model's own columns, spelled out: the page never needs ``leave_out`` (and a table
    may hold columns the model does not know, such as PostgreSQL's search vector)."""
    return ", ".join(
        f"{alias}.{_quote(field.column)}"
        for field in model._meta.concrete_fields
        if field.name not in leave_out
    )


def _link_columns(through, owner_model):
    relations = [field for field in through._meta.fields if field.is_relation]
    owner = next(field for field in relations if field.related_model is owner_model)
    term = next(field for field in relations if field is not owner)
    return owner.column, term.column


# The statements depend only on the models, so each is composed once per process.


@cache
def _link_sql(number, model, field_name, owner_count):
    """SELECT of (number, owner id, term id) from the link table of ``model.field_name``."""
    through = model._meta.get_field(field_name).remote_field.through
    owner, term = _link_columns(through, model)
    placeholders = ", ".join(["%s"] * owner_count)
    return (
        f"SELECT {number}, {_quote(owner)}, {_quote(term)} FROM {_quote(through._meta.db_table)} "
        f"WHERE {_quote(owner)} IN ({placeholders})"
    )


@cache
def _organisation_sql():
    table = _quote(Organisation._meta.db_table)
    columns = _columns(Organisation, "organisation", leave_out={"search_document"})
    return f"SELECT {columns} FROM {table} organisation WHERE organisation.{_quote('slug')} = %s"


@cache
def _items_sql(model, only_current):
    table, category = _quote(model._meta.db_table), _quote(Category._meta.db_table)
    sql = (
        f"SELECT {_columns(model, 'item')} FROM {table} item JOIN {category} category "
        f"ON category.{_quote('id')} = item.{_quote('category_id')} "
        f"WHERE item.{_quote('organisation_id')} = %s"
    )
    if only_current:
        sql += (
            f" AND item.{_quote('valid_from')} <= %s AND (item.{_quote('valid_until')} IS NULL"
            f" OR item.{_quote('valid_until')} >= %s)"
        )
    return sql + (
        f" ORDER BY category.{_quote('sort_order')}, item.{_quote('title')}, item.{_quote('id')}"
    )


@cache
def _contacts_sql(internal_too):
    table = _quote(ContactPerson._meta.db_table)
    through = ContactPerson._meta.get_field("organisations").remote_field.through
    contact_column, organisation_column = _link_columns(through, ContactPerson)
    sql = (
        f"SELECT {_columns(ContactPerson, 'contact')} FROM {table} contact "
        f"JOIN {_quote(through._meta.db_table)} link "
        f"ON link.{_quote(contact_column)} = contact.{_quote('id')} "
        f"WHERE link.{_quote(organisation_column)} = %s"
    )
    if not internal_too:
        sql += f" AND contact.{_quote('visibility')} = %s"
    return sql + f" ORDER BY contact.{_quote('name')}, contact.{_quote('id')}"


def _organisation(visible, slug):
    """The organisation ``slug`` if ``visible`` holds it. A publicly visible one is visible to
    every reader, so only the others need the (costlier) check against ``visible``."""
    found = list(Organisation.objects.raw(_organisation_sql(), [slug]))
    if not found:
        raise Http404
    organisation = found[0]
    if not organisation.is_public and not visible.filter(pk=organisation.pk).exists():
        raise Http404
    return organisation


def _items(model, organisation_id, *, only_current, today):
    params = [organisation_id, today, today] if only_current else [organisation_id]
    return list(model.objects.raw(_items_sql(model, only_current), params))


def _contacts(organisation_id, *, internal_too):
    params = [organisation_id] if internal_too else [organisation_id, Visibility.PUBLIC.value]
    return list(ContactPerson.objects.raw(_contacts_sql(internal_too), params))


def _term_groups(organisation, needs, offers, contacts):
    groups = [TermGroup(Organisation, [organisation], *spec) for spec in ORGANISATION_TERMS]
    groups += [TermGroup(Need, needs, *spec) for spec in ITEM_TERMS]
    groups += [TermGroup(Offer, offers, *spec) for spec in ITEM_TERMS]
    groups += [TermGroup(ContactPerson, contacts, *spec) for spec in CONTACT_TERMS]
    return groups


def _linked_term_ids(groups):
    """{(group number, owner id): [term id, …]} for every group, in one statement: a SELECT
    per group with its own owners, joined by UNION ALL."""
    statements, params = [], []
    for number, group in enumerate(groups):
        if group.objects:
            owner_ids = [obj.pk for obj in group.objects]
            statements.append(_link_sql(number, group.model, group.field_name, len(owner_ids)))
            params += owner_ids
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        for number, owner_id, term_id in cursor.fetchall():
            found.setdefault((number, owner_id), []).append(term_id)
    return found


def organisation_profile(*, visible, slug, sees_internal, revision=None):
    """The organisation ``slug`` among ``visible`` (a queryset, holding at least every publicly
    visible organisation, as every reader's does) with everything its page shows, or Http404.
    ``sees_internal``: also internal contacts and past or future needs and offers.
    ``revision``: the directory revision, when the caller has read it already.

    The lists are attributes: ``field_list``, ``community_list``, ``language_list``,
    ``district_list``, ``visible_needs`` and ``visible_offers`` (each item with
    ``language_list``, ``district_list`` and ``is_current``) and ``visible_contacts`` (each
    with ``language_list``).
    """
    organisation = _organisation(visible, slug)
    today = timezone.localdate()
    needs = _items(Need, organisation.pk, only_current=not sees_internal, today=today)
    offers = _items(Offer, organisation.pk, only_current=not sees_internal, today=today)
    contacts = _contacts(organisation.pk, internal_too=sees_internal)

    groups = _term_groups(organisation, needs, offers, contacts)
    found = _linked_term_ids(groups)
    wanted = [(OrganisationType, organisation.type_id)]
    wanted += [(Category, item.category_id) for item in needs + offers]
    wanted += [
        (groups[number].term_model, term_id) for (number, _owner), ids in found.items()
        for term_id in ids
    ]
    catalogue = terms.complete_catalogue(wanted, revision=revision)

    organisation.type = catalogue.get(OrganisationType, organisation.type_id)
    organisation.sees_internal = sees_internal
    for number, group in enumerate(groups):
        for obj in group.objects:
            term_ids = found.get((number, obj.pk), [])
            setattr(obj, group.attr, catalogue.ordered(group.term_model, term_ids))
    for item in needs + offers:
        item.category = catalogue.get(Category, item.category_id)
        item.is_current = item.is_valid_on(today)
    organisation.visible_needs = needs
    organisation.visible_offers = offers
    organisation.visible_contacts = contacts
    return organisation
