from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import i18n
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vernetzt.core import throttle
from vernetzt.core.client import client_address
from vernetzt.core.forms import PrivacyRequestForm


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
    # The home page's entry points come from the directory (the platform's first app).
    from vernetzt.directory.selectors.overview import home_overview

    return render(request, "core/home.html", {"overview": home_overview()})


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


@require_http_methods(["GET", "POST"])
def privacy_request(request):
    """A data-subject request: mailed to the integration office at once, stored nowhere (the
    request itself would be personal data to keep and erase). Throttled per address."""
    form = PrivacyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.allow("privacy_request", client_address(request)):
            form.add_error(None, throttle.TOO_MANY)
            return render(
                request, "core/privacy_request.html", {"form": form},
                status=throttle.TOO_MANY_STATUS,
            )
        _notify_office_of_privacy_request(form.cleaned_data)
        messages.success(
            request,
            _("Your request has been sent to the integration office. It answers by e-mail, "
              "at the latest within one month."),
        )
        return redirect("core:privacy")
    return render(request, "core/privacy_request.html", {"form": form})


def _notify_office_of_privacy_request(data):
    from vernetzt.accounts.models import User

    office = User.objects.filter(is_staff=True, is_active=True).exclude(email="")
    with translation.override(settings.LANGUAGE_CODE):
        kind = str(dict(PrivacyRequestForm.Kind.choices)[data["kind"]])
        subject = _("Request about personal data: %(kind)s") % {"kind": kind}
        body = "\n".join([
            str(_("A person sent a request about their personal data.")),
            f"{_('Request')}: {kind}",
            f"{_('Name')}: {data['name']}",
            f"{_('E-mail')}: {data['email']}",
            "",
            data["message"],
            "",
            str(_("Find the person and answer or erase at: %(url)s"))
            % {"url": settings.BASE_URL.rstrip("/") + reverse("directory:privacy_search")},
        ])
    EmailMessage(
        subject=str(subject), body=body,
        # Without an office address the platform's own sender mailbox gets it: never lost.
        to=[member.email for member in office] or [settings.DEFAULT_FROM_EMAIL],
        reply_to=[data["email"]],
    ).send()
