"""The editable table: the measures a staff member filtered, one row each with status, reason
and an optional progress note; saved together, all or nothing, through the council services."""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vernetzt.council import selectors
from vernetzt.council.models import Body, Measure, ProgressUpdate

MAX_ROWS = 100  # one screen of a table; more are narrowed by the filter


class MeasureFilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=Body.objects.none(), required=False, empty_label=_("all bodies")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("every status")), *Measure.Status.choices],
        required=False,
    )
    q = forms.CharField(label=_("Title contains"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = selectors.bodies(user=user).order_by("name")


def filtered_measures(*, user, filters):
    rows = selectors.measures(user=user).select_related("paper")
    if filters.get("body"):
        papers = selectors.consultations(user=user).filter(body=filters["body"]).values("paper")
        rows = rows.filter(paper__in=papers)
    if filters.get("status"):
        rows = rows.filter(status=filters["status"])
    if filters.get("q"):
        rows = rows.filter(title__icontains=filters["q"])
    return rows.order_by("title", "pk")


class MeasureRowForm(forms.Form):
    measure = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)
    reason = forms.CharField(
        label=_("Reason for stopping"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"size": 18}),
    )
    progress = forms.CharField(
        label=_("Progress"),
        required=False,
        max_length=ProgressUpdate._meta.get_field("text").max_length or 10_000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 28}),
    )
    participants = forms.IntegerField(
        label=_("Participants reached"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"class": "input--narrow"}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Measure.Status.STOPPED
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Say why the measure was stopped."))
        if cleaned.get("participants") is not None and not (cleaned.get("progress") or "").strip():
            self.add_error("progress", _("Participants belong to a progress note: write one."))
        return cleaned


class BaseMeasureFormSet(forms.BaseFormSet):
    def __init__(self, *args, measures, **kwargs):
        self.measures = {measure.pk: measure for measure in measures}
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            pk = form.cleaned_data.get("measure") if hasattr(form, "cleaned_data") else None
            if pk is None:
                continue
            if pk not in self.measures or pk in seen:
                raise forms.ValidationError(_("The table changed meanwhile; please load it again."))
            seen.add(pk)
            form.measure_object = self.measures[pk]


MeasureFormSet = forms.formset_factory(
    MeasureRowForm,
    formset=BaseMeasureFormSet,
    extra=0,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


def initial(measures):
    return [
        {"measure": measure.pk, "status": measure.status, "reason": measure.status_reason}
        for measure in measures
    ]


@transaction.atomic
def save(formset, *, actor, today=None):
    """Write the rows that changed; returns (status changes, progress updates)."""
    from vernetzt.council import services
    from vernetzt.council.services import measures as measure_services

    today = today or timezone.localdate()
    statuses = updates = 0
    for form in formset.forms:
        data = form.cleaned_data
        measure = Measure.objects.select_for_update().get(pk=data["measure"])
        reason = (data.get("reason") or "").strip()
        if data["status"] != measure.status or (
            data["status"] == Measure.Status.STOPPED and reason != measure.status_reason
        ):
            services.change_measure_status(
                actor=actor, measure=measure, status=data["status"], reason=reason
            )
            statuses += 1
        text = (data.get("progress") or "").strip()
        if text:
            measure_services.add_progress_update(
                actor=actor,
                measure=measure,
                date=today,
                text=text,
                participants_reached=data.get("participants"),
            )
            updates += 1
    return statuses, updates
