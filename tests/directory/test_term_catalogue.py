"""The in-process catalogue of managed lists follows every change of the directory revision."""

import pytest

from tests.factories import DistrictFactory
from vernetzt.directory import cache, terms
from vernetzt.directory.models import District

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_reused_while_the_revision_stays(django_assert_num_queries):
    terms.catalogue()
    with django_assert_num_queries(1):  # only the revision number
        terms.catalogue()


def test_saving_or_deleting_a_term_bumps_the_revision_and_renews_the_catalogue():
    district = DistrictFactory(slug="west", name="West")
    before = cache.revision()
    assert terms.catalogue().get(District, district.pk).name == "West"
    district.name = "Weststadt"
    district.save()
    assert cache.revision() == before + 1
    assert terms.catalogue().get(District, district.pk).name == "Weststadt"
    district.delete()
    assert terms.catalogue().get(District, district.pk) is None


def test_a_term_written_without_a_bump_is_found_by_one_rebuild():
    known = terms.catalogue()
    [added] = District.objects.bulk_create([District(slug="neu", name="Neu")])  # no signal
    assert known.get(District, added.pk) is None
    completed = terms.complete_catalogue([(District, added.pk)])
    assert completed.get(District, added.pk).name == "Neu"


def test_terms_come_in_each_lists_own_order():
    DistrictFactory(slug="b", name="Bravo", sort_order=2)
    DistrictFactory(slug="a", name="Alpha", sort_order=3)
    DistrictFactory(slug="c", name="Charlie", sort_order=1)
    catalogue = terms.catalogue()
    pks = list(District.objects.filter(slug__in=["a", "b", "c"]).values_list("pk", flat=True))
    assert [d.name for d in catalogue.ordered(District, pks)] == ["Charlie", "Bravo", "Alpha"]
    assert catalogue.ordered(District, [10**9]) == []
