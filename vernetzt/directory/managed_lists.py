"""The managed lists an organisation (or a need, an offer) draws its terms from, defined once.

Types, fields of action, communities, languages, districts and need/offer categories: which
field holds them, how a facet filters by them, what the import calls them, which name the API
gives them, how a profile shows them and whether their names go into the search text. The
list, the facets, the profile, the search document, the import, the export, the forms, the
admin and the API ask this module instead of naming the fields themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from vernetzt.directory.models import (
    Category,
    Community,
    District,
    FieldOfAction,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationType,
)


def organisation_field(managed):
    """The organisation's model field holding ``managed``'s terms."""
    return Organisation._meta.get_field(managed.field)


@dataclass(frozen=True)
class ManagedList:
    """One managed list and the field of an organisation (or need/offer) that holds its terms."""

    field: str  # the field on Organisation (``category``: on Need and Offer)
    model: type
    param: str  # the facet's query parameter
    label: str  # the facet's and the export column's heading
    import_label: str  # the list's name in the import's messages
    api_name: str  # the list's name in the API's taxonomies
    key_field: str = "slug"  # what a query string names a term by
    searched: bool = True  # its names go into the search document
    profile_attr: str = ""  # the profile's attribute holding the organisation's terms

    @property
    def many(self):
        """Whether an organisation holds several of its terms (a many-to-many field)."""
        return self.model is not Category and organisation_field(self).many_to_many

    @property
    def has_active_flag(self):
        """Languages have no "active" flag; every other list offers only active terms."""
        return self.model is not Language

    def offers(self, term):
        """Whether facets and forms offer ``term``."""
        return not self.has_active_flag or term.is_active

    def key_of(self, term):
        return getattr(term, self.key_field)

    def active_terms(self):
        terms = self.model.objects.all()
        return terms.filter(is_active=True) if self.has_active_flag else terms


TYPES = ManagedList("type", OrganisationType, "type", _("Type"), _("type"), "types")
FIELDS = ManagedList(
    "fields", FieldOfAction, "field", _("Field of action"), _("field of action"),
    "fields_of_action", profile_attr="field_list",
)
COMMUNITIES = ManagedList(
    "communities", Community, "community", _("Community served"), _("community"),
    "communities", profile_attr="community_list",
)
LANGUAGES = ManagedList(
    "languages", Language, "language", _("Language spoken"), _("language"), "languages",
    key_field="code", searched=False, profile_attr="language_list",
)
DISTRICTS = ManagedList(
    "districts", District, "district", _("District"), _("district"), "districts",
    profile_attr="district_list",
)
CATEGORIES = ManagedList(
    "category", Category, "category", _("Category"), _("category"), "categories",
    searched=False,
)

ORGANISATION_LISTS = (TYPES, FIELDS, COMMUNITIES, LANGUAGES, DISTRICTS)
ALL_LISTS = (*ORGANISATION_LISTS, CATEGORIES)
# The many-to-many lists of an organisation: import, export, forms, admin and profile.
MANY_LISTS = tuple(managed for managed in ORGANISATION_LISTS if managed.many)
MANY_FIELDS = tuple(managed.field for managed in MANY_LISTS)
# Needs and offers name their own languages and districts.
ITEM_LISTS = (LANGUAGES, DISTRICTS)


def by_model(model):
    """The managed list whose terms are ``model``'s, else None."""
    return next((managed for managed in ALL_LISTS if managed.model is model), None)


def by_field(name):
    """The managed list an organisation field (or ``category``) draws on, else None."""
    return next((managed for managed in ALL_LISTS if managed.field == name), None)


@dataclass(frozen=True)
class FacetDefinition:
    """A facet of the directory search: a managed list, or the categories of current needs or
    offers (``items``)."""

    param: str
    label: str
    managed: ManagedList
    items: type | None = None  # Need or Offer


FACETS = (
    *(FacetDefinition(managed.param, managed.label, managed) for managed in ORGANISATION_LISTS),
    FacetDefinition("need", _("Needs"), CATEGORIES, items=Need),
    FacetDefinition("offer", _("Offers"), CATEGORIES, items=Offer),
)
