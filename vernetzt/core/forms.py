from django.forms.renderers import TemplatesSetting


class AccessibleFormRenderer(TemplatesSetting):
    """Every form renders labels, help texts and errors tied to their fields (WCAG 1.3.1, 3.3.1)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
