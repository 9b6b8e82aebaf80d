from vernetzt.core.roles import ROLE_LABELS, Role


def roles_of(*, user):
    """The roles a user holds, as (role, label) pairs."""
    if not user.is_authenticated:
        return [(Role.ANONYMOUS, ROLE_LABELS[Role.ANONYMOUS])]
    roles = [Role.PARTICIPANT]
    if user.edited_organisations.exists():
        roles.append(Role.EDITOR)
    if user.is_council_member:
        roles.append(Role.COUNCIL)
    if user.is_staff:
        roles.append(Role.STAFF)
    return [(role, ROLE_LABELS[role]) for role in roles]
