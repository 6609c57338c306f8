"""SQLAlchemy 2 typed models; importing this package registers every table."""

from festival.models.check import FestivalCheck
from festival.models.delegation import Delegation, Hotel, Member, new_token
from festival.models.event import Event, event_delegation, event_partner_city
from festival.models.festival import KEY_LENGTH, Festival, PartnerCity
from festival.models.history import Change, ChangeItem
from festival.models.logistics import (
    Interpreter,
    InterpreterAssignment,
    Transfer,
    Vehicle,
    transfer_delegation,
)
from festival.models.session import Session
from festival.models.user import ROLES, ApiToken, PendingImport, User
from festival.models.venue import Occupation, Venue, VenueHold
from festival.scheduling.spec import EVENT_KINDS, SESSION_STATUSES

__all__ = [
    "EVENT_KINDS",
    "KEY_LENGTH",
    "ROLES",
    "SESSION_STATUSES",
    "ApiToken",
    "Change",
    "ChangeItem",
    "Delegation",
    "Event",
    "Festival",
    "FestivalCheck",
    "Hotel",
    "Interpreter",
    "InterpreterAssignment",
    "Member",
    "Occupation",
    "PartnerCity",
    "PendingImport",
    "Session",
    "Transfer",
    "User",
    "Vehicle",
    "Venue",
    "VenueHold",
    "event_delegation",
    "event_partner_city",
    "new_token",
    "transfer_delegation",
]
