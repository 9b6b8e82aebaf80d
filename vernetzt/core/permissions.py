from vernetzt.core.access import PUBLIC

RULES = {
    "core:home": PUBLIC,
    "core:health": PUBLIC,
    "core:privacy": PUBLIC,
    "core:accessibility": PUBLIC,
    "core:imprint": PUBLIC,
    "set_language": PUBLIC,
    "javascript-catalog": PUBLIC,
}
