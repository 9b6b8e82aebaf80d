"""The OpenAPI 3.1 description of the public JSON API (``views/api.py``).

Kept by hand next to the code; the API tests validate real responses against it, and every
object schema lists all its properties as required, so a field added on one side only fails.
"""

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

FACET_PARAMETERS = [
    ("type", "Organisation type key (see /api/v1/taxonomies/ → types)."),
    ("field", "Field of action key (→ fields_of_action)."),
    ("community", "Key of a community served (→ communities)."),
    ("language", "ISO 639 code of a language spoken (→ languages)."),
    ("district", "District key (→ districts)."),
    ("need", "Category key of a current need (→ categories)."),
    ("offer", "Category key of a current offer (→ categories)."),
]


def _string(description=None, **extra):
    schema = {"type": "string", **extra}
    if description:
        schema["description"] = description
    return schema


def _nullable(schema):
    return {**schema, "type": [schema["type"], "null"]}


def _array(item_ref):
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{item_ref}"}}


def _object(properties, description=None):
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable_ref(name):
    return {"oneOf": [_ref(name), {"type": "null"}]}


TERM = _object(
    {"key": _string("Stable key."), "name": _string("Name in the requested language.")},
    "An entry of a managed list.",
)

SUMMARY_PROPERTIES = {
    "slug": _string("Stable key of the organisation, part of its web address."),
    "name": _string(),
    "short_name": _string("Empty when there is none."),
    "type": _ref("Term"),
    "description": _string(),
    "fields_of_action": _array("Term"),
    "communities": _array("Term"),
    "languages": _array("Term"),
    "districts": _array("Term"),
    "postcode": _string(),
    "city": _string(),
    "profile_url": _string("The organisation's page in the directory.", format="uri"),
    "api_url": _string("This organisation in the API.", format="uri"),
    "updated_at": _string(format="date-time"),
}

ITEM = _object(
    {
        "title": _string(),
        "description": _string(),
        "category": _ref("Term"),
        "languages": _array("Term"),
        "districts": _array("Term"),
        "valid_from": _string(format="date"),
        "valid_until": _nullable(_string("Empty: open-ended.", format="date")),
    },
    "A current need or offer.",
)

DETAIL_PROPERTIES = {
    **SUMMARY_PROPERTIES,
    "goals": _string(),
    "founding_year": _nullable({"type": "integer"}),
    "legal_form": _nullable_ref("Term"),
    "member_count": _nullable({"type": "integer", "description": "Approximate."}),
    "street": _string(),
    "coordinates": _nullable_ref("Coordinates"),
    "website": _string(),
    "email": _string("Public e-mail address of the organisation."),
    "phone": _string("Public phone number of the organisation."),
    "accessibility": _ref("Term"),
    "accessibility_notes": _string(),
    "needs": _array("NeedOrOffer"),
    "offers": _array("NeedOrOffer"),
}

TAXONOMY_TERM = _object(
    {
        "key": _string(),
        "name": _string("Name in the requested language."),
        "translations": {
            "type": "object",
            "description": "Names by language code, as maintained by the integration office.",
            "additionalProperties": {"type": "string"},
        },
    }
)
TAXONOMY_LISTS = ["types", "fields_of_action", "communities", "districts", "categories"]

SCHEMAS = {
    "Term": TERM,
    "Coordinates": _object(
        {"latitude": {"type": "number"}, "longitude": {"type": "number"}}, "WGS 84."
    ),
    "NeedOrOffer": ITEM,
    "OrganisationSummary": _object(SUMMARY_PROPERTIES),
    "Organisation": _object(DETAIL_PROPERTIES),
    "OrganisationPage": _object(
        {
            "count": {"type": "integer", "description": "Number of matches on all pages."},
            "next": _nullable(_string(format="uri")),
            "previous": _nullable(_string(format="uri")),
            "results": _array("OrganisationSummary"),
        }
    ),
    "TaxonomyTerm": TAXONOMY_TERM,
    "Taxonomies": _object(
        {
            **{name: _array("TaxonomyTerm") for name in TAXONOMY_LISTS},
            "languages": _array("Term"),
        }
    ),
    "Error": _object({"error": _string("What was wrong, in the requested language.")}),
}


def _query_parameter(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _json_response(description, schema_name):
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


LIST_PARAMETERS = [
    _query_parameter(
        "q", "Search words; German word forms and word beginnings match, all words must match."
    ),
    *(
        {
            **_query_parameter(name, f"{description} Repeat to match any of several."),
            "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form",
            "explode": True,
        }
        for name, description in FACET_PARAMETERS
    ),
    _query_parameter("page", "Page number.", {"type": "integer", "minimum": 1, "default": 1}),
    _query_parameter(
        "page_size",
        "Results per page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    ),
]

PATHS = {
    "/api/v1/organisations/": {
        "get": {
            "operationId": "listOrganisations",
            "summary": "Search the verified public organisations.",
            "parameters": LIST_PARAMETERS,
            "responses": {
                "200": _json_response("A page of organisations.", "OrganisationPage"),
                "400": _json_response("A parameter has an invalid value.", "Error"),
                "404": _json_response("The page does not exist.", "Error"),
            },
        }
    },
    "/api/v1/organisations/{slug}/": {
        "get": {
            "operationId": "getOrganisation",
            "summary": "One organisation with its current needs and offers.",
            "parameters": [
                {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": _json_response("The organisation.", "Organisation"),
                "404": _json_response("No public organisation has this key.", "Error"),
            },
        }
    },
    "/api/v1/taxonomies/": {
        "get": {
            "operationId": "listTaxonomies",
            "summary": "The managed lists the filters use, with keys and names.",
            "responses": {"200": _json_response("All lists.", "Taxonomies")},
        }
    },
    "/api/v1/openapi.json": {
        "get": {
            "operationId": "getOpenApi",
            "summary": "This document.",
            "responses": {"200": {"description": "The OpenAPI document."}},
        }
    },
}


def document(*, server_url):
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "vernetzt open data API",
            "version": "1.0.0",
            "description": (
                "Read-only open data about the verified public organisations of the "
                "integration network. No authentication; CORS is open. Contact persons are "
                "personal data and are not part of the API."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
