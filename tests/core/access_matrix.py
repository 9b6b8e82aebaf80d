from tests.access import EVERYONE, Expect

EXPECTED = {
    "core:home": Expect(EVERYONE),
    "core:health": Expect(EVERYONE),
    "core:privacy": Expect(EVERYONE),
    "core:privacy_request": Expect(EVERYONE),
    "core:accessibility": Expect(EVERYONE),
    "core:imprint": Expect(EVERYONE),
    "set_language": Expect(EVERYONE),
    "javascript-catalog": Expect(EVERYONE),
    "api:openapi-json": Expect(EVERYONE),
    "api:api-root": Expect(EVERYONE),
}
