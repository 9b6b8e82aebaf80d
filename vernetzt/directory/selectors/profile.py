"""An organisation's profile page and its open-data form, read through the ORM with the
prefetches the page needs (a fixed number of queries, whatever the organisation holds).

The terms of the managed lists (fields, communities, languages, districts) are not prefetched
as model rows per profile: each list's link table is read as pairs of ids and the terms come
from ``all_terms()``, a few hundred rows kept on the cache framework under the directory
revision. Prefetching them cost more than half of an uncached profile's CPU (15 of 28 ms on
the benchmark machine); the ids cost a fraction of that (docs/benchmarks.md).
"""

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from vernetzt.directory import managed_lists
from vernetzt.directory.cache import revision
from vernetzt.directory.models import ContactPerson, Need, Offer, Organisation
from vernetzt.directory.selectors.visibility import (
    is_privileged,
    may_edit,
    open_data_organisations,
    public_organisations,
)

TERMS_KEY = "directory:profile-terms"


def all_terms():
    """Every term of the lists a profile shows, by list and id, in each list's own order."""

    def load():
        lists = {*managed_lists.MANY_LISTS, *managed_lists.ITEM_LISTS}
        return {
            managed.field: {term.pk: term for term in managed.model.objects.all()}
            for managed in lists
        }

    return cache.get_or_set(TERMS_KEY, load, timeout=None, version=revision())


def _term_lists(objects, lists, terms):
    """Each object's terms of each list as ``managed.profile_attr``, in the list's order."""
    if not objects:
        return
    by_pk = {obj.pk: obj for obj in objects}
    model = type(objects[0])
    for managed in lists:
        field = model._meta.get_field(managed.field)
        owner, term = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        chosen = defaultdict(set)
        links = field.remote_field.through.objects.filter(**{f"{owner}__in": list(by_pk)})
        for owner_pk, term_pk in links.values_list(owner, term):
            chosen[owner_pk].add(term_pk)
        ordered = terms[managed.field]
        for pk, obj in by_pk.items():
            setattr(obj, managed.profile_attr, [ordered[t] for t in ordered if t in chosen[pk]])


def _items(model, attr, *, only_current):
    items = model.objects.current() if only_current else model.objects.all()
    items = items.select_related("category")
    return Prefetch(
        attr,
        queryset=items.order_by("category__sort_order", "title", "pk"),
        to_attr=f"visible_{attr}",
    )


def _contacts(*, internal_too):
    contacts = ContactPerson.objects.all()
    if not internal_too:
        contacts = contacts.publicly_visible()  # marked public *and* the consent allows it
    contacts = contacts.order_by("name", "pk")
    return Prefetch("contacts", queryset=contacts, to_attr="visible_contacts")


def profile_of(organisations, *, slug, sees_internal):
    """The organisation ``slug`` among ``organisations`` with everything its page shows, or
    Http404. ``sees_internal``: also internal contacts and past or future needs and offers.

    The lists are attributes named by ``managed_lists`` (``field_list``, ``community_list``,
    ``language_list``, ``district_list``), ``visible_needs`` and ``visible_offers`` (each item
    with ``language_list``, ``district_list`` and ``is_current``) and ``visible_contacts``
    (each with ``language_list``).
    """
    organisation = (
        organisations.filter(slug=slug)
        .select_related("type")
        .defer("search_document")
        .prefetch_related(
            _items(Need, "needs", only_current=not sees_internal),
            _items(Offer, "offers", only_current=not sees_internal),
            _contacts(internal_too=sees_internal),
        )
        .first()
    )
    if organisation is None:
        raise Http404
    today = timezone.localdate()
    terms = all_terms()
    _term_lists([organisation], managed_lists.MANY_LISTS, terms)
    for items in (organisation.visible_needs, organisation.visible_offers):
        for item in items:
            item.is_current = item.is_valid_on(today)
        _term_lists(items, managed_lists.ITEM_LISTS, terms)
    _term_lists(organisation.visible_contacts, [managed_lists.LANGUAGES], terms)
    organisation.sees_internal = sees_internal
    return organisation


def organisation_profile(*, user, slug):
    """The organisation ``slug`` as ``user`` may see it (``None``: the public), or Http404.

    Everyone sees public contact persons and current needs and offers; council, staff and the
    organisation's editors also internal contacts and past or future needs and offers.
    """
    if is_privileged(user):
        visible = public_organisations(user=user, statuses=list(Organisation.Status.values))
    else:
        visible = public_organisations(user=user)
    sees_internal = is_privileged(user) or may_edit(user, slug=slug)
    return profile_of(visible, slug=slug, sees_internal=sees_internal)


def open_data_profile(*, slug):
    """A public organisation with its current needs and offers, or Http404: for the API."""
    return profile_of(open_data_organisations(), slug=slug, sees_internal=False)


def taxonomies():
    """Every active managed list, for the API: list name → terms."""
    return {managed.api_name: list(managed.active_terms()) for managed in managed_lists.ALL_LISTS}
