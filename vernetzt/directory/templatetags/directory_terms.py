"""``{% term_list label terms %}``: a definition-list entry naming managed terms.

A tag rather than an included template: a profile page shows up to a dozen such lists, and
each ``{% include %}`` costs a context and a sub-template render, which made them a large
share of the page's time (docs/benchmarks.md).
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def term_list(label, terms):
    """``<dt>label</dt><dd><ul><li>term</li>…</ul></dd>``, or nothing when there are no terms."""
    if not terms:
        return ""
    items = "".join(f"<li>{escape(term.label)}</li>" for term in terms)
    return mark_safe(f"<dt>{escape(label)}</dt><dd><ul>{items}</ul></dd>")  # both escaped
