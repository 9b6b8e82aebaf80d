"""Who may open which network URL; each URL needs its rule here and its row in
tests/network/access_matrix.py."""

from vernetzt.core.access import AUTHENTICATED, COUNCIL_OR_STAFF, PUBLIC, STAFF, Rule
from vernetzt.directory.permissions import ORGANISATION_EDITOR
from vernetzt.network import rules as cooperation_rules


def _cooperation(kwargs):
    from vernetzt.network.models import Cooperation

    return Cooperation.objects.filter(pk=kwargs.get("pk")).first()


def _sees_cooperation(user, kwargs):
    cooperation = _cooperation(kwargs)
    return cooperation is not None and cooperation_rules.may_see(user, cooperation)


def _edits_cooperation(user, kwargs):
    cooperation = _cooperation(kwargs)
    return cooperation is not None and cooperation_rules.may_edit(user, cooperation)


def _decides_cooperation(user, kwargs):
    from vernetzt.directory.models import Organisation

    cooperation = _cooperation(kwargs)
    organisation = Organisation.objects.filter(slug=kwargs.get("slug")).first()
    return (
        cooperation is not None
        and organisation is not None
        and cooperation_rules.may_decide(user, cooperation, organisation)
    )


COOPERATION_VIEWER = Rule(
    "whoever may see the cooperation (the public: public ones; partners' editors, council, staff)",
    _sees_cooperation,
)
COOPERATION_EDITOR = Rule("editors of a partner organisation and staff", _edits_cooperation)
COOPERATION_DECIDER = Rule(
    "editors of the partner organisation whose decision is pending (staff on its behalf)",
    _decides_cooperation,
)

RULES = {
    # Cooperations (network.rules decides; the views only parse and render).
    "network:cooperation_propose": ORGANISATION_EDITOR,
    "network:cooperation_detail": COOPERATION_VIEWER,
    "network:cooperation_decide": COOPERATION_DECIDER,
    "network:cooperation_activate": COOPERATION_EDITOR,
    "network:cooperation_end": COOPERATION_EDITOR,
    "network:cooperation_edit": COOPERATION_EDITOR,
    "network:cooperation_record": STAFF,
    "network:cooperation_import": STAFF,
    "network:cooperation_office": STAFF,
    "network:cooperation_decisions": AUTHENTICATED,
    "api:network_cooperations": PUBLIC,
    # The network map (what each visitor sees is decided by network.selectors.map).
    "network:map": PUBLIC,
    "network:map_data": PUBLIC,
    "network:map_table": PUBLIC,
    # Needs ↔ offers matching (network.selectors.matching decides what each sees).
    "network:organisation_matches": ORGANISATION_EDITOR,
    "network:match_contact": ORGANISATION_EDITOR,
    "network:match_office": STAFF,
    "network:needs_offers_import": STAFF,
    "api:network_matches": PUBLIC,
    # The office's network analysis (network.selectors.analysis) and partner recommendations
    # (network.recommendations: shown to the organisation's editors and staff).
    "network:analysis_overview": COUNCIL_OR_STAFF,
    "network:analysis_coverage": COUNCIL_OR_STAFF,
    "network:analysis_msos": COUNCIL_OR_STAFF,
    "network:recommendation_list": ORGANISATION_EDITOR,
    "network:recommendation_dismiss": ORGANISATION_EDITOR,
}
