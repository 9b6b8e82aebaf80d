from tests.access import EVERYONE, LOGGED_IN, Expect

EXPECTED = {
    "accounts:login": Expect(EVERYONE),
    "accounts:logout": Expect(EVERYONE),
    "accounts:password_change": Expect(LOGGED_IN),
    "accounts:password_change_done": Expect(LOGGED_IN),
    "accounts:password_reset": Expect(EVERYONE),
    "accounts:password_reset_done": Expect(EVERYONE),
    "accounts:password_reset_confirm": Expect(
        EVERYONE, lambda world: {"uidb64": "MQ", "token": "set-password"}
    ),
    "accounts:password_reset_complete": Expect(EVERYONE),
    "accounts:profile": Expect(LOGGED_IN),
}
