"""The cooperation network: who works with whom, and where that came from."""

from vernetzt.network.models.cooperations import Cooperation, CooperationPartner

__all__ = ["Cooperation", "CooperationPartner"]
