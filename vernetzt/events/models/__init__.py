"""Events: Open Spaces, conferences and workshop series, with their registrations."""

from vernetzt.events.models.events import Event, Room, TimeSlot
from vernetzt.events.models.registrations import Registration

__all__ = ["Event", "Registration", "Room", "TimeSlot"]
