"""The form that asks for a council report: body, period, format."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.council import selectors
from vernetzt.council.models import Body

MAX_DAYS = 5 * 366  # five years: a bound for the worker, far beyond any council report


class ReportForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_until = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("PDF (to print and send)")), ("xlsx", _("Excel (XLSX, to work on)"))],
        initial="pdf",
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=[("de", "Deutsch"), ("en", "English")],
        initial="de",
        required=False,
        help_text=_("German; English where the translation exists."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies(user=user).order_by("name")
        today = timezone.localdate()
        self.fields["date_from"].initial = today.replace(month=1, day=1)
        self.fields["date_until"].initial = today

    def clean(self):
        cleaned = super().clean()
        cleaned["language"] = cleaned.get("language") or "de"
        start, end = cleaned.get("date_from"), cleaned.get("date_until")
        if start and end:
            if end < start:
                self.add_error("date_until", _("The end lies before the beginning."))
            elif end - start > timedelta(days=MAX_DAYS):
                self.add_error("date_until", _("Please choose at most five years for one report."))
        for name in ("date_from", "date_until"):
            value = cleaned.get(name)
            if value and not date(1990, 1, 1) <= value <= date(2100, 12, 31):
                self.add_error(name, _("Please choose a date between 1990 and 2100."))
        return cleaned
