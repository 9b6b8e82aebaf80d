"""Read of one organisation's profile page: the organisation, its terms, needs, offers, contacts.

Why plain SQL here when the rest of the app uses the ORM: the profile is the page the public
opens most, for any of thousands of organisations, so it is rarely cached. Built with a dozen
ORM queries it spent most of its time composing SQL (benchmark in docs/benchmarks.md);
these few fixed statements over the link tables, with the managed lists from the in-process
catalogue (``terms``), cost a fraction of that. Every table and column name comes from the
models' ``_meta``, and the statements are plain SQL that SQLite and PostgreSQL both run.
"""

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


def _attach(objects, attributes, catalogue, found, first_number):
    for number, (attr, _field, term_model) in enumerate(attributes, start=first_number):
        for obj in objects:
            setattr(obj, attr, catalogue.ordered(term_model, found.get((number, obj.pk), [])))


def _wanted_terms(organisation, items, found, numbering):
    wanted = [(OrganisationType, organisation.type_id)]
    wanted += [(Category, item.category_id) for item in items]
    wanted += [(numbering[number], term_id) for (number, _o), ids in found.items()
               for term_id in ids]
    return wanted


def organisation_profile(*, visible, slug, sees_internal):
    """The organisation ``slug`` among ``visible`` (a queryset, holding at least every publicly
    visible organisation, as every reader's does) with everything its page shows, or Http404.
    ``sees_internal``: also internal contacts and past or future needs and offers.

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

    links = [(Organisation, field) for _a, field, _m in ORGANISATION_TERMS]
    links += [(Need, field) for _a, field, _m in ITEM_TERMS]
    links += [(Offer, field) for _a, field, _m in ITEM_TERMS]
    links.append((ContactPerson, "languages"))
    numbering = [m for _a, _f, m in ORGANISATION_TERMS] + [m for _a, _f, m in ITEM_TERMS] * 2
    numbering.append(Language)
    found = _linked_terms_of(organisation, needs, offers, contacts, links)

    catalogue = terms.complete_catalogue(
        _wanted_terms(organisation, needs + offers, found, numbering)
    )
    organisation.type = catalogue.get(OrganisationType, organisation.type_id)
    organisation.sees_internal = sees_internal
    _attach([organisation], ORGANISATION_TERMS, catalogue, found, 0)
    _attach(needs, ITEM_TERMS, catalogue, found, len(ORGANISATION_TERMS))
    _attach(offers, ITEM_TERMS, catalogue, found, len(ORGANISATION_TERMS) + 2)
    _attach(contacts, [("language_list", "languages", Language)], catalogue,
            found, len(ORGANISATION_TERMS) + 4)
    for item in needs + offers:
        item.category = catalogue.get(Category, item.category_id)
        item.is_current = item.is_valid_on(today)
    organisation.visible_needs = needs
    organisation.visible_offers = offers
    organisation.visible_contacts = contacts
    return organisation


def _linked_terms_of(organisation, needs, offers, contacts, links):
    """One statement for every link of the page: the owner ids differ per link, so each
    SELECT gets its own id list."""
    owners = [[organisation.pk]] * len(ORGANISATION_TERMS)
    owners += [[need.pk for need in needs]] * len(ITEM_TERMS)
    owners += [[offer.pk for offer in offers]] * len(ITEM_TERMS)
    owners.append([contact.pk for contact in contacts])
    statements, params = [], []
    for number, ((model, field_name), ids) in enumerate(zip(links, owners, strict=True)):
        if ids:
            statements.append(_link_sql(number, model, field_name, len(ids)))
            params += ids
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        for number, owner_id, term_id in cursor.fetchall():
            found.setdefault((number, owner_id), []).append(term_id)
    return found
