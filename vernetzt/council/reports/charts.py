"""Bar charts drawn on the server as SVG: no JavaScript, the same markup in a page and in the
PDF (WeasyPrint draws inline SVG). ``bar_chart`` computes the geometry; the template
``council/reports/_bar_chart.svg`` writes it. Every chart has a title and a description for
screen readers, and the report prints the numbers as a table beside it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats

WIDTH = 660
LABEL_WIDTH = 230
VALUE_WIDTH = 110
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 12
TOP = 34  # room for the legend
LABEL_CHARS = 34

# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by more than hue:
# the legend and the numbers name each series.
PALETTE = ["#1a5490", "#b35900", "#2e7d32", "#6a1b9a", "#616161"]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    value: str
    text_x: float
    text_y: float
    series: str


@dataclass(frozen=True)
class Row:
    label: str
    full_label: str
    label_y: float
    bars: list


@dataclass(frozen=True)
class LegendEntry:
    name: str
    fill: str
    x: float


@dataclass
class Chart:
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    axis_x: float
    rows: list = field(default_factory=list)
    legend: list = field(default_factory=list)


def money(value):
    return f"{formats.number_format(value, 2, use_l10n=True, force_grouping=True)} €"


def count(value):
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def _short(label):
    label = " ".join(str(label).split())
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


WARNING = "#b00020"


def bar_chart(
    *, chart_id, title, description, categories, series, formatter=count, warn=(), warn_label=""
):
    """``categories``: the row labels; ``series``: (name, values) with one value per category.
    Bars are scaled to the largest value; negative values are drawn as zero. The last series'
    bar of the categories at the positions in ``warn`` is drawn in the warning colour, with
    ``warn_label`` after its value (over the plan)."""
    values = [Decimal(value) for _name, numbers in series for value in numbers]
    largest = max([value for value in values if value > 0] or [Decimal(1)])
    area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    row_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    chart = Chart(
        chart_id=chart_id,
        title=str(title),
        description=str(description),
        width=WIDTH,
        height=TOP + len(categories) * (row_height + ROW_GAP) + 4,
        label_width=LABEL_WIDTH - 8,
        axis_x=LABEL_WIDTH,
    )
    x = LABEL_WIDTH
    for index, (name, _numbers) in enumerate(series):
        chart.legend.append(LegendEntry(name=str(name), fill=PALETTE[index % len(PALETTE)], x=x))
        x += 14 + 8 * len(str(name)) + 18
    y = TOP
    for position, category in enumerate(categories):
        bars = []
        for index, (name, numbers) in enumerate(series):
            value = Decimal(numbers[position])
            width = float(max(value, 0) / largest) * area
            bar_y = y + index * (BAR_HEIGHT + BAR_GAP)
            warned = position in warn and index == len(series) - 1
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=bar_y,
                    width=round(max(width, 0.5 if value > 0 else 0), 1),
                    height=BAR_HEIGHT,
                    fill=WARNING if warned else PALETTE[index % len(PALETTE)],
                    value=formatter(value) + (f" ({warn_label})" if warned else ""),
                    text_x=round(LABEL_WIDTH + width + 4, 1),
                    text_y=bar_y + BAR_HEIGHT - 3,
                    series=str(name),
                )
            )
        chart.rows.append(
            Row(
                label=_short(category),
                full_label=str(category),
                label_y=y + row_height / 2 + 4,
                bars=bars,
            )
        )
        y += row_height + ROW_GAP
    return chart
