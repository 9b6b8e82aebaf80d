"""What the analysis pages show: the cached result (``network.analysis.store``) with names put
on its ids in the reader's language, its age and, while a new one is computed, the progress.

Staff and council members read the same office view (every verified organisation); the pages'
access rules say who opens them (``network.permissions``).
"""

from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vernetzt.core.collation import sort_key
from vernetzt.directory.models import Category, Community, District, FieldOfAction, OrganisationType
from vernetzt.network.analysis import store

ISOLATED_SHOWN = 200
GAPS_SHOWN = 100
STEP_NOTES = {
    "graph": gettext_lazy("Reading the network"),
    "betweenness": gettext_lazy("Finding the brokers"),
    "clusters": gettext_lazy("Finding the clusters"),
    "bridges": gettext_lazy("Finding the bridges"),
    "coverage": gettext_lazy("Counting the coverage"),
    "growth": gettext_lazy("Counting growth per quarter"),
    "dueren": gettext_lazy("Answering the questions on migrant self-organisations"),
}
# The growth chart (server-drawn SVG).
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_BOTTOM, CHART_TOP = 720, 260, 44, 28, 12


def _labels(model):
    return {term.pk: term.label for term in model.objects.all()}


class Labels:
    """Names of the managed lists' terms by id, in the active language (five small queries)."""

    def __init__(self):
        self.type = _labels(OrganisationType)
        self.field = _labels(FieldOfAction)
        self.community = _labels(Community)
        self.district = _labels(District)
        self.category = _labels(Category)


def state(analysis):
    """Age and progress of the result, for the note at the top of every analysis page."""
    progress = analysis.progress if analysis.recomputing or analysis.result is None else None
    note = ""
    if progress is not None and progress.note:
        note = STEP_NOTES.get(progress.note, "")
    return {
        "has_result": analysis.result is not None,
        "fresh": analysis.fresh,
        "computed_at": analysis.computed_at,
        "age": timezone.now() - analysis.computed_at if analysis.computed_at else None,
        "recomputing": analysis.recomputing or analysis.result is None,
        "progress": progress,
        "step": note,
        "failure": progress.failure if progress is not None else "",
    }


def _organisation(result, organisation_id, labels):
    name, slug, type_id = result["organisations"].get(organisation_id, ("", "", None))
    return {"id": organisation_id, "name": name, "slug": slug, "type": labels.type.get(type_id, "")}


def _cluster_name(cluster, labels):
    names = [labels.field.get(field_id, "") for field_id, _count in cluster["fields"]]
    return " · ".join(name for name in names if name) or _("no field of action given")


def overview_page():
    analysis = store.current()
    context = {"state": state(analysis)}
    result = analysis.result
    if result is None:
        return context
    labels = Labels()
    isolated = [_organisation(result, pk, labels) for pk in result["isolated"]]
    isolated.sort(key=lambda row: sort_key(row["name"]))
    clusters = []
    number_names = {}
    for cluster in result["clusters"]:
        name = _cluster_name(cluster, labels)
        number_names[cluster["number"]] = name
        clusters.append(
            {
                **cluster,
                "name": name,
                "fields": [(labels.field.get(f, ""), count) for f, count in cluster["fields"]],
                "districts": [
                    (labels.district.get(d, ""), count) for d, count in cluster["districts"]
                ],
                "hubs": [_organisation(result, pk, labels) for pk in cluster["hubs"]],
            }
        )
    size = result["size"]
    method, sample = result["betweenness_method"]
    context.update(
        {
            "size": size,
            "isolated": isolated[:ISOLATED_SHOWN],
            "isolated_count": len(isolated),
            "isolated_percent": 100 * len(isolated) / size["organisations"]
            if size["organisations"]
            else 0,
            "isolated_by_type": sorted(
                (
                    (labels.type.get(t, ""), count)
                    for t, count in result["isolated_by_type"].items()
                ),
                key=lambda row: (-row[1], sort_key(row[0])),
            ),
            "brokers": [
                {
                    **_organisation(result, row["org"], labels),
                    "betweenness": row["betweenness"],
                    "percent": 100 * row["betweenness"],
                    "ties": row["ties"],
                    "clusters": row["clusters"],
                }
                for row in result["brokers"]
            ],
            "betweenness_sampled": method == "sampled",
            "betweenness_sample": sample,
            "clusters": clusters,
            "smaller_clusters": result["clusters"][-1].get("_more", 0) if result["clusters"] else 0,
            "bridges": [
                {
                    **_organisation(result, row["org"], labels),
                    "home": number_names.get(row["home"], _("a small cluster")),
                    "clusters": row["clusters"],
                    "ties": row["ties"],
                }
                for row in result["bridges"]
            ],
            "growth": growth_chart(result["growth"]),
            "timings": result["timings"],
        }
    )
    return context


def growth_chart(rows):
    """Bars, axis ticks and labels of the growth chart, in SVG user units (drawn by the
    template, no script)."""
    if not rows:
        return None
    peak = max(count for _y, _q, count in rows) or 1
    step = _nice_step(peak)
    top = step * -(-peak // step)
    plot_width = CHART_WIDTH - CHART_LEFT - 8
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    slot = plot_width / len(rows)
    bar_width = max(1.0, slot * 0.8)
    bars, years = [], []
    for position, (year, quarter, count) in enumerate(rows):
        height = plot_height * count / top
        x = CHART_LEFT + position * slot + (slot - bar_width) / 2
        bars.append(
            {
                "x": round(x, 1),
                "y": round(CHART_TOP + plot_height - height, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "label": _("Q%(quarter)s %(year)s: %(count)s")
                % {"quarter": quarter, "year": year, "count": count},
                "year": year,
                "quarter": quarter,
                "count": count,
            }
        )
        if quarter == 1 or position == 0:
            years.append({"x": round(CHART_LEFT + position * slot, 1), "year": year})
    ticks = [
        {"value": value, "y": round(CHART_TOP + plot_height - plot_height * value / top, 1)}
        for value in range(0, top + 1, step)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - 8,
        "baseline": CHART_TOP + plot_height,
        "label_y": CHART_HEIGHT - 8,
        "bars": bars,
        "years": years,
        "ticks": ticks,
        "total": sum(count for _y, _q, count in rows),
        "first": rows[0][:2],
        "last": rows[-1][:2],
        "rows": rows,
    }


def _nice_step(peak):
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if peak / step <= 5:
            return step
    return 10 ** len(str(peak))


# --- Coverage ----------------------------------------------------------------------------------


def parse_coverage_filters(params):
    """``district`` (a district's key or empty for the whole town) and ``gaps`` (only rows
    with a gap); anything else is ignored."""
    return {
        "district": str(params.get("district", ""))[:80],
        "gaps": params.get("gaps") == "1",
        "community": str(params.get("community", ""))[:80],
    }


def coverage_page(params):
    filters = parse_coverage_filters(params)
    analysis = store.current()
    context = {"state": state(analysis), "filters": filters}
    result = analysis.result
    if result is None:
        return context
    labels = Labels()
    coverage = result["coverage"]
    districts = {d.slug: d.pk for d in District.objects.filter(pk__in=coverage["districts"])}
    communities = {c.slug: c.pk for c in Community.objects.filter(pk__in=coverage["communities"])}
    district_id = districts.get(filters["district"])
    community_id = communities.get(filters["community"])
    field_ids, community_ids = coverage["fields"], coverage["communities"]
    if district_id is not None:
        d = coverage["districts"].index(district_id)
        matrix = coverage["cube"][:, :, d]
        present = [coverage["community_district"][c, d] > 0 for c in range(len(community_ids))]
    else:
        matrix = coverage["town"]
        present = [bool(matrix[:, c].sum()) for c in range(len(community_ids))]
    columns = [
        c
        for c in range(len(community_ids))
        if present[c] and (community_id is None or community_ids[c] == community_id)
    ]
    rows = []
    for f, field_id in enumerate(field_ids):
        cells = [int(matrix[f, c]) for c in columns]
        if filters["gaps"] and all(cells):
            continue
        rows.append({"field": labels.field.get(field_id, ""), "cells": cells})
    rows.sort(key=lambda row: sort_key(row["field"]))

    gaps = [
        gap
        for gap in coverage["gaps"]
        if (district_id is None or gap[2] == district_id)
        and (community_id is None or gap[1] == community_id)
    ]
    context.update(
        {
            "columns": [labels.community.get(community_ids[c], "") for c in columns],
            "rows": rows,
            "district_label": labels.district.get(district_id, "") if district_id else "",
            "district_options": sorted(
                ((slug, labels.district.get(pk, "")) for slug, pk in districts.items()),
                key=lambda option: sort_key(option[1]),
            ),
            "community_options": sorted(
                ((slug, labels.community.get(pk, "")) for slug, pk in communities.items()),
                key=lambda option: sort_key(option[1]),
            ),
            "gaps": [_gap_sentence(gap, labels) for gap in gaps[:GAPS_SHOWN]],
            "gap_count": len(gaps),
        }
    )
    return context


def _gap_sentence(gap, labels):
    """The gap in words: ``sentence`` as plain text, ``html`` with the names isolated
    (``<bdi>``) and the numbers left to right, for right-to-left pages."""
    field_id, community_id, district_id, served, worked, town = gap
    values = {
        "field": labels.field.get(field_id, ""),
        "community": labels.community.get(community_id, ""),
        "district": labels.district.get(district_id, ""),
        "served": served,
        "worked": worked,
        "town": town,
    }
    templates = [
        _("No actor works on %(field)s for the %(community)s in %(district)s."),
        " "
        + ngettext(
            "%(served)s organisation serves the %(community)s there",
            "%(served)s organisations serve the %(community)s there",
            served,
        ),
        "; "
        + ngettext(
            "%(worked)s works on %(field)s there.",
            "%(worked)s work on %(field)s there.",
            worked,
        ),
    ]
    if town:
        templates.append(
            " "
            + ngettext(
                "Elsewhere in town %(town)s organisation does both.",
                "Elsewhere in town %(town)s organisations do both.",
                town,
            )
        )
    marked = {
        name: format_html('<span dir="ltr">{}</span>', value)
        if isinstance(value, int)
        else format_html("<bdi>{}</bdi>", value)
        for name, value in values.items()
    }
    sentence = "".join(template % values for template in templates)
    html = mark_safe("".join(conditional_escape(template) % marked for template in templates))
    return {"sentence": sentence, "html": html, **values}


# --- Kreis Düren's three questions --------------------------------------------------------------


def dueren_page():
    analysis = store.current()
    context = {"state": state(analysis)}
    result = analysis.result
    if result is None:
        return context
    labels = Labels()
    dueren = result["dueren"]
    context.update(
        {
            "mso_type": labels.type.get(dueren["mso_type"], ""),
            "mso_count": dueren["mso_count"],
            "by_community": [
                {
                    "community": labels.community.get(row["community"], "")
                    if row["community"] is not None
                    else _("no community given"),
                    "msos": row["msos"],
                    "fields": [(labels.field.get(f, ""), count) for f, count in row["fields"]],
                }
                for row in dueren["by_community"]
            ],
            "by_field": [(labels.field.get(f, ""), count) for f, count in dueren["by_field"]],
            "needs": [
                {**row, "category": labels.category.get(row["category"], "")}
                for row in dueren["needs"]
            ],
            "msos_with_needs": dueren["msos_with_needs"],
            "types": [
                {
                    **row,
                    "type": labels.type.get(row["type"], ""),
                    "isolated_percent": 100 * row["isolated_share"],
                    "across_percent": 100 * row["across_share"],
                }
                for row in dueren["types"]
            ],
            "mso_mean_ties": dueren["mso_mean_ties"],
            "others_mean_ties": dueren["others_mean_ties"],
            "mso_isolated_percent": 100 * dueren["mso_isolated_share"],
            "others_isolated_percent": 100 * dueren["others_isolated_share"],
            "partner_types": [
                {
                    "type": labels.type.get(t, ""),
                    "msos": msos,
                    "ties": ties,
                    "percent": 100 * msos / dueren["mso_count"] if dueren["mso_count"] else 0,
                }
                for t, msos, ties in dueren["mso_partner_types"]
            ],
        }
    )
    return context
