"""Reads of the actor directory, by concern: who may see what (``visibility``), the search with
its facets (``searching``), the profile (``profile``), the office's and editors' pages
(``office``) and possible duplicates (``duplicates``). Plain functions with keyword-only
arguments; views, exports and the API call them through this package."""

from vernetzt.directory.selectors.duplicates import comparable_name, possible_duplicates
from vernetzt.directory.selectors.office import (
    Tally,
    account_matching_email,
    contacts_of,
    dashboard_figures,
    needs_of,
    offers_of,
    organisation_history,
    organisations_edited_by,
    proposals_awaiting_review,
    recently_changed_organisations,
)
from vernetzt.directory.selectors.profile import (
    open_data_profile,
    organisation_profile,
    profile_of,
    taxonomies,
)
from vernetzt.directory.selectors.searching import (
    FACETS,
    MAX_QUERY_LENGTH,
    MAX_VALUES_PER_FILTER,
    STATUS_PARAM,
    DirectoryFilters,
    DirectorySearch,
    Facet,
    FacetOption,
    FacetSpec,
    search_organisations,
    with_card_data,
    with_summary_data,
)
from vernetzt.directory.selectors.visibility import (
    is_privileged,
    may_edit,
    open_data_organisations,
    public_organisations,
)

__all__ = [
    "FACETS", "MAX_QUERY_LENGTH", "MAX_VALUES_PER_FILTER", "STATUS_PARAM", "DirectoryFilters",
    "DirectorySearch", "Facet", "FacetOption", "FacetSpec", "Tally", "account_matching_email",
    "comparable_name", "contacts_of", "dashboard_figures", "is_privileged", "may_edit",
    "needs_of", "offers_of", "open_data_organisations", "open_data_profile",
    "organisation_history", "organisation_profile", "organisations_edited_by",
    "possible_duplicates", "profile_of", "proposals_awaiting_review", "public_organisations",
    "recently_changed_organisations", "search_organisations", "taxonomies", "with_card_data",
    "with_summary_data",
]
