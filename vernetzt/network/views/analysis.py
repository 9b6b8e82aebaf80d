"""The office's network analysis pages (staff and council members): the overview (isolated
organisations, brokers, clusters, bridges, growth), the coverage table and the report on
migrant self-organisations (Kreis Düren's three questions).

Access is decided by the middleware (``network.permissions``); the pages read the cached
result through ``network.selectors.analysis``, which has it recomputed when stale.
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from vernetzt.network.selectors import analysis as selectors


@require_GET
def analysis_overview(request):
    return render(request, "network/analysis/overview.html", selectors.overview_page())


@require_GET
def analysis_coverage(request):
    return render(request, "network/analysis/coverage.html", selectors.coverage_page(request.GET))


@require_GET
def analysis_msos(request):
    return render(request, "network/analysis/msos.html", selectors.dueren_page())
