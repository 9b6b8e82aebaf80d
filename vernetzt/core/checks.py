"""Deployment checks of vernetzt's own settings (``manage.py check --deploy``)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}


@register(Tags.security, deploy=True)
def base_url_is_public(app_configs, **kwargs):
    """E-mails are written by a task worker without a request: their links need the address
    people reach the site at."""
    parts = urlsplit(settings.BASE_URL)
    if parts.scheme == "https" and parts.hostname not in LOCAL_HOSTS:
        return []
    return [
        Warning(
            f"VERNETZT_BASE_URL is {settings.BASE_URL!r}: links in e-mails would not reach "
            "the site.",
            hint="Set it to the public https address, e.g. https://vernetzt.example.de.",
            id="vernetzt.W001",
        )
    ]
