"""The parameters of an export: its format, the CSV byte order mark, and the claim filter."""

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from exports.models import ExportFormat
from exports.selectors import applied_filters, export_filter


class ExportForm(forms.Form):
    """`format` and `bom` from the query string; every other parameter is the claim list's
    filter (see `exports.selectors.export_filter`: approved claims unless a status is given)."""

    format = forms.ChoiceField(
        choices=ExportFormat.choices,
        error_messages={
            "required": "Say which format to export: " + ", ".join(ExportFormat.values) + ".",
            "invalid_choice": "Choose one of: " + ", ".join(ExportFormat.values) + ".",
        },
    )
    bom = forms.TypedChoiceField(
        choices=[("0", "No"), ("1", "Yes")],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=False,
        help_text="CSV only: 1 starts the file with a UTF-8 byte order mark for spreadsheets.",
        error_messages={"invalid_choice": "Use bom=1 for a byte order mark, or leave it out."},
    )

    def __init__(self, data: QueryDict):
        super().__init__(data)
        self.claim_filter = export_filter(data)

    def is_valid(self) -> bool:
        form_valid = super().is_valid()
        return self.claim_filter.is_valid() and form_valid

    @property
    def problems(self) -> dict[str, list[str]]:
        """Every error, by parameter: the format's and the filter's."""
        found = {name: list(messages) for name, messages in self.errors.items()}
        for name, messages in self.claim_filter.errors.items():
            found.setdefault(name, []).extend(messages)
        return found

    @property
    def filters(self) -> dict[str, str]:
        return applied_filters(self.claim_filter)


class ClaimSetUploadForm(forms.Form):
    """The claim-set file an admin imports from the exports page."""

    file = forms.FileField(
        label=_("Claim set (JSON export)"),
        help_text=_("A file made by “Export → JSON” on this or another Corroborate instance."),
        error_messages={"required": _("Choose the JSON file to import.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.CLAIM_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "The file is larger than the import accepts (%(limit)s MB). Split the claim "
                    "set, or import it on the server with `manage.py import_claims FILE`."
                )
                % {"limit": f"{limit / 1_000_000:g}"},
                code="too_large",
            )
        return upload
