"""Forms for every edit of the directory. They validate; the services in ``services.py`` write."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.directory.models import (
    Category,
    Community,
    Consent,
    ContactPerson,
    District,
    FieldOfAction,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationType,
)
from vernetzt.directory.services import NEED_OFFER_FIELDS, ORGANISATION_FIELDS, REASON_REQUIRED

PROPOSAL_CONSENT_PURPOSE = _(
    "The integration office stores the proposer's name and e-mail address to ask questions "
    "about the proposal and, if wished, to give the proposer editing rights. They are not "
    "published and are deleted on request."
)

MANAGED_LISTS = {
    "type": OrganisationType,
    "fields": FieldOfAction,
    "communities": Community,
    "districts": District,
    "category": Category,
}


def https_by_default(model_field, **kwargs):
    """Addresses typed without a scheme (``verein.de``) become https ones."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def service_data(form):
    """The cleaned values of the form's model fields, as the services expect them."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.fields}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DirectoryModelForm(forms.ModelForm):
    """Managed lists offer only active entries (plus those already chosen); choices as checkboxes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.widget = forms.CheckboxSelectMultiple()
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if not isinstance(field, forms.ModelMultipleChoiceField):
                field.empty_label = _("Please choose")
            model = MANAGED_LISTS.get(name)
            # Assigning the queryset also hands the (new) widget its choices.
            field.queryset = self._active_or_chosen(model, name) if model else field.queryset

    def _active_or_chosen(self, model, name):
        active = Q(is_active=True)
        if self.instance.pk:
            current = getattr(self.instance, name)
            if hasattr(current, "all"):
                active |= Q(pk__in=current.all().values("pk"))
            elif current is not None:
                active |= Q(pk=current.pk)
        return model.objects.filter(active)


class ProposalForm(DirectoryModelForm):
    """The public form: short, in simple language, usable on a phone."""

    proposer_name = forms.CharField(label=_("Your name"), max_length=200)
    proposer_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("Only the integration office sees it, to ask you questions."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the integration office stores my name and e-mail address."),
        help_text=PROPOSAL_CONSENT_PURPOSE,
        error_messages={"required": _("Please agree, otherwise we cannot store the proposal.")},
    )
    # Honeypot: hidden from people by the template, filled in by bots.
    fax = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = Organisation
        formfield_callback = https_by_default
        fields = [
            "name", "type", "description", "fields", "communities", "languages", "districts",
            "street", "postcode", "city", "website", "public_email", "public_phone",
        ]
        labels = {"name": _("Name of the organisation")}
        help_texts = {
            "description": _("What does the organisation do? Who can come?"),
            "public_email": _("Shown in the directory."),
            "public_phone": _("Shown in the directory."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fax"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["proposer_email"].widget.attrs["autocomplete"] = "email"
        self.fields["proposer_name"].widget.attrs["autocomplete"] = "name"

    def is_bot(self):
        return bool(self.data.get(self.add_prefix("fax")))


class OrganisationForm(DirectoryModelForm):
    """An editor's view of the profile; only staff decide on visibility."""

    class Meta:
        model = Organisation
        formfield_callback = https_by_default
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, can_set_visibility=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_set_visibility:
            del self.fields["visibility"]


class NeedForm(DirectoryModelForm):
    class Meta:
        model = Need
        fields = NEED_OFFER_FIELDS
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}
        help_texts = {"valid_until": _("Leave empty if there is no end.")}


class OfferForm(NeedForm):
    class Meta(NeedForm.Meta):
        model = Offer


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone", "languages", "visibility"]
        widgets = {"languages": forms.CheckboxSelectMultiple}
        help_texts = {
            "visibility": _("Public contacts appear in the directory; internal ones only for "
                            "the integration office and council members."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].queryset = Language.objects.all()


class ConsentForm(forms.Form):
    """The consent a new contact person gave; without it nothing is stored."""

    METHODS = [
        (value, label) for value, label in Consent.Method.choices if value != Consent.Method.IMPORT
    ]

    purpose = forms.CharField(
        label=_("What did the person agree to?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Listed as contact person of the organisation in the directory."),
    )
    method = forms.ChoiceField(label=_("How was the consent given?"), choices=METHODS)
    given_at = forms.DateTimeField(
        label=_("When was the consent given?"),
        initial=timezone.now,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=300,
        help_text=_("Where the consent is kept, e.g. “signed form in the office folder”."),
    )
    confirmed = forms.BooleanField(
        label=_("I confirm that this person agreed to be stored as contact person."),
        error_messages={"required": _("Without the person's consent we cannot store them.")},
    )

    def clean_given_at(self):
        given_at = self.cleaned_data["given_at"]
        if given_at > timezone.now():
            raise forms.ValidationError(_("The consent cannot be given in the future."))
        return given_at

    def consent_data(self, *, subject):
        data = {name: self.cleaned_data[name] for name in ["purpose", "method", "given_at"]}
        return {**data, "evidence": self.cleaned_data["evidence"], "subject": subject}


class VerifyForm(forms.Form):
    editor = forms.CharField(
        label=_("Editor account (user name or e-mail address)"),
        required=False,
        help_text=_("Optional: this account may then edit the organisation's profile."),
    )

    def clean_editor(self):
        identifier = self.cleaned_data["editor"].strip()
        if not identifier:
            return None
        users = get_user_model().objects.filter(
            Q(username__iexact=identifier) | Q(email__iexact=identifier), is_active=True
        )
        found = list(users[:2])
        if not found:
            raise forms.ValidationError(_("There is no active account with this name or e-mail."))
        if len(found) > 1:
            raise forms.ValidationError(
                _("Several accounts use this e-mail address; please give the user name.")
            )
        return found[0]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please give a reason.")},
    )


class StatusForm(forms.Form):
    """Move an organisation on: e.g. archive it (with a reason) or restore it.

    Any status passes the form; whether the move is allowed is the service's decision, so a
    page left open while a colleague acted still gets a clear message.
    """

    status = forms.TypedChoiceField(
        label=_("New status"),
        choices=Organisation.Status.choices,
        coerce=Organisation.Status,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when archiving or rejecting."),
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.choices = [(status, status.label) for status in allowed]
        if len(allowed) == 1:
            self.fields["status"].initial = allowed[0]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") in REASON_REQUIRED and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Please give a reason."))
        return cleaned


class DeleteContactForm(forms.Form):
    reason = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        help_text=_("e.g. “withdrew consent by phone on 3 May”."),
    )
