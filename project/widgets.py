"""Form widgets the pages share."""

from django import forms


class DatePicker(forms.DateInput):
    """The browser's date picker. `<input type=date>` shows and sends only ISO dates
    (2026-03-06): drawn in the site's format (06/03/2026) it showed nothing, and saving the
    form erased the date."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
