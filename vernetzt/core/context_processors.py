from django.conf import settings
from django.utils.translation import get_language_bidi

from vernetzt.core.roles import is_council_or_staff, is_staff


def site(request):
    user = getattr(request, "user", None)
    return {
        "platform_name": settings.SITE_NAME,
        "town_name": settings.TOWN_NAME,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "user_is_staff": bool(user and is_staff(user)),
        "user_is_council_or_staff": bool(user and is_council_or_staff(user)),
    }
