"""Every form rendered through the platform's renderer lists its problems at the top, each
linking to its field (WCAG 3.3.1); the browser side is in tests/browser/test_error_summary.py."""

from django import forms
from django.utils import translation


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", max_length=10)
    email = forms.EmailField(label="E-Mail")
    fields = forms.MultipleChoiceField(
        label="Handlungsfelder", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Das passt so nicht zusammen.")


def test_the_summary_links_every_invalid_field_and_lists_form_errors():
    form = ExampleForm(data={"name": "x" * 11, "email": "kein-at"})
    with translation.override("de"):
        html = str(form)
    summary = html.split("</div>", 1)[0]
    assert "data-error-summary" in summary and 'tabindex="-1"' in summary
    assert '<a href="#id_name" data-error-link>' in summary
    assert '<a href="#id_email" data-error-link>' in summary
    assert '<a href="#id_fields_0" data-error-link>' in summary  # the first box of the group
    assert "Das passt so nicht zusammen." in summary
    assert "Token:" in summary  # a hidden field's error has nothing to link to, but is listed
    assert 'id="id_fields_0"' in html  # the link's target exists


def test_a_valid_or_unbound_form_has_no_summary():
    assert "data-error-summary" not in str(ExampleForm())
