from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST


@csrf_exempt
@require_POST
def set_language(request):
    """Django's language switch, without the CSRF check.

    Why: the switch sits in the header of every page, and a CSRF token there would make every
    page personal, so no public page could be served whole from the cache. Its only effect is
    the language cookie, which a forged request could merely set to another language; it still
    redirects only to addresses of this site.
    """
    return i18n.set_language(request)


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
