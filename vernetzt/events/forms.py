"""Forms of the events app. They validate; the services write."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from vernetzt.core.collation import sorted_by
from vernetzt.directory.models import Language, Organisation
from vernetzt.events.models import Event, Registration, Room, TimeSlot
from vernetzt.events.services.events import EVENT_FIELDS, ROOM_FIELDS, SLOT_FIELDS
from vernetzt.events.services.registration import ANSWER_FIELDS, CONSENT_PURPOSE


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def data_of(form, names):
    return {name: form.cleaned_data[name] for name in names if name in form.fields}


class RegistrationForm(forms.ModelForm):
    """The public registration form: short, in plain language, usable on a phone."""

    consent = forms.BooleanField(
        label=_("I agree that the organisers store my name, e-mail address and answers."),
        help_text=CONSENT_PURPOSE,
        error_messages={"required": _("Please agree, otherwise we cannot register you.")},
    )
    # Honeypot: hidden from people by the template, filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    class Meta:
        model = Registration
        fields = ANSWER_FIELDS
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "organisation_name": _("Your organisation (optional)"),
            "interpreting_needed": _("I need interpreting"),
            "interpreting_language": _("Language for interpreting"),
            "childcare_needed": _("I need childcare"),
            "children": _("Number of children"),
            "dietary": _("Food"),
            "dietary_notes": _("Other food needs"),
            "accessibility_needs": _("Anything else you need to take part (optional)"),
        }
        help_texts = {
            "email": _("We send the confirmation and your cancel link there."),
            "accessibility_needs": _(
                "For example a step-free room, sign language, large print, a quiet place."
            ),
            "dietary_notes": _("Only if you chose “other”."),
            "interpreting_language": _("Only if you need interpreting."),
            "children": _("Only if you need childcare: children who come with you."),
        }
        widgets = {
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
            "dietary": forms.RadioSelect,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        language = self.fields["interpreting_language"]
        language.queryset = Language.objects.exclude(code="de")
        language.empty_label = _("Please choose")
        language.choices = sorted_by(
            language.choices, lambda choice: "" if choice[0] == "" else str(choice[1])
        )
        self.fields["children"].widget.attrs.update({"min": 0, "max": 10})
        self.fields["children"].required = False
        self.fields["dietary"].choices = Registration.Dietary.choices
        self.fields["dietary"].required = False
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "dir": "auto"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "dir": "ltr"})
        self.fields["organisation_name"].widget.attrs.update(
            {"autocomplete": "organization", "dir": "auto"}
        )
        for name in ["dietary_notes", "accessibility_needs"]:
            self.fields[name].widget.attrs["dir"] = "auto"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if user is not None and user.is_authenticated and user.email:
            # Registered with the account's address: no confirmation link needed.
            del self.fields["email"]

    def clean(self):
        data = super().clean()
        if data.get("interpreting_needed") and not data.get("interpreting_language"):
            self.add_error("interpreting_language", _("Please choose the language."))
        if data.get("childcare_needed") and not data.get("children"):
            self.add_error("children", _("Please say how many children come."))
        if data.get("children") is None:
            data["children"] = 0
        if data.get("dietary") == Registration.Dietary.OTHER and not data.get("dietary_notes"):
            self.add_error("dietary_notes", _("Please describe your food needs."))
        return data

    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website")))

    def answers(self):
        data = data_of(self, ANSWER_FIELDS)
        if "email" not in self.fields:
            data["email"] = self.user.email
        return data


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = EVENT_FIELDS
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "organisers": forms.CheckboxSelectMultiple,
            "invited": forms.CheckboxSelectMultiple,
            "further_languages": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = Organisation.objects.publicly_visible().order_by(
            "name"
        )
        self.fields["invited"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("username")
        )
        languages = self.fields["further_languages"]
        languages.queryset = Language.objects.exclude(code="de")
        languages.choices = sorted_by(languages.choices, lambda choice: str(choice[1]))
        self.fields["kind"].choices = Event.Kind.choices
        for name in ["title", "theme_question", "description", "venue_name", "venue_address"]:
            self.fields[name].widget.attrs["dir"] = "auto"


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ROOM_FIELDS

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event


class TimeSlotForm(forms.ModelForm):
    class Meta:
        model = TimeSlot
        fields = SLOT_FIELDS
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.event = event

    def clean(self):
        data = super().clean()
        event = self.instance.event
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and (starts < event.starts_at or ends > event.ends_at):
            raise forms.ValidationError(_("The slot must lie within the event's dates."))
        return data


class CheckinSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
