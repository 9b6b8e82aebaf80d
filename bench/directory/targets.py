"""Prints, as JSON, what the benchmark requests: run inside the benchmark's Django settings.

``python -m bench.directory.targets`` → {"slugs": [...], "district": ..., "field": ...,
"districts": [...], "fields": [...]}
"""

import json

import django


def main():
    django.setup()
    from django.db.models import Count, Q

    from vernetzt.directory.models import District, FieldOfAction, Organisation

    public = Organisation.objects.publicly_visible()
    field = "women"
    # The district where "women" organisations are most common: a filter that finds something.
    district = (
        District.objects.annotate(
            hits=Count("organisation", filter=Q(
                organisation__in=public.filter(fields__slug=field).values("pk")
            ))
        )
        .order_by("-hits", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    slugs = list(public.order_by("slug").values_list("slug", flat=True))
    print(json.dumps({
        "slugs": slugs, "district": district, "field": field,
        "districts": list(District.objects.filter(is_active=True).values_list("slug", flat=True)),
        "fields": list(FieldOfAction.objects.filter(is_active=True).values_list("slug", flat=True)),
    }))


if __name__ == "__main__":
    main()
