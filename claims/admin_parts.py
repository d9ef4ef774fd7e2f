"""Pieces the claims admin's pages share: the list filters (deleted, grade's reliability), the
edit lock (the change form carries the version it opened; the service's check refuses a record
changed meanwhile as a form error), and history pages to read, not to revert from."""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy

from claims.models import graded_reliability_is
from sources.models import Reliability


class DeletedFilter(admin.SimpleListFilter):
    title = "deleted"
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("no", "Live"), ("yes", "Deleted")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


class GradedReliabilityFilter(admin.SimpleListFilter):
    """The reliability of the claims' grades: as evaluated for reviewed claims, else the
    source's current one (as the claim list's filter)."""

    title = gettext_lazy("reliability of the grade")
    parameter_name = "reliability"

    def lookups(self, request, model_admin):
        return Reliability.choices

    def queryset(self, request, queryset):
        if self.value() in Reliability.values:
            return queryset.filter(graded_reliability_is(self.value()))
        return queryset


#: A change form posted without the version of the record it opened.
NO_VERSION = gettext_lazy(
    "This form did not say which version of the record it changes: reload the page and make "
    "your change again. Nothing was saved."
)


class EditLockForm(forms.ModelForm):
    """An admin form that carries the version of the record it opened, and asks the service's
    check early, so that an edit of a record changed meanwhile is a form error here."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    #: The service's check for this model: `check(current, version)` raises `Conflict`.
    check_version: Callable = staticmethod(lambda current, version: None)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        if cleaned.get("version") is None:
            # The page always sends it (hidden): a form without it was not the one opened, and
            # saving it would skip the edit lock. Said at the top: a hidden field's own error
            # shows nowhere.
            raise forms.ValidationError(NO_VERSION, code="no_version")
        current = type(self.instance)._base_manager.get(pk=self.instance.pk)
        self.check_version(current, cleaned["version"])
        return cleaned


class EditLockAdminMixin:
    """Opens the change form at the record's current version (`EditLockForm`)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["version"].initial = obj.version if obj else None
        return form


#: Why a claim or a link is not reverted from its history page.
NO_REVERT = gettext_lazy(
    "A past version is shown here to read, not to revert to: change the record on its own "
    "page, where the review rules and the edit lock apply. Nothing was saved."
)


class ViewOnlyHistoryMixin:
    """Past versions of a claim or a link to read, never to revert to. A revert is a write the
    services' rules must see (the version it was based on, a claim's return to review, who
    decides a link); django-simple-history's saves the old form as it stood, against a
    version long gone, so it was refused as someone else's change, or saved nothing."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            self.message_user(request, NO_REVERT, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().history_form_view(request, object_id, version_id, extra_context)
