"""Who may open which council URL. The app has no pages yet (data model and OParl import
only); each page it gets needs its rule here and its row in tests/council/access_matrix.py."""

RULES = {}
