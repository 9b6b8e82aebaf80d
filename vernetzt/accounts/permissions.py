from vernetzt.core.access import AUTHENTICATED, PUBLIC

RULES = {
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_change": AUTHENTICATED,
    "accounts:password_change_done": AUTHENTICATED,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:profile": AUTHENTICATED,
}
