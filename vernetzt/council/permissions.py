"""Who may open which council URL; each URL needs its rule here and its row in
tests/council/access_matrix.py."""

from vernetzt.core.access import PUBLIC

RULES = {
    # The OParl export: public data only, whoever asks (council.selectors as the public).
    "oparl:system": PUBLIC,
    "oparl:body_list": PUBLIC,
    "oparl:body": PUBLIC,
    "oparl:list": PUBLIC,
    "oparl:object": PUBLIC,
    "oparl:organization_meetings": PUBLIC,
}
