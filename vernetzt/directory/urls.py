from django.urls import path

from vernetzt.directory.views import (
    api,
    descriptions,
    editing,
    imports,
    office,
    privacy,
    proposals,
    public,
)

app_name = "directory"

urlpatterns = [
    path("verzeichnis/", public.organisation_list, name="organisation_list"),
    path("verzeichnis/export.<str:fmt>", public.organisation_export, name="organisation_export"),
    path("verzeichnis/vorschlagen/", proposals.proposal_create, name="proposal_create"),
    path("verzeichnis/vorschlagen/danke/", proposals.proposal_thanks, name="proposal_thanks"),
    path("verzeichnis/meine/", editing.my_organisations, name="my_organisations"),
    path("verzeichnis/<slug:slug>/", public.organisation_detail, name="organisation_detail"),
    path("verzeichnis/<slug:slug>/bearbeiten/", editing.organisation_edit, name="organisation_edit"),
    path(
        "verzeichnis/<slug:slug>/bearbeiten/sprachen/",
        descriptions.organisation_descriptions,
        name="organisation_descriptions",
    ),
    path("verzeichnis/<slug:slug>/bedarfe/neu/", editing.need_create, name="need_create"),
    path("verzeichnis/<slug:slug>/bedarfe/<int:pk>/", editing.need_edit, name="need_edit"),
    path("verzeichnis/<slug:slug>/bedarfe/<int:pk>/loeschen/", editing.need_delete, name="need_delete"),
    path("verzeichnis/<slug:slug>/angebote/neu/", editing.offer_create, name="offer_create"),
    path("verzeichnis/<slug:slug>/angebote/<int:pk>/", editing.offer_edit, name="offer_edit"),
    path("verzeichnis/<slug:slug>/angebote/<int:pk>/loeschen/", editing.offer_delete, name="offer_delete"),
    path("verzeichnis/<slug:slug>/kontakte/neu/", editing.contact_create, name="contact_create"),
    path("verzeichnis/<slug:slug>/kontakte/<int:pk>/", editing.contact_edit, name="contact_edit"),
    path("verzeichnis/<slug:slug>/kontakte/<int:pk>/loeschen/", editing.contact_delete, name="contact_delete"),
    path("verzeichnis/<slug:slug>/status/", office.organisation_status, name="organisation_status"),
    path("verzeichnis/<slug:slug>/verlauf/", office.organisation_history, name="organisation_history"),
    path("buero/", office.dashboard, name="dashboard"),
    path("buero/pruefen/", office.review_list, name="review_list"),
    path("buero/pruefen/<slug:slug>/", office.review_decide, name="review_decide"),
    path("buero/datenschutz/", privacy.privacy_search, name="privacy_search"),
    path("buero/datenschutz/kontakt/<int:pk>/", privacy.privacy_contact, name="privacy_contact"),
    path(
        "buero/datenschutz/vorschlag/<slug:slug>/", privacy.privacy_proposer,
        name="privacy_proposer",
    ),
    path("buero/import/", imports.import_start, name="import_start"),
    path("buero/import/beispiel.<str:fmt>", imports.import_example, name="import_example"),
    path("buero/import/<uuid:job>/zuordnung/", imports.import_mapping, name="import_mapping"),
    path("buero/import/<uuid:job>/", imports.import_report, name="import_report"),
    path("buero/import/<uuid:job>/fortschritt/", imports.import_progress, name="import_progress"),
    path("buero/import/<uuid:job>/ausfuehren/", imports.import_confirm, name="import_confirm"),
    path("buero/import/<uuid:job>/entscheidungen/", imports.import_decide, name="import_decide"),
    path("buero/import/<uuid:job>/stadtteile/", imports.import_add_districts, name="import_add_districts"),
    path("buero/import/<uuid:job>/pruefbericht.xlsx", imports.import_report_file, name="import_report_file"),
    path("api/", api.api_docs, name="api_docs"),
]
