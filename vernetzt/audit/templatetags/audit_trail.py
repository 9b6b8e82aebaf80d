"""Readable audit entries: field names as their labels, stored values as text."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def field_label(entry, name):
    """The verbose name of field ``name`` of the entry's model, or the name itself."""
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    try:
        return model._meta.get_field(name).verbose_name if model else name
    except FieldDoesNotExist:
        return name


@register.simple_tag
def model_label(entry):
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    return model._meta.verbose_name if model else ""


@register.filter
def audit_value(value):
    """A stored value as text: lists joined, nothing as a dash, booleans as yes/no."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)
