"""Forms of the claim, review, contradiction and source pages. The services hold the rules;
these parse what the page sent and say, per field, what is wrong."""

from django import forms

from claims.models import Claim, ClaimStatus, LinkStatus, Reliability, Source
from project.ids import is_valid_id


class IdsField(forms.ModelMultipleChoiceField):
    """Rows chosen by ticking boxes: a value that cannot be an id is refused as such before any
    query (SQLite fails on numbers past 64 bits rather than finding nothing)."""

    def _check_values(self, value):
        for pk in value:
            if not is_valid_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")],
        error_messages={"required": "Choose approve or reject."},
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Note (required to reject)"}),
    )


class BulkApproveForm(forms.Form):
    """Submitted claims chosen in the review queue; `confirmed` is set by the second step."""

    claims = IdsField(
        queryset=Claim.objects.filter(status=ClaimStatus.SUBMITTED),
        error_messages={
            "required": "Tick the claims to approve first.",
            "invalid_choice": "Claim %(value)s is no longer waiting for review: reload the queue.",
            "invalid_pk_value": "“%(pk)s” is not a claim number.",
        },
    )
    note = forms.CharField(required=False, max_length=2000)
    confirmed = forms.BooleanField(required=False)


class LinkDecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=LinkStatus.choices,
        error_messages={
            "required": "Choose confirm or dismiss.",
            "invalid_choice": "“%(value)s” is not a link status: choose confirm or dismiss.",
        },
    )


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
