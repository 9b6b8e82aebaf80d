"""Who is asking: the client's address, the one definition for login locks and throttles."""

import ipaddress

from django.conf import settings


def client_address(request):
    """The address of the client that sent ``request``.

    Without a proxy it is the connecting address. Behind the one reverse proxy the README
    recommends (``VERNETZT_BEHIND_PROXY``), every request connects from the proxy, so the
    client is the *rightmost* ``X-Forwarded-For`` entry: the address our proxy saw and
    appended. Entries left of it come from the client and may be forged, so they are never
    used (exactly one trusted hop).
    """
    connecting = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return connecting
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    rightmost = forwarded.rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(rightmost))
    except ValueError:
        return connecting
