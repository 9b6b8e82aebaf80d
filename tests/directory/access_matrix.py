from tests.access import (
    COUNCIL_AND_STAFF,
    EDITORS_AND_STAFF,
    EVERYONE,
    LOGGED_IN,
    STAFF_ONLY,
    Expect,
)


def org(world):
    return {"slug": world.organisation.slug}


def need(world):
    return {"slug": world.organisation.slug, "pk": world.need.pk}


def offer(world):
    return {"slug": world.organisation.slug, "pk": world.offer.pk}


def contact(world):
    return {"slug": world.organisation.slug, "pk": world.contact.pk}


def job(world):
    return {"job": world.job_id}


EXPECTED = {
    "directory:organisation_list": Expect(EVERYONE),
    "directory:organisation_detail": Expect(EVERYONE, org),
    "directory:organisation_export": Expect(EVERYONE, lambda world: {"fmt": "csv"}),
    "api:directory_organisations": Expect(EVERYONE),
    "api:directory_organisation": Expect(EVERYONE, org),
    "api:directory_taxonomies": Expect(EVERYONE),
    "directory:api_docs": Expect(EVERYONE),
    "directory:proposal_create": Expect(EVERYONE),
    "directory:proposal_thanks": Expect(EVERYONE),
    "directory:my_organisations": Expect(LOGGED_IN),
    "directory:organisation_edit": Expect(EDITORS_AND_STAFF, org),
    "directory:organisation_descriptions": Expect(EDITORS_AND_STAFF, org),
    "directory:need_create": Expect(EDITORS_AND_STAFF, org),
    "directory:need_edit": Expect(EDITORS_AND_STAFF, need),
    "directory:need_delete": Expect(EDITORS_AND_STAFF, need),
    "directory:offer_create": Expect(EDITORS_AND_STAFF, org),
    "directory:offer_edit": Expect(EDITORS_AND_STAFF, offer),
    "directory:offer_delete": Expect(EDITORS_AND_STAFF, offer),
    "directory:contact_create": Expect(EDITORS_AND_STAFF, org),
    "directory:contact_edit": Expect(EDITORS_AND_STAFF, contact),
    "directory:contact_delete": Expect(EDITORS_AND_STAFF, contact),
    "directory:dashboard": Expect(COUNCIL_AND_STAFF),
    "directory:review_list": Expect(STAFF_ONLY),
    "directory:review_decide": Expect(STAFF_ONLY, lambda world: {"slug": world.proposal.slug}),
    "directory:organisation_status": Expect(STAFF_ONLY, org),
    "directory:organisation_history": Expect(STAFF_ONLY, org),
    "directory:privacy_search": Expect(STAFF_ONLY),
    "directory:privacy_contact": Expect(STAFF_ONLY, lambda world: {"pk": world.contact.pk}),
    "directory:privacy_proposer": Expect(STAFF_ONLY, lambda world: {"slug": world.proposal.slug}),
    "directory:import_start": Expect(STAFF_ONLY),
    "directory:import_example": Expect(STAFF_ONLY, lambda world: {"fmt": "csv"}),
    "directory:import_mapping": Expect(STAFF_ONLY, job),
    "directory:import_report": Expect(STAFF_ONLY, job),
    "directory:import_progress": Expect(STAFF_ONLY, job),
    "directory:import_confirm": Expect(STAFF_ONLY, job),
    "directory:import_decide": Expect(STAFF_ONLY, job),
    "directory:import_add_districts": Expect(STAFF_ONLY, job),
    "directory:import_report_file": Expect(STAFF_ONLY, job),
}
