"""Every write of the events app: ``events`` (events, rooms, slots) and ``registration``."""
