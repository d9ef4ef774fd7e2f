"""Ids that arrive from outside (addresses, forms, query strings): whole numbers that a primary
key can hold. Anything else matches no row; SQLite would even fail on a number past 64 bits
instead of finding nothing, hence a check before any query."""

from django import forms

#: The largest value of a BigAutoField, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


def is_valid_id(value: object) -> bool:
    """Whether `value` (an int or its text) could be the primary key of a row."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return 1 <= number <= MAX_ID


class IdField(forms.ModelChoiceField):
    """A row chosen by its id: a value that cannot be an id is refused as an invalid choice
    before any query (SQLite fails on numbers past 64 bits rather than finding nothing)."""

    def to_python(self, value):
        chosen = value not in self.empty_values and not isinstance(value, self.queryset.model)
        if chosen and self.to_field_name is None and not is_valid_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


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


class DuplicatesForm(forms.Form):
    """The duplicates of `target` to merge into it, ticked by id; `confirmed` is set by the
    confirmation step. A subclass names its `model` and what one is called (`noun`)."""

    model: type
    noun: str

    duplicates = IdsField(queryset=None)
    confirmed = forms.BooleanField(required=False)

    def __init__(self, *args, target, **kwargs):
        super().__init__(*args, **kwargs)
        field, noun = self.fields["duplicates"], self.noun
        field.queryset = self.model.objects.exclude(pk=target.pk)
        field.error_messages.update(  # the field's own copy: each form has its own
            {
                "required": f"Tick the duplicate {noun}s to merge into this one.",
                "invalid_choice": f"{noun.capitalize()} %(value)s no longer exists or is this "
                f"{noun} itself.",
                "invalid_pk_value": f"“%(pk)s” is not a {noun} number.",
            }
        )
