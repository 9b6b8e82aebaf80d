from vernetzt.core.access import PUBLIC

RULES = {
    "core:home": PUBLIC,
    "core:health": PUBLIC,
    "core:privacy": PUBLIC,
    "core:accessibility": PUBLIC,
    "core:imprint": PUBLIC,
    "core:privacy_request": PUBLIC,
    "set_language": PUBLIC,
    "javascript-catalog": PUBLIC,
    # The platform's open data API (core/api.py): its document and its root (a 404 in JSON).
    "api:openapi-json": PUBLIC,
    "api:api-root": PUBLIC,
}
