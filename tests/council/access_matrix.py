from tests.access import EVERYONE, Expect

EXPECTED = {
    # The OParl export (objects of types without a row answer 404, which is not a denial).
    "oparl:system": Expect(EVERYONE),
    "oparl:body_list": Expect(EVERYONE),
    "oparl:body": Expect(EVERYONE),
    "oparl:list": Expect(EVERYONE, lambda world: {"kind": "meeting"}),
    "oparl:object": Expect(EVERYONE, lambda world: {"kind": "meeting", "pk": 1}),
    "oparl:organization_meetings": Expect(EVERYONE, lambda world: {"pk": 1}),
}
