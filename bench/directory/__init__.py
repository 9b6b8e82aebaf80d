"""Directory benchmark: the public search and profile under concurrent load (``run.py``)."""
