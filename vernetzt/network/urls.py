from django.urls import path

from vernetzt.network.views import cooperations

app_name = "network"

urlpatterns = [
    # Cooperations
    path("kooperationen/", cooperations.cooperation_office, name="cooperation_office"),
    path(
        "kooperationen/entscheidungen/",
        cooperations.cooperation_decisions,
        name="cooperation_decisions",
    ),
    path(
        "kooperationen/erfassen/",
        cooperations.cooperation_record,
        name="cooperation_record",
    ),
    path(
        "kooperationen/import/",
        cooperations.cooperation_import,
        name="cooperation_import",
    ),
    path(
        "kooperationen/vorschlagen/<slug:slug>/",
        cooperations.cooperation_propose,
        name="cooperation_propose",
    ),
    path(
        "kooperationen/<int:pk>/",
        cooperations.cooperation_detail,
        name="cooperation_detail",
    ),
    path(
        "kooperationen/<int:pk>/entscheiden/<slug:slug>/",
        cooperations.cooperation_decide,
        name="cooperation_decide",
    ),
    path(
        "kooperationen/<int:pk>/aktivieren/",
        cooperations.cooperation_activate,
        name="cooperation_activate",
    ),
    path(
        "kooperationen/<int:pk>/beenden/",
        cooperations.cooperation_end,
        name="cooperation_end",
    ),
    path(
        "kooperationen/<int:pk>/bearbeiten/",
        cooperations.cooperation_edit,
        name="cooperation_edit",
    ),
]

# The network map (network/views/map.py)
from vernetzt.network.views import map as network_map  # noqa: E402

urlpatterns += [
    path("karte/", network_map.network_map, name="map"),
    path("karte/daten.json", network_map.network_map_data, name="map_data"),
    path("karte/tabelle/", network_map.network_map_table, name="map_table"),
]

# Needs ↔ offers matching (network/views/matching.py)
from vernetzt.network.views import matching  # noqa: E402

urlpatterns += [
    path("passungen/", matching.match_office, name="match_office"),
    path(
        "passungen/import/",
        matching.needs_offers_import,
        name="needs_offers_import",
    ),
    path(
        "passungen/<slug:slug>/",
        matching.organisation_matches,
        name="organisation_matches",
    ),
    path(
        "passungen/<slug:slug>/kontakt/<int:need>/<int:offer>/",
        matching.match_contact,
        name="match_contact",
    ),
]

# The office's network analysis and partner recommendations (network/views/analysis.py,
# network/views/recommendations.py)
from vernetzt.network.views import analysis, recommendations  # noqa: E402

urlpatterns += [
    path("analyse/", analysis.analysis_overview, name="analysis_overview"),
    path("analyse/abdeckung/", analysis.analysis_coverage, name="analysis_coverage"),
    path("analyse/mso-bericht/", analysis.analysis_msos, name="analysis_msos"),
    path(
        "empfehlungen/<slug:slug>/",
        recommendations.recommendation_list,
        name="recommendation_list",
    ),
    path(
        "empfehlungen/<slug:slug>/verwerfen/<int:pk>/",
        recommendations.recommendation_dismiss,
        name="recommendation_dismiss",
    ),
]
