"""The form an analyst fills when accepting a suggestion: prefilled, each field optional."""

from django import forms
from django.utils.translation import gettext_lazy as _

from claims.models import Credibility
from sources.models import Source


class SuggestionAcceptForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.order_by("name"),
        required=False,
        label=_("Source"),
        help_text=_("Who asserted the passage."),
    )
    credibility = forms.TypedChoiceField(
        choices=Credibility.choices,
        coerce=int,
        empty_value=None,
        required=False,
        initial=Credibility.CANNOT_BE_JUDGED,
        widget=forms.RadioSelect,
        label=_("Credibility"),
    )
    statement = forms.CharField(
        max_length=500, required=False, label=_("Statement"), help_text=_("One-line paraphrase.")
    )
    tags = forms.CharField(
        max_length=500, required=False, label=_("Tags"), help_text=_("Comma separated.")
    )

    def clean_tags(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["tags"].split(",") if name.strip()]
