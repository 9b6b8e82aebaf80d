"""What an OParl import did: counts per object type and the warnings, each counted once.

A crawl can repeat the same quirk thousands of times (5,106 agenda items without ``order``),
so a warning is kept once per kind with the number of occurrences and a few example ids.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# The OParl object types the import stores, in the order it writes them.
IMPORTED_TYPES = [
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Paper",
    "Consultation",
    "File",
]
OUTCOMES = ["created", "updated", "unchanged", "skipped"]
EXAMPLES_KEPT = 3


@dataclass
class Warning:
    message: str
    count: int = 0
    examples: list = field(default_factory=list)


@dataclass
class Report:
    counts: dict = field(
        default_factory=lambda: {name: dict.fromkeys(OUTCOMES, 0) for name in IMPORTED_TYPES}
    )
    warnings: dict = field(default_factory=dict)
    versions: set = field(default_factory=set)
    municipalities: list = field(default_factory=list)

    def count(self, type_name, outcome, number=1):
        self.counts[type_name][outcome] += number

    def warn(self, message, example=""):
        """Note ``message`` (already translated, without the object's id) for ``example``."""
        entry = self.warnings.setdefault(message, Warning(message))
        entry.count += 1
        if example and len(entry.examples) < EXAMPLES_KEPT:
            entry.examples.append(example)

    @property
    def changes(self):
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def as_dict(self):
        return {
            "versions": sorted(self.versions),
            "municipalities": self.municipalities,
            "counts": self.counts,
            "changes": self.changes,
            "warnings": [
                {"message": w.message, "count": w.count, "examples": w.examples}
                for w in self.warnings.values()
            ],
        }


def text_lines(report):
    """The lines of a report (``Report.as_dict()``, as stored in ``ImportRun.report``)."""
    versions = ", ".join(report.get("versions", [])) or "–"
    yield _("OParl versions: %(versions)s") % {"versions": versions}
    header = [_("object type"), _("created"), _("updated"), _("unchanged"), _("skipped")]
    yield "  ".join(f"{cell:>12}" for cell in header)
    for name, counts in report.get("counts", {}).items():
        cells = [name] + [str(counts[outcome]) for outcome in OUTCOMES]
        yield "  ".join(f"{cell:>12}" for cell in cells)
    if report.get("warnings"):
        yield _("Warnings:")
    for warning in report.get("warnings", []):
        examples = ", ".join(warning["examples"])
        yield f"  {warning['count']}× {warning['message']}" + (f" ({examples})" if examples else "")
