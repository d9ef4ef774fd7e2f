"""Filters every list shares: people named as the API names them."""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from project.ids import MAX_ID


class PersonField(forms.ModelChoiceField):
    """A person named by username, as every API answer and page names people; a whole number
    that is nobody's username is read as an account id (links written before keep working)."""

    default_error_messages = {
        "invalid_choice": _("No one has the username “%(value)s”: check the spelling."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        name = str(value).strip()
        field = get_user_model().USERNAME_FIELD
        # No username holds a NUL (PostgreSQL refuses one in a query): nobody, not an error.
        person = self.queryset.filter(**{field: name}).first() if "\x00" not in name else None
        if person is None and name.isascii() and name.isdigit() and 0 < int(name) <= MAX_ID:
            person = self.queryset.filter(pk=int(name)).first()
        if person is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": name},
            )
        return person


#: How the schema shows a person filter (an override: the filter's own type would be an id).
PERSON_SCHEMA = {
    "type": "string",
    "description": "A username, as the API answers give it (an account id also works).",
}


@extend_schema_field(PERSON_SCHEMA)
class PersonFilter(django_filters.ModelChoiceFilter):
    """The rows of one person, named by username (or account id)."""

    field_class = PersonField

    def __init__(self, *args, **kwargs):
        user = get_user_model()
        kwargs.setdefault("queryset", user._default_manager.only("id", user.USERNAME_FIELD))
        kwargs.setdefault("help_text", PERSON_SCHEMA["description"])
        super().__init__(*args, **kwargs)


class AnyYesNo(forms.NullBooleanSelect):
    """A yes-or-no filter's select: "Any" (no filter), "Yes", "No"; Django's says "Unknown"
    where a list means "any"."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]

    def format_value(self, value):
        # A list, as `Select` gives: the choices are matched by membership, and "" is in any text.
        return [{True: "true", False: "false", "true": "true", "false": "false"}.get(value, "")]


class _RawYesNo(AnyYesNo):
    """`AnyYesNo`, handing the field what was sent: Django's select reads any unknown value
    as "any", which would make a filter nobody understood filter nothing."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class YesNoField(forms.NullBooleanField):
    """Yes, no or any, as a script or the select sends it: true/false, 1/0, yes/no, on/off in
    any case; anything else is refused with a message (an export must never claim a filter it
    did not apply)."""

    widget = _RawYesNo
    _VALUES = {"true": True, "1": True, "yes": True, "on": True}
    _VALUES |= {"false": False, "0": False, "no": False, "off": False}

    def to_python(self, value):
        if value is None or isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if not text:
            return None
        try:
            return self._VALUES[text]
        except KeyError:
            raise forms.ValidationError(_("Use true or false."), code="invalid") from None


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class IsoDateField(forms.DateField):
    """A date as ISO 8601 (2024-03-01) only, as the date pickers send it and the API's schema
    says: the site's other input formats read "03/01/2024" as 3 January and "1/3/68" as 2068,
    silently, where a script meant 1 March."""

    input_formats = ("%Y-%m-%d",)
    default_error_messages = {"invalid": _("Enter a date as YYYY-MM-DD, e.g. 2024-03-01.")}


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


class SiteDayFilter(IsoDateFilter):
    """A day of a date-and-time column, `date__gte` (from its start) or `date__lte` (to its
    end), in the site's zone whatever zone the reader's page shows times in: the whole team
    filters on the same days. Compared as a range of the column itself, which an index on it
    serves (a `__date` lookup casts every row's value first)."""

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        if self.lookup_expr == "date__gte":
            if value == datetime.date.min:
                return qs  # no day before it (and its start may lie before year 1 in UTC)
            return qs.filter(**{f"{self.field_name}__gte": site_day_start(value)})
        if self.lookup_expr == "date__lte":
            if value == datetime.date.max:
                return qs  # no day after it: every value is on or before it
            return qs.filter(**{f"{self.field_name}__lt": site_day_start(value + _DAY)})
        raise ValueError(f"SiteDayFilter reads date__gte or date__lte, not {self.lookup_expr}")


_DAY = datetime.timedelta(days=1)


def site_day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the site's zone."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )
