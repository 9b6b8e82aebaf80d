from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    return render(request, "core/home.html")


@require_GET
def health(request):
    """For load balancers and the benchmark's trivial reference view: one cheap query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})


@require_GET
def privacy(request):
    return render(request, "core/privacy.html")


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
def imprint(request):
    return render(request, "core/imprint.html")
