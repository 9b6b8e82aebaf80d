"""Forms for every edit of the directory. They validate; the services in ``services.py`` write."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from vernetzt.audit.services import plain, snapshot
from vernetzt.core.collation import sorted_by
from vernetzt.directory import managed_lists
from vernetzt.directory.models import (
    Consent,
    ContactPerson,
    Language,
    Need,
    Offer,
    Organisation,
    OrganisationDescription,
    Visibility,
)
from vernetzt.directory.services import NEED_OFFER_FIELDS, ORGANISATION_FIELDS, REASON_REQUIRED

PROPOSAL_CONSENT_PURPOSE = _(
    "The integration office stores the proposer's name and e-mail address to ask questions "
    "about the proposal and, if wished, to give the proposer editing rights. They are not "
    "published and are deleted on request."
)

# Lists whose inactive terms forms leave out (unless already chosen): ``managed_lists``.
MANAGED_LISTS = {
    managed.field: managed.model for managed in managed_lists.ALL_LISTS if managed.has_active_flag
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


class VersionedForm:
    """Optimistic locking for a ModelForm editing a stored object: the version the editor
    loaded travels in a hidden field; the service refuses a save from an older one
    (``services.claim_version``) and ``show_conflict`` tells the editor, keeping their input."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=self.instance.version, min_value=1
            )

    @property
    def loaded_version(self):
        return self.cleaned_data.get("version")

    def show_conflict(self, current):
        """Re-render with the user's values, the values saved meanwhile named, and the current
        version, so that saving again keeps the user's values knowingly."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = current.version
        names = [name for name in self._meta.fields if name in self.fields]
        saved = snapshot(current, names)
        self.add_error(
            None,
            _("Someone else saved this in the meantime. Your input is kept below; check the "
              "values saved meanwhile and save again to keep yours."),
        )
        for name in names:
            if saved[name] != plain(self.cleaned_data.get(name)):
                shown = saved[name] if saved[name] not in (None, "", []) else "—"
                if isinstance(shown, list):
                    shown = ", ".join(shown)
                self.add_error(
                    None,
                    _("%(field)s is now: %(value)s")
                    % {
                        "field": self.fields[name].label,
                        "value": Truncator(str(shown)).chars(200),
                    },
                )


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
            if field.queryset.model is Language:
                # Languages are named in the reader's language (Babel), but stored in German
                # order: sort the options by the names the reader sees. (Validation still
                # goes through the queryset.)
                field.choices = sorted_by(field.choices, lambda choice: choice[1])

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


class OrganisationForm(VersionedForm, DirectoryModelForm):
    """An editor's view of the profile; only staff decide on visibility and see the map
    coordinates (raw numbers nobody outside the office can check)."""

    STAFF_ONLY_FIELDS = ["visibility", "latitude", "longitude"]

    class Meta:
        model = Organisation
        formfield_callback = https_by_default
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, can_set_visibility=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_set_visibility:
            for name in self.STAFF_ONLY_FIELDS:
                del self.fields[name]


class NeedForm(VersionedForm, DirectoryModelForm):
    class Meta:
        model = Need
        fields = NEED_OFFER_FIELDS
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}
        help_texts = {"valid_until": _("Leave empty if there is no end.")}


class OfferForm(NeedForm):
    class Meta(NeedForm.Meta):
        model = Offer


class ContactForm(VersionedForm, forms.ModelForm):
    """``consent``: the recorded (or, for a new contact, the just-entered) consent; the
    visibility offered is what it allows (``Consent.allows``)."""

    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone", "languages", "visibility"]
        widgets = {"languages": forms.CheckboxSelectMultiple}
        help_texts = {
            "visibility": _("Public contacts appear in the directory; internal ones only for "
                            "the integration office and council members."),
        }

    def __init__(self, *args, consent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].queryset = Language.objects.all()
        self.consent = consent if consent is not None else getattr(self.instance, "consent", None)
        if self.consent is not None and self.consent.pk:
            self.fields["visibility"].choices = [
                (value, label)
                for value, label in Visibility.choices
                if self.consent.allows(value)
            ]

    def clean_visibility(self):
        visibility = self.cleaned_data["visibility"]
        if self.consent is not None and not self.consent.allows(visibility):
            raise forms.ValidationError(
                _("The person agreed only to internal use, not to being shown publicly.")
            )
        return visibility


class ConsentForm(forms.Form):
    """The consent a new contact person gave; without it nothing is stored."""

    METHODS = [
        (value, label) for value, label in Consent.Method.choices if value != Consent.Method.IMPORT
    ]

    purpose = forms.CharField(
        label=_("What did the person agree to?"),
        max_length=Consent._meta.get_field("purpose").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Listed as contact person of the organisation in the directory."),
    )
    scope = forms.ChoiceField(
        label=_("Where may the person be shown?"),
        choices=[
            (Visibility.INTERNAL, _("only internally (integration office and council)")),
            (Visibility.PUBLIC, _("also publicly in the directory")),
        ],
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
        help_text=_("As the person agreed. A contact is never shown more widely than this."),
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
        names = ["purpose", "method", "given_at", "scope"]
        data = {name: self.cleaned_data[name] for name in names}
        return {**data, "evidence": self.cleaned_data["evidence"], "subject": subject}

    def draft(self):
        """The consent as entered (unsaved), for the contact form's visibility check; None
        while the consent form is invalid."""
        if not self.is_valid():
            return None
        return Consent(scope=self.cleaned_data["scope"])


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


REASON_LENGTH = Organisation._meta.get_field("status_reason").max_length


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_LENGTH,
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
        max_length=REASON_LENGTH,
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
        max_length=500,
        help_text=_("e.g. “withdrew consent by phone on 3 May”."),
    )


class DescriptionTranslationsForm(forms.Form):
    """The organisation's self-description in each further language (empty: none)."""

    def __init__(self, *args, languages, initial_texts, **kwargs):
        super().__init__(*args, **kwargs)
        limit = OrganisationDescription._meta.get_field("text").max_length
        for code, name in languages:
            self.fields[code] = forms.CharField(
                label=_("Description in %(language)s") % {"language": name},
                required=False,
                max_length=limit,
                initial=initial_texts.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 5, "lang": code, "dir": "auto"}),
            )
