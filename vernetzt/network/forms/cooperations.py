"""Forms of the cooperation pages. They validate; ``network.services.cooperations`` writes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.forms import DateInput, VersionedForm
from vernetzt.directory.models import Community, District, FieldOfAction, Organisation, Visibility
from vernetzt.network.models import Cooperation
from vernetzt.network.selectors.cooperations import partner_choices
from vernetzt.network.services.cooperations import MAX_PARTNERS

REASON_LENGTH = 2000
MESSAGE_LENGTH = 2000


def _terms(model, label, help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=model.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class PartnerField(forms.TypedMultipleChoiceField):
    """Organisations to cooperate with, chosen from a long list of checkboxes that gets a
    search field (``site.js``: more than 15 choices)."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, widget=forms.CheckboxSelectMultiple, **kwargs)


class CooperationFields(forms.Form):
    """What a cooperation is: shared by proposing, recording and changing."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of cooperation"),
        choices=Cooperation.Kind.choices,
        widget=forms.RadioSelect,
        initial=Cooperation.Kind.PUNCTUAL,
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What do you do together, for whom?"),
    )
    fields = _terms(FieldOfAction, _("Fields of action"))
    districts = _terms(District, _("Districts"))
    communities = _terms(Community, _("Communities reached"))
    start_date = forms.DateField(label=_("Since"), required=False, widget=DateInput())
    end_date = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if there is no end."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.PUBLIC,
        help_text=_(
            "Public: shown on the partners' profiles and the network map once every partner "
            "has confirmed (and only if every partner is listed publicly). Internal: only the "
            "partners' editors and the integration office see it."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end lies before the start."))
        return cleaned

    def cooperation_data(self):
        names = [
            "title",
            "kind",
            "description",
            "fields",
            "districts",
            "communities",
            "start_date",
            "end_date",
            "visibility",
        ]
        return {name: self.cleaned_data[name] for name in names}


class ProposeForm(CooperationFields):
    field_order = ["partners", "title", "kind", "description"]

    partners = PartnerField(
        label=_("Partner organisations"),
        help_text=_(
            "The organisations you want to cooperate with. Their editors are asked to confirm."
        ),
    )
    message = forms.CharField(
        label=_("Message to the partners"),
        required=False,
        max_length=MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the e-mail to the partners' editors."),
    )

    def __init__(self, *args, user, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["partners"].choices = partner_choices(user=user, exclude=organisation)

    def clean_partners(self):
        partners = self.cleaned_data["partners"]
        if len(partners) > MAX_PARTNERS - 1:
            raise ValidationError(
                _("Choose at most %(count)d partners.") % {"count": MAX_PARTNERS - 1}
            )
        return partners

    def partner_organisations(self):
        return list(Organisation.objects.filter(pk__in=self.cleaned_data["partners"]))


class RecordForm(CooperationFields):
    """Staff record a cooperation the organisations agreed elsewhere (a paper list)."""

    field_order = ["organisations", "status", "title", "kind", "description"]

    organisations = PartnerField(
        label=_("Organisations"),
        help_text=_("Every organisation taking part (at least two)."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Cooperation.Status.AGREED, Cooperation.Status.AGREED.label),
            (Cooperation.Status.ACTIVE, Cooperation.Status.ACTIVE.label),
            (Cooperation.Status.ENDED, Cooperation.Status.ENDED.label),
        ],
        widget=forms.RadioSelect,
        initial=Cooperation.Status.ACTIVE,
    )
    reason = forms.CharField(
        label=_("Reason for the end"),
        required=False,
        max_length=REASON_LENGTH,
        help_text=_("Required for an ended cooperation."),
    )
    note = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=300,
        help_text=_(
            "Where the office learnt of it, e.g. “paper list of the steering group, March 2026”."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].choices = partner_choices(user=user)

    def clean(self):
        cleaned = super().clean()
        organisations = cleaned.get("organisations") or []
        if organisations and len(set(organisations)) < 2:
            self.add_error("organisations", _("Choose at least two organisations."))
        if len(organisations) > MAX_PARTNERS:
            self.add_error(
                "organisations",
                _("Choose at most %(count)d organisations.") % {"count": MAX_PARTNERS},
            )
        if (
            cleaned.get("status") == Cooperation.Status.ENDED
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Please give a reason."))
        return cleaned

    def chosen_organisations(self):
        return list(Organisation.objects.filter(pk__in=self.cleaned_data["organisations"]))


class EditForm(VersionedForm, CooperationFields):
    """Change a cooperation; the loaded version travels along (``VersionedForm``)."""

    class _Meta:
        fields = [
            "title",
            "kind",
            "description",
            "fields",
            "districts",
            "communities",
            "start_date",
            "end_date",
            "visibility",
        ]

    def __init__(self, *args, instance, **kwargs):
        self.instance = instance
        self._meta = self._Meta
        initial = {
            "title": instance.title,
            "kind": instance.kind,
            "description": instance.description,
            "fields": list(instance.fields.all()),
            "districts": list(instance.districts.all()),
            "communities": list(instance.communities.all()),
            "start_date": instance.start_date,
            "end_date": instance.end_date,
            "visibility": instance.visibility,
        }
        super().__init__(*args, initial=initial, **kwargs)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("confirm", _("Confirm the cooperation")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when declining; the other partners read it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason."))
        return cleaned


class EndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Ended on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for today."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why does the cooperation end? The partners read it."),
    )


class ImportForm(forms.Form):
    """A list of cooperations to check, and to import when it has no errors."""

    CHECK, IMPORT = "check", "import"

    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_(
            "Columns: Organisation A, Organisation B, Art (punktuell, dauerhaft or Netzwerk), "
            "seit, bis (DD.MM.YYYY), Titel. At most 10 MB and 20,000 rows; title rows above "
            "the column headers are fine."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/"
                "vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility of the imported cooperations"),
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
    )
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (CHECK, _("Only check the list (dry run): nothing is written")),
            (IMPORT, _("Check and import: every row is written if no row has an error")),
        ],
        initial=CHECK,
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        from vernetzt.directory.importing.reading import ImportFileError, file_format, max_bytes

        upload = self.cleaned_data["file"]
        try:
            file_format(upload.name)
        except ImportFileError as error:
            raise ValidationError(str(error)) from error
        if upload.size > max_bytes():
            raise ValidationError(
                _("The file is larger than %(megabytes)s MB. Please split it.")
                % {"megabytes": max_bytes() // (1024 * 1024)}
            )
        return upload
