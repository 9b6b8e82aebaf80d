"""Forms of the web import: they validate what the user sends; ``jobs`` does the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.importing.columns import check_mapping, target_choices
from vernetzt.directory.importing.reading import ImportFileError, file_format, max_bytes
from vernetzt.directory.models import OrganisationType, Visibility


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("At most 10 MB and 20,000 rows; the first row holds the column headers."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/"
                "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    default_type = forms.ModelChoiceField(
        label=_("Default type"),
        queryset=OrganisationType.objects.filter(is_active=True),
        required=False,
        empty_label=_("none: every row names its type"),
        help_text=_("Used for rows whose type is empty or unknown."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility of the imported organisations"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            file_format(upload.name)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(megabytes)s MB. Please split it.")
                % {"megabytes": max_bytes() // (1024 * 1024)}
            )
        return upload


class MappingForm(forms.Form):
    """One select per column of the file: the field it goes into, or "do not import"."""

    def __init__(self, *args, headers, samples, mapping, has_default_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        self.has_default_type = has_default_type
        for position, header in enumerate(headers):
            examples = samples.get(header) or []
            self.fields[f"column_{position}"] = forms.ChoiceField(
                label=header,
                choices=target_choices(),
                required=False,
                initial=mapping.get(header, ""),
                help_text=(
                    _("Examples: %(examples)s") % {"examples": " · ".join(examples)}
                    if examples
                    else _("This column is empty.")
                ),
            )

    def clean(self):
        cleaned = super().clean()
        for problem in check_mapping(self.mapping(), has_default_type=self.has_default_type):
            self.add_error(None, problem)
        return cleaned

    def mapping(self):
        return {
            header: self.cleaned_data.get(f"column_{position}", "")
            for position, header in enumerate(self.headers)
        }
