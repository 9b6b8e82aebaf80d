"""An organisation's profile page and its open-data form, read through the ORM with the
prefetches the page needs (a fixed number of queries, whatever the organisation holds)."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from vernetzt.directory import managed_lists
from vernetzt.directory.models import ContactPerson, Need, Offer, Organisation
from vernetzt.directory.selectors.visibility import (
    is_privileged,
    may_edit,
    open_data_organisations,
    public_organisations,
)


def _terms(managed):
    """The terms of ``managed`` in the list's own order (``term_lists`` names them)."""
    return Prefetch(managed.field, queryset=managed.model.objects.all())


def _term_lists(obj, lists):
    """Each list's prefetched terms as ``managed.profile_attr``, for the templates."""
    for managed in lists:
        setattr(obj, managed.profile_attr, list(getattr(obj, managed.field).all()))


def _items(model, attr, *, only_current):
    items = model.objects.current() if only_current else model.objects.all()
    items = items.select_related("category").prefetch_related(
        *(_terms(managed) for managed in managed_lists.ITEM_LISTS)
    )
    return Prefetch(attr, queryset=items.order_by("category__sort_order", "title", "pk"),
                    to_attr=f"visible_{attr}")


def _contacts(*, internal_too):
    contacts = ContactPerson.objects.all()
    if not internal_too:
        contacts = contacts.publicly_visible()  # marked public *and* the consent allows it
    contacts = contacts.prefetch_related(_terms(managed_lists.LANGUAGES)).order_by("name", "pk")
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
            *(_terms(managed) for managed in managed_lists.MANY_LISTS),
            _items(Need, "needs", only_current=not sees_internal),
            _items(Offer, "offers", only_current=not sees_internal),
            _contacts(internal_too=sees_internal),
        )
        .first()
    )
    if organisation is None:
        raise Http404
    today = timezone.localdate()
    _term_lists(organisation, managed_lists.MANY_LISTS)
    for item in organisation.visible_needs + organisation.visible_offers:
        item.is_current = item.is_valid_on(today)
        _term_lists(item, managed_lists.ITEM_LISTS)
    for contact in organisation.visible_contacts:
        _term_lists(contact, [managed_lists.LANGUAGES])
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
