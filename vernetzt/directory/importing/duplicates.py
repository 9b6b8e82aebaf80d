"""Spotting organisations that are probably in the directory already."""

import difflib
from collections import defaultdict

from vernetzt.directory.importing.normalise import organisation_name_key
from vernetzt.directory.models import Organisation

SIMILARITY = 0.85


def similar(first, second):
    matcher = difflib.SequenceMatcher(None, first, second)
    return (
        matcher.real_quick_ratio() >= SIMILARITY
        and matcher.quick_ratio() >= SIMILARITY
        and matcher.ratio() >= SIMILARITY
    )


class ExistingOrganisations:
    """Names of the directory's organisations, by name key and by district (two queries)."""

    def __init__(self):
        self.by_key = {}
        by_pk = {}
        for pk, name, slug in Organisation.objects.exclude(
            status=Organisation.Status.REJECTED
        ).values_list("pk", "name", "slug"):
            name_key = organisation_name_key(name)
            self.by_key.setdefault(name_key, {"pk": pk, "name": name, "slug": slug})
            by_pk[pk] = (name_key, {"pk": pk, "name": name, "slug": slug})
        self.by_district = defaultdict(list)
        through = Organisation.districts.through.objects.filter(organisation_id__in=by_pk)
        for organisation_id, district_id in through.values_list("organisation_id", "district_id"):
            self.by_district[district_id].append(by_pk[organisation_id])

    def same_name(self, name):
        return self.by_key.get(organisation_name_key(name))

    def similar_in_districts(self, name, district_ids):
        name_key = organisation_name_key(name)
        for district_id in district_ids:
            for other_key, other in self.by_district.get(district_id, ()):
                if similar(name_key, other_key):
                    return other
        return None
