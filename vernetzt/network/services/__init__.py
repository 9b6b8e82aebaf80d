"""Writes of the network app, by concern: ``cooperations`` (propose, decide, activate, end,
record on behalf, update); other modules beside it."""
