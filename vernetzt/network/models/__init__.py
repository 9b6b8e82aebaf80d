"""The cooperation network: who works with whom, and where that came from."""

from vernetzt.network.models.cooperations import Cooperation, CooperationPartner
from vernetzt.network.models.recommendations import PartnerDismissal

__all__ = ["Cooperation", "CooperationPartner", "PartnerDismissal"]
