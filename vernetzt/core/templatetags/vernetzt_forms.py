from django import template

register = template.Library()


@register.simple_tag
def accessible_widget(field, css_class=""):
    """The widget with its help text and errors announced by screen readers, in KERN UX's
    class ``css_class`` (and its ``--error`` variant when the field is invalid, so text and
    e-mail inputs show their error as selects do)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = True
    classes = css_class.split()
    if classes and field.errors:
        classes.append(f"{classes[0]}--error")
    own_class = field.field.widget.attrs.get("class")
    if own_class:
        classes.append(own_class)
    if classes:
        attrs["class"] = " ".join(classes)
    return field.as_widget(attrs=attrs)


def error_target_id(field):
    """The id of the control an error summary links to: the first box of a group of choices."""
    if field.widget_type in {"checkboxselectmultiple", "radioselect"}:
        return f"{field.auto_id}_0"
    return field.auto_id


@register.simple_tag
def error_summary_items(form):
    """(target id or "", message) for every error of ``form``, in the order of its fields:
    errors of the whole form (and of hidden fields) first, without a link."""
    items = [("", error) for error in form.non_field_errors()]
    for field in form.hidden_fields():
        items += [("", f"{field.label}: {error}") for error in field.errors]
    for field in form.visible_fields():
        items += [(error_target_id(field), f"{field.label}: {error}") for error in field.errors]
    return items
