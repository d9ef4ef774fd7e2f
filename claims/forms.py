"""Forms of the review and contradiction pages. The services hold the rules;
these parse what the page sent and say, per field, what is wrong."""

from django import forms

from claims.models import Claim, ClaimStatus, LinkStatus, Tag
from project.ids import DuplicatesForm, IdsField


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject")],
        error_messages={"required": "Choose approve or reject."},
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Note (required to reject)"}),
    )
    #: The version of the claim the reviewer read (older pages sent none).
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


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
    version = forms.IntegerField(
        min_value=1,
        error_messages={
            "required": "Reload the page: the form does not say which version "
            "of the link you decided on."
        },
    )
    #: The versions of the two claims as the page showed them (older pages sent none).
    claim_a_version = forms.IntegerField(min_value=1, required=False)
    claim_b_version = forms.IntegerField(min_value=1, required=False)


class TagRenameForm(forms.Form):
    name = forms.CharField(
        max_length=200,
        error_messages={"required": "Give the tag's new name."},
        help_text="Stored as tags are: “Troop numbers” becomes “troop-numbers”.",
    )


class TagMergeForm(DuplicatesForm):
    model, noun = Tag, "tag"
