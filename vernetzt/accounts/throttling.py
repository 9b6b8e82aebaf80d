"""How django-axes keys the login lock (``AXES_LOCKOUT_PARAMETERS`` names this function).

A known username is locked per client address, so failures from one address do not lock the
account for everyone else (behind a proxy the address is the forwarded one, see
``core.client``). Guesses at unknown usernames lock the address itself: trying names costs
the guesser, never a real user.
"""

from axes.helpers import get_client_username
from django.contrib.auth import get_user_model

KNOWN_USER = [["username", "ip_address"]]
UNKNOWN_USER = ["ip_address"]


def lockout_parameters(request_or_attempt, credentials=None):
    if hasattr(request_or_attempt, "META"):
        username = get_client_username(request_or_attempt, credentials)
    else:  # an AccessAttempt being checked
        username = request_or_attempt.username
    users = get_user_model().objects
    if username and users.filter(**{users.model.USERNAME_FIELD: username}).exists():
        return KNOWN_USER
    return UNKNOWN_USER
