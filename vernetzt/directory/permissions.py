"""Who may open which directory URL. The one place for the directory's access rules."""

from vernetzt.core.access import AUTHENTICATED, COUNCIL_OR_STAFF, PUBLIC, STAFF, Rule
from vernetzt.directory.models import may_edit


def _edits_organisation(user, kwargs):
    return may_edit(user, slug=kwargs.get("slug"))


ORGANISATION_EDITOR = Rule(
    "editors of this organisation and integration office staff", _edits_organisation
)

RULES = {
    # Public directory, export and API (what non-public users see is narrowed by selectors).
    "directory:organisation_list": PUBLIC,
    "directory:organisation_detail": PUBLIC,
    "directory:organisation_export": PUBLIC,
    "api:directory_organisations": PUBLIC,
    "api:directory_organisation": PUBLIC,
    "api:directory_taxonomies": PUBLIC,
    "directory:api_docs": PUBLIC,
    # Self-service proposals.
    "directory:proposal_create": PUBLIC,
    "directory:proposal_thanks": PUBLIC,
    # Editors maintain their organisation.
    "directory:my_organisations": AUTHENTICATED,
    "directory:organisation_edit": ORGANISATION_EDITOR,
    "directory:organisation_descriptions": ORGANISATION_EDITOR,
    "directory:need_create": ORGANISATION_EDITOR,
    "directory:need_edit": ORGANISATION_EDITOR,
    "directory:need_delete": ORGANISATION_EDITOR,
    "directory:offer_create": ORGANISATION_EDITOR,
    "directory:offer_edit": ORGANISATION_EDITOR,
    "directory:offer_delete": ORGANISATION_EDITOR,
    "directory:contact_create": ORGANISATION_EDITOR,
    "directory:contact_edit": ORGANISATION_EDITOR,
    "directory:contact_delete": ORGANISATION_EDITOR,
    # Integration office.
    "directory:dashboard": COUNCIL_OR_STAFF,
    "directory:review_list": STAFF,
    "directory:review_decide": STAFF,
    "directory:organisation_status": STAFF,
    "directory:organisation_history": STAFF,
    "directory:privacy_search": STAFF,
    "directory:privacy_contact": STAFF,
    "directory:privacy_proposer": STAFF,
    "directory:import_start": STAFF,
    "directory:import_mapping": STAFF,
    "directory:import_report": STAFF,
    "directory:import_progress": STAFF,
    "directory:import_confirm": STAFF,
    "directory:import_decide": STAFF,
    "directory:import_add_districts": STAFF,
    "directory:import_report_file": STAFF,
    "directory:import_example": STAFF,
}
