"""Forms of the reviewer's source actions: re-grade and merge. The services hold the rules;
these parse what the page sent and say, per field, what is wrong."""

from django import forms
from django.utils.translation import gettext_lazy as _

from project.ids import DuplicatesForm
from sources.models import Reliability, Source, SourceKind


class SourceReliabilityForm(forms.Form):
    reliability = forms.ChoiceField(
        choices=Reliability.choices,
        error_messages={"invalid_choice": "Choose a reliability from A to F."},
    )


class SourceCreateForm(forms.Form):
    """A new source. Its reliability is asked every time, F ("cannot be judged") chosen until
    the analyst picks another; `confirmed` is set by the "Did you mean…" step."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Who asserted it, as the text names them: “Ministry of Defence”."),
        error_messages={"required": _("Name the source.")},
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SourceKind.choices, initial=SourceKind.OTHER)
    reliability = forms.ChoiceField(
        label=_("Reliability"),
        choices=Reliability.choices,
        initial=Reliability.F,
        widget=forms.RadioSelect,
        help_text=_(
            "How reliable this source has been. Leave F when you cannot judge it yet; a "
            "reviewer can change it later."
        ),
        error_messages={"invalid_choice": _("Choose a reliability from A to F.")},
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SourceMergeForm(DuplicatesForm):
    model, noun = Source, "source"
