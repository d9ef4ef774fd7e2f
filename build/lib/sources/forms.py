"""Forms of the reviewer's source actions: re-grade and merge. The services hold the rules;
these parse what the page sent and say, per field, what is wrong."""

from django import forms

from project.ids import IdsField
from sources.models import Reliability, Source


class SourceReliabilityForm(forms.Form):
    reliability = forms.ChoiceField(
        choices=Reliability.choices,
        error_messages={"invalid_choice": "Choose a reliability from A to F."},
    )


class SourceMergeForm(forms.Form):
    """Duplicates to fold into `target`; `confirmed` is set by the confirmation step."""

    duplicates = IdsField(
        queryset=Source.objects.none(),
        error_messages={
            "required": "Tick the duplicate sources to merge into this one.",
            "invalid_choice": "Source %(value)s no longer exists or is this source itself.",
            "invalid_pk_value": "“%(pk)s” is not a source number.",
        },
    )
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, target: Source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = Source.objects.exclude(pk=target.pk)
