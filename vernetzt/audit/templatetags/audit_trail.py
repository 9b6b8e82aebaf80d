"""Readable audit entries in the reader's language (see ``vernetzt.audit.display``)."""

from django import template

from vernetzt.audit import display

register = template.Library()


@register.simple_tag
def field_label(entry, name):
    """The verbose name of field ``name`` of the entry's model, or the name itself."""
    return display.field_label(display.model_of(entry), name)


@register.simple_tag
def model_label(entry):
    model = display.model_of(entry)
    return model._meta.verbose_name if model else ""


@register.simple_tag(takes_context=True)
def readable_changes(context, entry):
    """(label, old, new) for each change of ``entry`` that changes something to the reader."""
    terms = context.render_context.setdefault("audit_term_names", display.TermNames())
    return display.readable_changes(entry, terms)


@register.simple_tag
def actor_text(entry):
    return display.actor_text(entry)


@register.filter
def audit_value(value):
    """A stored value of no known field as text: lists joined, nothing as a dash."""
    return display.value_text(None, "", value, display.TermNames())
