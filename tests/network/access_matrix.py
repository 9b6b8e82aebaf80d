from tests.access import (
    COUNCIL_AND_STAFF,
    EDITORS_AND_STAFF,
    EVERYONE,
    LOGGED_IN,
    STAFF_ONLY,
    Expect,
)
from vernetzt.core.roles import Role


def world_objects(world):
    """The objects the network's URLs need (each helper adds its own, prefixed)."""
    from tests.factories import OrganisationFactory
    from tests.network.factories_cooperations import cooperation
    from vernetzt.network.models import Cooperation

    partner = OrganisationFactory(name="Freiwillige Feuerwehr Nordviertel", slug="feuerwehr-nord")
    return {
        # Analysis: an organisation recommended to the editor's (dismissed through its URL).
        "network_analysis_recommended": OrganisationFactory(
            name="Jugendfeuerwehr Südstadt", slug="jugendfeuerwehr-sued"
        ),
        # Proposed by another organisation; the editor's organisation has not decided yet.
        "network_cooperation_proposed": cooperation(
            [partner, world.organisation],
            title="Erste-Hilfe-Kurs auf Arabisch",
            status=Cooperation.Status.PROPOSED,
            proposed_by=partner,
        ),
        # Public and agreed: anyone may read it, the partners' editors may change and end it.
        "network_cooperation_agreed": cooperation(
            [world.organisation, partner],
            title="Jugendfeuerwehr trifft Kulturverein",
            status=Cooperation.Status.AGREED,
        ),
        # Matching: an offer of another organisation that fits the world's need.
        "network_match_offer": _match_offer(partner),
    }


def _match_offer(partner):
    from tests.factories import OfferFactory, term
    from vernetzt.directory.models import Category

    return OfferFactory(
        organisation=partner,
        category=term(Category, "rooms"),
        title="Raum für Treffen am Abend frei",
    )


def proposed(world):
    return {"pk": world.network_cooperation_proposed.pk}


def agreed(world):
    return {"pk": world.network_cooperation_agreed.pk}


PARTNERS_COUNCIL_STAFF = frozenset({Role.EDITOR, Role.COUNCIL, Role.STAFF})

EXPECTED = {
    # Cooperations
    "network:cooperation_office": Expect(STAFF_ONLY),
    "network:cooperation_decisions": Expect(LOGGED_IN),
    "network:cooperation_record": Expect(STAFF_ONLY),
    "network:cooperation_import": Expect(STAFF_ONLY),
    "network:cooperation_propose": Expect(
        EDITORS_AND_STAFF, lambda world: {"slug": world.organisation.slug}
    ),
    "network:cooperation_detail": Expect(EVERYONE, agreed),
    "network:cooperation_decide": Expect(
        EDITORS_AND_STAFF,
        lambda world: {**proposed(world), "slug": world.organisation.slug},
    ),
    "network:cooperation_activate": Expect(EDITORS_AND_STAFF, agreed),
    "network:cooperation_end": Expect(EDITORS_AND_STAFF, agreed),
    "network:cooperation_edit": Expect(EDITORS_AND_STAFF, agreed),
    "api:network_cooperations": Expect(EVERYONE),
    # The network map: everyone; what each sees is narrowed by network.selectors.map.
    "network:map": Expect(EVERYONE),
    "network:map_data": Expect(EVERYONE),
    "network:map_table": Expect(EVERYONE),
    # Needs ↔ offers matching
    "network:organisation_matches": Expect(
        EDITORS_AND_STAFF, lambda world: {"slug": world.organisation.slug}
    ),
    "network:match_contact": Expect(
        EDITORS_AND_STAFF,
        lambda world: {
            "slug": world.organisation.slug,
            "need": world.need.pk,
            "offer": world.network_match_offer.pk,
        },
    ),
    "network:match_office": Expect(STAFF_ONLY),
    "network:needs_offers_import": Expect(STAFF_ONLY),
    "api:network_matches": Expect(EVERYONE),
    # The office's network analysis and partner recommendations
    "network:analysis_overview": Expect(COUNCIL_AND_STAFF),
    "network:analysis_coverage": Expect(COUNCIL_AND_STAFF),
    "network:analysis_msos": Expect(COUNCIL_AND_STAFF),
    "network:recommendation_list": Expect(
        EDITORS_AND_STAFF, lambda world: {"slug": world.organisation.slug}
    ),
    "network:recommendation_dismiss": Expect(
        EDITORS_AND_STAFF,
        lambda world: {
            "slug": world.organisation.slug,
            "pk": world.network_analysis_recommended.pk,
        },
    ),
}
