"""Staff forms for bodies, members and meetings. Thin: they parse and check input; the
services in ``council/services/meetings.py`` write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vernetzt.council.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    MeetingAttachment,
    Membership,
    Person,
)
from vernetzt.council.models.meetings import validate_pdf
from vernetzt.directory.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _auto_direction(form, *names):
    for name in names:
        form.fields[name].widget.attrs["dir"] = "auto"


def service_data(form):
    """The cleaned values of the form's model fields, as the services take them."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.fields}


def _organisations():
    return Organisation.objects.order_by("name").only("pk", "name")


class BodyForm(forms.ModelForm):
    website = forms.URLField(
        label=Body._meta.get_field("website").verbose_name,
        max_length=Body._meta.get_field("website").max_length,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Body
        fields = [
            "name",
            "short_name",
            "kind",
            "is_public",
            "description",
            "start_date",
            "end_date",
            "website",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs["dir"] = "ltr"
        self.fields["is_public"].help_text = _(
            "Internal bodies, their members and meetings are shown to council members and staff only."
        )
        _auto_direction(self, "name", "short_name", "description")


class MembershipForm(forms.ModelForm):
    """A member: an existing person or a new one by name, their role and the organisation
    they come from."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.order_by("family_name", "name"),
        required=False,
        empty_label=_("Please choose"),
        help_text=_("Or enter a new person below."),
    )
    person_name = forms.CharField(
        label=_("New person: name"),
        max_length=200,
        required=False,
        help_text=_("Given name and family name, e.g. “Ayşe Yılmaz”."),
    )

    class Meta:
        model = Membership
        fields = ["role", "role_label", "organisation", "voting_right", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, adding=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _organisations()
        self.fields["organisation"].empty_label = _("none")
        self.fields["organisation"].help_text = _(
            "The organisation from the directory that sent the person."
        )
        self.fields["person_name"].widget.attrs.update({"dir": "auto", "autocomplete": "off"})
        _auto_direction(self, "role_label")
        if not adding:
            del self.fields["person"]
            del self.fields["person_name"]

    def clean(self):
        data = super().clean()
        if "person" in self.fields:
            person, name = data.get("person"), " ".join((data.get("person_name") or "").split())
            if person and name:
                self.add_error("person_name", _("Choose a person or enter a new one, not both."))
            elif not person and not name:
                self.add_error("person", _("Choose a person or enter a new one."))
        return data


class EndMembershipForm(forms.Form):
    end_date = forms.DateField(label=_("Member until"), widget=DateInput())

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if self.membership.start_date and end < self.membership.start_date:
            raise forms.ValidationError(_("The end lies before the beginning."))
        return end


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["name", "start", "end", "place", "cancelled", "invitation_text"]
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "invitation_text": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start"].required = True
        _auto_direction(self, "name", "place", "invitation_text")


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "name", "is_public", "minutes", "result_text"]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "result_text": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"result_text": _("Decision")}
        help_texts = {"result_text": _("What was decided, e.g. “accepted unanimously”.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["is_public"].help_text = _(
            "Non-public items are shown to council members and staff only."
        )
        _auto_direction(self, "number", "name", "minutes", "result_text")


class MinutesForm(forms.Form):
    """The minutes and decision of every agenda item of a meeting, in one form."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        limit = AgendaItem._meta.get_field("minutes").max_length
        for item in self.items:
            self.fields[f"minutes_{item.pk}"] = forms.CharField(
                label=_("Minutes"),
                required=False,
                max_length=limit,
                initial=item.minutes,
                widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            )
            self.fields[f"result_{item.pk}"] = forms.CharField(
                label=_("Decision"),
                required=False,
                max_length=limit,
                initial=item.result_text,
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            )

    def rows(self):
        """(agenda item, minutes field, decision field) for the template."""
        return [
            (item, self[f"minutes_{item.pk}"], self[f"result_{item.pk}"]) for item in self.items
        ]

    def changes(self):
        """Agenda item → {minutes, result_text} for the items whose text changed."""
        changed = {}
        for item in self.items:
            values = {
                "minutes": self.cleaned_data[f"minutes_{item.pk}"].strip(),
                "result_text": self.cleaned_data[f"result_{item.pk}"].strip(),
            }
            if values != {"minutes": item.minutes, "result_text": item.result_text}:
                changed[item] = values
        return changed


class AttendanceForm(forms.Form):
    """Present, excused or absent for every member of the body, in one form."""

    STATUS_CHOICES = [("", _("not recorded")), *Attendance.Status.choices]

    def __init__(self, *args, persons, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.persons = list(persons)
        for person in self.persons:
            row = recorded.get(person.pk)
            self.fields[f"status_{person.pk}"] = forms.ChoiceField(
                label=person.name,
                choices=self.STATUS_CHOICES,
                required=False,
                initial=row.status if row else "",
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{person.pk}"] = forms.CharField(
                label=_("Note on %(name)s") % {"name": person.name},
                required=False,
                max_length=300,
                initial=row.note if row else "",
            )
            self.fields[f"note_{person.pk}"].widget.attrs["dir"] = "auto"

    def rows(self):
        return [
            (person, self[f"status_{person.pk}"], self[f"note_{person.pk}"])
            for person in self.persons
        ]

    def entries(self):
        """Person → (status, note), as ``services.record_attendance`` takes them."""
        return {
            person: (
                self.cleaned_data[f"status_{person.pk}"],
                self.cleaned_data[f"note_{person.pk}"],
            )
            for person in self.persons
        }


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("Only PDF, at most 20 MB."),
        validators=[validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("the whole meeting"),
    )
    is_public = forms.BooleanField(
        label=MeetingAttachment._meta.get_field("is_public").verbose_name,
        required=False,
        initial=True,
        help_text=_("Non-public attachments are shown to council members and staff only."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")
        self.fields["title"].widget.attrs["dir"] = "auto"


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = [
            "text",
            "agenda_item",
            "responsible_person",
            "responsible_organisation",
            "responsible_text",
            "due_date",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DateInput()}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")
        self.fields["agenda_item"].empty_label = _("none")
        members = Person.objects.filter(memberships__body_id=meeting.body_id).distinct()
        self.fields["responsible_person"].queryset = members.order_by("family_name", "name")
        self.fields["responsible_person"].empty_label = _("none")
        self.fields["responsible_person"].help_text = _("A member of the body.")
        self.fields["responsible_organisation"].queryset = _organisations()
        self.fields["responsible_organisation"].empty_label = _("none")
        _auto_direction(self, "text", "responsible_text")

    def clean(self):
        data = super().clean()
        named = [
            data.get("responsible_person"),
            data.get("responsible_organisation"),
            data.get("responsible_text"),
        ]
        if not any(named):
            self.add_error(
                "responsible_text",
                _("Say who is to do it: a member, an organisation or someone else."),
            )
        return data
