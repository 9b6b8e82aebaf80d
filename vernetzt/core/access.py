"""Access rules: every named URL has exactly one rule, declared in its app's ``permissions.py``.

Each app exposes ``RULES = {"namespace:name": Rule, ...}``. The middleware looks the resolved
view up before the view runs and denies by default, so a view can never be reachable by
accident; the permission-matrix test fails for any URL without a rule or without an expected
outcome per role.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from vernetzt.core.roles import is_council_or_staff, is_staff

logger = logging.getLogger(__name__)

# Namespaces that bring their own, tested, access control.
SELF_GUARDED_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Rule:
    """``check(user, kwargs)`` decides; ``kwargs`` are the URL's keyword arguments."""

    description: str
    check: Callable


PUBLIC = Rule("everyone, including the public", lambda user, kwargs: True)
AUTHENTICATED = Rule("any logged-in user", lambda user, kwargs: user.is_authenticated)
COUNCIL_OR_STAFF = Rule(
    "council members and integration office staff", lambda user, kwargs: is_council_or_staff(user)
)
STAFF = Rule("integration office staff", lambda user, kwargs: is_staff(user))
ANONYMOUS_ONLY = Rule("everyone (login pages)", lambda user, kwargs: True)


def all_rules():
    """Every rule of every installed app, keyed by ``namespace:name``."""
    rules = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.permissions")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.permissions":
                raise
            continue
        duplicated = rules.keys() & module.RULES.keys()
        if duplicated:
            raise ValueError(f"Access rules declared twice: {sorted(duplicated)}")
        rules.update(module.RULES)
    return rules


_rules_cache = None


def rules():
    global _rules_cache
    if _rules_cache is None:
        _rules_cache = all_rules()
    return _rules_cache


def rule_for(view_name):
    return rules().get(view_name)


def is_allowed(user, view_name, kwargs=None):
    rule = rule_for(view_name)
    return bool(rule and rule.check(user, kwargs or {}))


class AccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace in SELF_GUARDED_NAMESPACES:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        rule = rule_for(match.view_name)
        if rule is None:
            logger.error("No access rule for %s; denied.", match.view_name)
            raise PermissionDenied
        if rule.check(request.user, view_kwargs):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
