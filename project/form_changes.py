"""Saving what a person changed on a form, not every value the page showed them: a correction
someone else saved meanwhile to another field stays (an article's details, in the admin too).

Each field is drawn with a hidden copy of the value shown (`show_hidden_initial`), so that the
form tells the values changed on the page from those merely sent back."""

from django import forms


def remember_values_shown(form: forms.BaseForm, *, leave_out: tuple[str, ...] = ()) -> None:
    """Draw the form's fields (all but `leave_out`) each with a hidden copy of its value."""
    for name, field in form.fields.items():
        if name not in leave_out:
            field.show_hidden_initial = True


def changes_made(form: forms.BaseForm, names) -> dict:
    """The cleaned values of `names` that the person changed on the page."""
    return {name: form.cleaned_data[name] for name in names if name in form.changed_data}
