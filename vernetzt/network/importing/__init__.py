"""Imports of the network app (``cooperations``; others beside it)."""
