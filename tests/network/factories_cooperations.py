"""Cooperations for tests: ``cooperation(organisations, …)`` stores one directly (no service,
no audit), every partner confirmed unless the status is ``proposed``."""

from django.utils import timezone

from vernetzt.directory.models import Visibility
from vernetzt.network.models import Cooperation, CooperationPartner


def cooperation(
    organisations,
    *,
    title="Sprachcafé gemeinsam",
    status=Cooperation.Status.ACTIVE,
    visibility=Visibility.PUBLIC,
    kind=Cooperation.Kind.LASTING,
    proposed_by=None,
    **fields,
):
    item = Cooperation.objects.create(
        title=title,
        status=status,
        visibility=visibility,
        kind=kind,
        proposed_by=proposed_by,
        **fields,
    )
    for organisation in organisations:
        confirmed = status != Cooperation.Status.PROPOSED or organisation == proposed_by
        CooperationPartner.objects.create(
            cooperation=item,
            organisation=organisation,
            decision=CooperationPartner.Decision.CONFIRMED
            if confirmed
            else CooperationPartner.Decision.PENDING,
            decided_at=timezone.now() if confirmed else None,
        )
    return item
