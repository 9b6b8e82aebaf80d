"""The platform's public JSON API: one django-ninja instance, one router per app.

Each app that offers open data has an ``api.py`` with a ``router``; it is mounted here at
``/api/v1/`` and its operations appear in the one OpenAPI document generated from the code
(``/api/v1/openapi.json``). URL names live in the ``api`` namespace and, like every other URL,
need a rule in their app's ``permissions.py`` (``core.access``).

Every answer is JSON, readable from any origin (open data), and errors have one shape:
``{"error": "<translated message>"}``.
"""

import functools
from importlib import import_module

from django.apps import apps
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

URL_NAMESPACE = "api"


class ApiError(Exception):
    """A request the API cannot answer; ``message`` is shown to the caller."""

    def __init__(self, message, *, status):
        super().__init__(message)
        self.message = str(message)
        self.status = status


class _Renderer(JSONRenderer):
    # Readable non-ASCII names (Arabic, Ukrainian) instead of \\u escapes.
    json_dumps_params = {"ensure_ascii": False}


def _open_to_every_origin(view):
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


class PlatformAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        # Open data: any website may read it from the browser.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_content_type(self):
        return self.renderer.media_type  # JSON is UTF-8 by definition (RFC 8259)


def _parameter_name(error):
    location = error.get("loc") or ()
    return str(location[-1]) if location else "?"


def validation_message(errors):
    """One translated sentence per invalid parameter."""
    messages = []
    for error in errors:
        name = _parameter_name(error)
        context = error.get("ctx") or {}
        if error.get("type") == "less_than_equal":
            messages.append(
                _("“%(name)s” must be at most %(max)s.") % {"name": name, "max": context["le"]}
            )
        elif error.get("type") in {"greater_than_equal", "int_parsing", "int_type"}:
            messages.append(
                _("“%(name)s” must be a whole number of at least 1.") % {"name": name}
            )
        else:
            messages.append(_("“%(name)s” has an invalid value.") % {"name": name})
    return " ".join(dict.fromkeys(messages))


def build_api():
    api = PlatformAPI(
        title="vernetzt open data API",
        version="1.0.0",
        description=(
            "Read-only open data about the verified public organisations of the integration "
            "network. No authentication; CORS is open. Contact persons are personal data and "
            "are not part of the API."
        ),
        urls_namespace=URL_NAMESPACE,
        renderer=_Renderer(),
        docs_url=None,  # the human documentation is the directory's own page (no CDN, no inline JS)
        docs_decorator=_open_to_every_origin,
    )

    @api.exception_handler(ApiError)
    def api_error(request, error):
        return api.create_response(request, {"error": error.message}, status=error.status)

    @api.exception_handler(ValidationError)
    def invalid_parameter(request, error):
        return api.create_response(
            request, {"error": validation_message(error.errors)}, status=400
        )

    @api.exception_handler(Http404)
    def not_found(request, error):
        return api.create_response(request, {"error": _("Not found.")}, status=404)

    for config in apps.get_app_configs():
        if not config.name.startswith("vernetzt.") or config.name == "vernetzt.core":
            continue
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.api":
                raise
            continue
        api.add_router("", module.router)
    return api


@functools.cache
def platform_api():
    """The one instance, built when the URLs are first loaded (after every app's router)."""
    return build_api()
