"""Text that organisations and the office write is German (the platform's content language);
on a page in another language it is marked so that screen readers pronounce it as German
(WCAG 3.1.2) and isolated so that it keeps its own direction in right-to-left pages."""

from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()


@register.filter
def german(text):
    """``{{ organisation.name|german }}`` → ``<bdi lang="de">…</bdi>`` (escaped), also inside
    ``{% blocktranslate with name=organisation.name|german %}``."""
    if text in (None, ""):
        return ""
    return format_html('<bdi lang="{}">{}</bdi>', settings.LANGUAGE_CODE, text)
