"""Forms of the network app, by concern (``cooperations``; others beside it)."""
