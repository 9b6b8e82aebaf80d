"""Who may open which network URL; each URL needs its rule here and its row in
tests/network/access_matrix.py."""

RULES = {}
