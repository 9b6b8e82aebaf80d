"""The facet counts (one grouped query per facet) and the number of results equal what the
result list's own filters give, for every option, reader and combination of choices."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.directory.factories_public import IndexedOrganisationFactory, directory_world, field
from tests.factories import DistrictFactory, NeedFactory, term
from vernetzt.directory import selectors
from vernetzt.directory.models import Category, Organisation, OrganisationType, Visibility

pytestmark = pytest.mark.django_db


def crowded_world(editor):
    world = directory_world(editor=editor)
    rng = random.Random(4)
    districts = [DistrictFactory(slug=f"bezirk-{n}", name=f"Bezirk {n}") for n in range(3)]
    fields = [field(slug) for slug in ("women", "sport", "culture", "education")]
    categories = [term(Category, slug) for slug in ("rooms", "funding", "volunteers")]
    for number in range(30):
        organisation = IndexedOrganisationFactory(
            name=f"Verein {number}",
            description="Ein Verein für Frauen" if number % 3 else "Ein Sportverein",
            type=term(OrganisationType, rng.choice(["mso", "welfare", "sports"])),
            status=rng.choice([Organisation.Status.VERIFIED] * 3 + [Organisation.Status.PROPOSED]),
            visibility=rng.choice([Visibility.PUBLIC] * 3 + [Visibility.INTERNAL]),
            fields=rng.sample(fields, rng.randint(0, 2)),
            districts=rng.sample(districts, rng.randint(0, 2)),
            editors=[editor] if editor and number == 7 else [],
        )
        for category in rng.sample(categories, rng.randint(0, 2)):
            NeedFactory(organisation=organisation, category=category)
    return world


def sql_count(search, spec, key):
    """The oracle: the result list's own SQL filters."""
    return search._filtered(except_param=spec.param).filter(spec.organisation_filter([key])).count()


CHOICES = [
    {},
    {"field": ("women",)},
    {"field": ("women", "sport"), "district": ("bezirk-1",)},
    {"need": ("rooms",), "type": ("welfare",)},
    {"district": ("gibt-es-nicht",)},
]


@pytest.mark.parametrize("query", ["", "Frauen"])
@pytest.mark.parametrize("chosen", CHOICES)
def test_every_count_equals_the_sql_count(query, chosen, editor_user, staff_user):
    crowded_world(editor_user)
    for user in (AnonymousUser(), editor_user, staff_user):
        filters = selectors.DirectoryFilters(query=query, selected=chosen)
        search = selectors.search_organisations(user=user, query=query, filters=filters)
        specs = {spec.param: spec for spec in selectors.FACETS}
        assert search.count == search.matching.count(), user
        for facet in search.facets:
            if facet.param == selectors.STATUS_PARAM:
                continue
            for option in facet.options:
                assert option.count == sql_count(search, specs[facet.param], option.key), (
                    user, facet.param, option.key
                )


def test_the_status_facet_counts_like_sql_for_staff(staff_user):
    crowded_world(None)
    filters = selectors.DirectoryFilters(selected={"field": ("women",), "status": ("proposed",)})
    search = selectors.search_organisations(user=staff_user, query="", filters=filters)
    [status] = [facet for facet in search.facets if facet.param == "status"]
    assert search.count == search.matching.count()
    everything = search._filtered(except_param="status")
    for option in status.options:
        assert option.count == everything.filter(status=option.key).count()
