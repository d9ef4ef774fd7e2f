"""The two steps of a merge page, the same for sources and tags: the first post shows what will
move into the target, the second (with `confirmed`) has the service move it."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from project.responses import messages_of, refuse


def merge_in_two_steps(
    request: HttpRequest,
    *,
    target: Model,
    form: forms.Form,
    counted: QuerySet,
    confirm_template: str,
    merge: Callable[[list[Model]], object],
) -> HttpResponse:
    """Answer a merge form posted for `target`: its errors as messages; unconfirmed, the page
    `confirm_template` with the target and the duplicates read from `counted` (with what they
    hold counted); confirmed, `merge(duplicates)`, the service that checks and moves."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    duplicates = list(form.cleaned_data["duplicates"])
    if not form.cleaned_data["confirmed"]:
        return render(
            request,
            confirm_template,
            {
                "target": counted.get(pk=target.pk),
                "duplicates": list(
                    counted.filter(pk__in=[d.pk for d in duplicates]).order_by("name")
                ),
            },
        )
    try:
        merge(duplicates)
    except PermissionDenied as error:
        return refuse(request, error)
    except ValidationError as error:
        messages.error(request, messages_of(error))
        return redirect(target)
    names = ", ".join(f"“{duplicate.name}”" for duplicate in duplicates)
    messages.success(
        request, _("Merged %(names)s into “%(target)s”.") % {"names": names, "target": target.name}
    )
    return redirect(target)
