from django import forms
from django.db import models
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class AccessibleFormRenderer(TemplatesSetting):
    """Every form renders labels, help texts and errors tied to their fields (WCAG 1.3.1, 3.3.1)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class PrivacyRequestForm(forms.Form):
    """A person asks what is stored about them, or asks for erasure or correction."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("What do you store about me? (access)")
        ERASURE = "erasure", _("Please delete my data (erasure)")
        CORRECTION = "correction", _("Please correct my data")
        WITHDRAWAL = "withdrawal", _("I withdraw my consent")

    kind = forms.ChoiceField(
        label=_("Your request"), choices=Kind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The integration office answers you there."),
    )
    message = forms.CharField(
        label=_("Anything else we should know (optional)"),
        help_text=_("For example the organisation that lists you."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "dir": "auto"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "dir": "ltr"})
        self.fields["message"].widget.attrs["dir"] = "auto"
