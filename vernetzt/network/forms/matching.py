from django import forms
from django.utils.translation import gettext_lazy as _

from vernetzt.network.services.matching import MAX_MESSAGE


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message (optional)"),
        required=False,
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say briefly what you have in mind; the other organisation reads it in the e-mail."
        ),
    )


class NeedsOffersUploadForm(forms.Form):
    file = forms.FileField(
        label=_("List of needs and offers (CSV or XLSX)"),
        help_text=_(
            "One row per need or offer with the columns Organisation, Art (Bedarf or Angebot), "
            "Kategorie, Beschreibung, Sprachen, Stadtteile, Gültig ab, Gültig bis (dates as "
            "TT.MM.JJJJ; empty: from today, open-ended)."
        ),
    )
