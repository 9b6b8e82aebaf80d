"""Staff forms for papers, resolutions, measures, milestones, progress and budgets. They
validate; the services in ``council/services/papers.py`` and ``measures.py`` write."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vernetzt.council.models import (
    Body,
    BudgetLine,
    Consultation,
    Measure,
    Meeting,
    Milestone,
    Paper,
    Person,
    ProgressUpdate,
)
from vernetzt.council.models.meetings import validate_pdf
from vernetzt.council.services.measures import clean_evidence, clean_indicators
from vernetzt.directory.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# --- money ------------------------------------------------------------------------------------

GERMAN_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
GERMAN_PLAIN = re.compile(r"^\d+(,\d{1,2})?$")
POINT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")
SPACE_GROUPED = re.compile(r"^\d{1,3}( \d{3})+(,\d{1,2})?$")


def parse_amount(text):
    """Euros as typed in Germany ("1.234,56", "1234,5", "5 000") or with a decimal point
    ("1234.56"), into a ``Decimal`` with two places; ``None`` when it is no amount.
    "1.234" is one thousand two hundred and thirty-four, as a German reads it."""
    text = " ".join(str(text).replace("\u00a0", " ").replace("\u202f", " ").split())
    text = text.removesuffix("€").removesuffix("EUR").strip()
    if GERMAN_GROUPED.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif SPACE_GROUPED.match(text):
        text = text.replace(" ", "").replace(",", ".")
    elif GERMAN_PLAIN.match(text):
        text = text.replace(",", ".")
    elif not POINT_DECIMAL.match(text):
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


class AmountField(forms.CharField):
    """An amount in euros typed the German way; cleaned to ``Decimal``, never a float."""

    MAX_CHARACTERS = 30

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("In euros, e.g. 1.234,56"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(
            {
                "inputmode": "decimal",
                "autocomplete": "off",
                "dir": "ltr",
                "maxlength": str(self.MAX_CHARACTERS),
            }
        )
        return attrs

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            whole, _sep, cents = f"{value:.2f}".partition(".")
            return f"{int(whole):,}".replace(",", ".") + "," + cents
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        amount = parse_amount(value) if len(value) <= self.MAX_CHARACTERS else None
        if amount is None:
            raise ValidationError(_("Enter an amount in euros, e.g. 1.234,56."), code="invalid")
        if amount < Decimal("0.01"):
            raise ValidationError(_("The amount must be at least 0,01 euros."), code="min")
        if amount >= Decimal("10000000000"):
            raise ValidationError(_("The amount is too large."), code="max")
        return amount


# --- papers ---------------------------------------------------------------------------------------


class PaperForm(forms.ModelForm):
    class Meta:
        model = Paper
        fields = ["reference", "name", "kind", "paper_type", "date", "text", "is_public"]
        widgets = {"date": DateInput(), "name": forms.Textarea(attrs={"rows": 2})}


class SubmitterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body or group"), queryset=Body.objects.order_by("name"), required=False
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.order_by("family_name", "name"), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name").only("pk", "name"),
        required=False,
    )
    name = forms.CharField(
        label=_("Other group"),
        max_length=200,
        required=False,
        help_text=_("When none of the lists holds the submitter, e.g. “Fraktion Die Grünen”."),
    )

    def clean(self):
        data = super().clean()
        chosen = [data.get("body"), data.get("person"), data.get("organisation"), data.get("name")]
        if sum(bool(value) for value in chosen) != 1:
            raise ValidationError(
                _("Choose exactly one submitter: a body, a person, an organisation or a group.")
            )
        return data


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    upload = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF of at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        initial=True,
        help_text=_("Shown with the paper to everyone who may see the paper."),
    )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        validate_pdf(upload)
        return upload


class ResolutionForm(forms.Form):
    """Records a body's decision on a paper: the result of a consultation it already has, or
    of a new one."""

    consultation = forms.ModelChoiceField(
        label=_("Consultation"),
        queryset=Consultation.objects.none(),
        required=False,
        empty_label=_("a new consultation"),
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.order_by("name"), required=False
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
    )
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[choice for choice in Consultation.Result.choices if choice[0]],
    )
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DateInput())
    resolution_text = forms.CharField(
        label=_("Resolution"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was decided, in the words of the minutes."),
    )

    def __init__(self, *args, paper, **kwargs):
        super().__init__(*args, **kwargs)
        self.paper = paper
        self.fields["consultation"].queryset = paper.consultations.select_related(
            "body", "meeting"
        ).order_by("pk")
        self.fields["consultation"].label_from_instance = lambda row: (
            f"{row.body or row.meeting or '–'}"
            + (f" ({row.meeting.start:%d.%m.%Y})" if row.meeting_id and row.meeting else "")
        )
        # The meetings of the last years, newest first (a long list gets a search field).
        self.fields["meeting"].queryset = Meeting.objects.select_related("body").order_by("-start")
        self.fields["meeting"].label_from_instance = lambda meeting: (
            f"{meeting.start:%d.%m.%Y} – {meeting.name}"[:200]
        )

    def clean(self):
        data = super().clean()
        if not data.get("consultation") and not (data.get("body") or data.get("meeting")):
            raise ValidationError(_("Say which body decided, or choose a consultation."))
        return data

    def service_fields(self):
        data = self.cleaned_data
        fields = {
            "result": data["result"],
            "decided_on": data.get("decided_on"),
            "resolution_text": data.get("resolution_text", ""),
        }
        if data.get("body"):
            fields["body"] = data["body"]
        if data.get("meeting"):
            fields["meeting"] = data["meeting"]
            fields.setdefault("body", data["meeting"].body)
        return fields


# --- measures -------------------------------------------------------------------------------------


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "title",
            "description",
            "paper",
            "responsible_organisation",
            "responsible_person",
            "start_date",
            "end_date",
            "is_public",
            "fields_of_action",
            "districts",
            "communities",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "fields_of_action": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "communities": forms.CheckboxSelectMultiple,
        }

    LISTS = ("fields_of_action", "districts", "communities")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper"].queryset = Paper.objects.order_by("-date", "-pk")
        self.fields["responsible_organisation"].queryset = Organisation.objects.order_by(
            "name"
        ).only("pk", "name")
        self.fields["responsible_person"].queryset = Person.objects.order_by("family_name", "name")
        for name in self.LISTS:
            field = self.fields[name]
            chosen = self.instance.pk and getattr(self.instance, name).values("pk")
            field.queryset = field.queryset.model.objects.filter(is_active=True) | (
                field.queryset.model.objects.filter(pk__in=chosen)
                if chosen
                else field.queryset.model.objects.none()
            )

    def measure_fields(self):
        return {
            name: self.cleaned_data[name]
            for name in self._meta.fields
            if name not in self.LISTS and name in self.cleaned_data
        }

    def list_fields(self):
        return {name: self.cleaned_data[name] for name in self.LISTS}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    reason = forms.CharField(
        label=_("Reason for stopping"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the measure is stopped."),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == Measure.Status.STOPPED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the measure was stopped."))
        return data


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done_on"]
        widgets = {"due_date": DateInput(), "done_on": DateInput()}


class ProgressForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    text = forms.CharField(
        label=_("What has been done"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_(
            "A photo (JPEG, PNG, WebP) or a PDF of at most 10 MB. Photos are stored without "
            "their metadata (camera, time, location)."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf,.pdf"}
        ),
    )
    participants_reached = forms.IntegerField(
        label=_("Participants reached"), required=False, min_value=0, max_value=10_000_000
    )
    volunteers_won = forms.IntegerField(
        label=_("Volunteers won"), required=False, min_value=0, max_value=10_000_000
    )
    indicators = forms.CharField(
        label=_("Further indicators"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line, name and value separated by a colon, e.g. “Sprachcafés held: 12”; "
            "at most %(count)d."
        )
        % {"count": ProgressUpdate.MAX_INDICATORS},
    )

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            clean_evidence(upload)  # checked here for the message; the service cleans again
        return upload

    def clean_indicators(self):
        lines = [line for line in self.cleaned_data["indicators"].splitlines() if line.strip()]
        pairs = []
        for line in lines:
            key, colon, value = line.partition(":")
            if not colon:
                raise ValidationError(_("Write each indicator as “name: value”."), code="format")
            pairs.append((key, value))
        indicators = clean_indicators(pairs)
        if len(indicators) > ProgressUpdate.MAX_INDICATORS:
            raise ValidationError(
                _("At most %(count)d indicators.") % {"count": ProgressUpdate.MAX_INDICATORS}
            )
        for key, value in indicators.items():
            if len(key) > ProgressUpdate.INDICATOR_KEY_LENGTH or len(value) > (
                ProgressUpdate.INDICATOR_VALUE_LENGTH
            ):
                raise ValidationError(_("Each indicator needs a short name and a short value."))
        return indicators


class BudgetLineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BudgetLine.Kind.choices)
    amount = AmountField(label=_("Amount (EUR)"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    purpose = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    funding_source = forms.ChoiceField(label=_("Funding source"), choices=BudgetLine.Source.choices)
    budget_line = forms.CharField(
        label=_("Budget line"),
        max_length=100,
        required=False,
        help_text=_("e.g. “Produkt 05.01.02”"),
    )
    receipt = forms.CharField(
        label=_("Receipt"),
        max_length=200,
        required=False,
        help_text=_("Number or reference of the receipt."),
    )
    receipt_file = forms.FileField(
        label=_("Scanned receipt"),
        required=False,
        help_text=_("A photo or a PDF of at most 10 MB; seen by the integration office only."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf,.pdf"}
        ),
    )

    def clean_receipt_file(self):
        upload = self.cleaned_data.get("receipt_file")
        if upload:
            clean_evidence(upload)
        return upload
