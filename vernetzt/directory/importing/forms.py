"""Forms of the web import: they validate what the user sends; ``jobs`` does the work."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.importing.columns import check_mapping, target_choices
from vernetzt.directory.importing.reading import ImportFileError, file_format, max_bytes
from vernetzt.directory.importing.validation import NEW, SKIP, UPDATE, Decisions
from vernetzt.directory.models import OrganisationType, Visibility


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_(
            "At most 10 MB and 20,000 rows. Title rows above the column headers are fine: "
            "the header row is found."
        ),
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
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
        help_text=_(
            "Internal until you publish them: check the report first. You can still change "
            "this on the report page."
        ),
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


DUPLICATE_LABELS = [
    (SKIP, _("skip (keep the existing entry as it is)")),
    (UPDATE, _("update the existing entry with this row")),
    (NEW, _("import as a new organisation")),
]


class DecisionsForm(forms.Form):
    """The report page's choices for the rows it showed (``shown``); other rows keep theirs."""

    shown = forms.TypedMultipleChoiceField(coerce=int, required=False)
    exclude = forms.TypedMultipleChoiceField(coerce=int, required=False)
    include = forms.TypedMultipleChoiceField(coerce=int, required=False)
    visibility = forms.ChoiceField(choices=Visibility.choices)

    def __init__(self, *args, report, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current or Decisions()
        rows = [(entry["row"], entry["row"]) for entry in report.entries]
        for name in ("shown", "exclude", "include"):
            self.fields[name].choices = rows
        for entry in report.entries:
            if entry.get("duplicate"):
                self.fields[f"duplicate_{entry['row']}"] = forms.ChoiceField(
                    choices=DUPLICATE_LABELS, required=False
                )

    def decisions(self):
        shown = set(self.cleaned_data["shown"])
        duplicates = {
            row: choice for row, choice in self.current.duplicates.items() if row not in shown
        }
        for name, value in self.cleaned_data.items():
            if name.startswith("duplicate_") and value and int(name[10:]) in shown:
                duplicates[int(name[10:])] = value
        return Decisions(
            exclude=(self.current.exclude - shown) | set(self.cleaned_data["exclude"]),
            include=(self.current.include - shown) | set(self.cleaned_data["include"]),
            duplicates=duplicates,
        )
