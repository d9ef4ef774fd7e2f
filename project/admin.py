"""What every admin page of the project shares: staff curate, nobody else."""

import functools

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpResponseRedirect

from project import roles
from project.ids import IdField, IdsField, is_valid_id
from project.retry import retried_on_conflict


def _keyed_by_number(db_field: models.Field) -> bool:
    """Whether the rows `db_field` points to are chosen by a whole number (their id)."""
    remote = db_field.remote_field
    meta = remote.model._meta
    name = getattr(remote, "field_name", None)
    target = meta.get_field(name) if name else meta.pk
    return isinstance(target, models.IntegerField)


class _NumberedChoices:
    """An autocomplete box over rows chosen by id (`IdFieldsMixin` gives it only those) that
    shows, when a refused form comes back, only the values that could be ids: Django's looks up
    whatever was sent (`outlet=abc`) to show it as chosen, and that lookup fails with a server
    error instead of the form's own message."""

    def optgroups(self, name, value, attr=None):
        value = [key for key in value if key in ("", None) or is_valid_id(key)]
        return super().optgroups(name, value, attr)


class NumberedAutocompleteSelect(_NumberedChoices, AutocompleteSelect):
    pass


class NumberedAutocompleteSelectMultiple(_NumberedChoices, AutocompleteSelectMultiple):
    pass


class IdFieldsMixin:
    """A relation chosen in an admin form is refused with the form's message when what was sent
    cannot be an id (`abc`, or a number past 64 bits, which SQLite fails on rather than finding
    nothing), and its autocomplete box shows the refused form again instead of failing."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._numbered(db_field, request, kwargs, IdField, NumberedAutocompleteSelect)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._numbered(db_field, request, kwargs, IdsField, NumberedAutocompleteSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _numbered(self, db_field, request, kwargs: dict, form_class, autocomplete) -> None:
        """Set `kwargs` (a form field's) to refuse what cannot be an id, and to show it with
        `autocomplete` where the admin asked for an autocomplete box."""
        if not _keyed_by_number(db_field):
            return
        kwargs.setdefault("form_class", form_class)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = autocomplete(db_field, self.admin_site, using=kwargs.get("using"))


class StaffCurationMixin(IdFieldsMixin):
    """Staff curate everything, whatever their model permissions (DESIGN: roles)."""

    def has_module_permission(self, request):
        return roles.is_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.is_staff(request.user)

    def has_add_permission(self, request):
        return roles.is_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.is_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return roles.is_staff(request.user)

    def get_changeform_initial_data(self, request):
        """The admin prefills an add form from the query string (`?source=3`); a value that
        cannot be an id (`?source=abc`) is left out rather than handed to the autocomplete
        widget, whose lookup would fail with a server error."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            keys = value if isinstance(value, list) else [value]
            if field.is_relation and not all(is_valid_id(key) for key in keys):
                del initial[name]
        return initial

    # Django runs an admin form's save or a delete in one transaction around the services it
    # calls, so their own retry on a conflict (ADR 0012) cannot: the whole page's work is run
    # again here instead, once the database has rolled it back. (A list's actions run outside
    # one: each service they call retries its own write.)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        view = self._refusals_shown(retried_on_conflict(super().changeform_view))
        return view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history's list of past versions looks the id up as it is sent: text
        # that cannot be an id was a server error (Django's own pages say "not found").
        if not self._could_be_a_key(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def _could_be_a_key(self, object_id) -> bool:
        """Whether `object_id` could be the primary key of a row (a model keyed otherwise than
        by number, as an export record by UUID, is left to its own lookup)."""
        return not isinstance(self.opts.pk, models.IntegerField) or is_valid_id(object_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's form reverting a record to a past version saves it as the
        # change form does (its admins only: no other admin routes here).
        if not (self._could_be_a_key(object_id) and is_valid_id(version_id)):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        view = self._refusals_shown(retried_on_conflict(super().history_form_view))
        return view(request, object_id, version_id, extra_context)

    def _refusals_shown(self, view):
        """`view`, a form page, with a refusal by a service after the form had passed shown
        on the page opened again: someone else's change was committed in between (the edit
        lock), or a rule the form does not check. Nothing was saved (the page's transaction
        rolled back); the page opens on what is stored now, with the reason."""

        @functools.wraps(view)
        def shown(request, *args):
            try:
                return view(request, *args)
            except ValidationError as refusal:
                if request.method != "POST":
                    raise
                for message in refusal.messages:
                    self.message_user(request, message, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())

        return shown

    def delete_view(self, request, object_id, extra_context=None):
        return retried_on_conflict(super().delete_view)(request, object_id, extra_context)


class AccountAdmin(IdFieldsMixin, UserAdmin):
    """Django's user admin with the dates of joining and last log-in shown, not edited: they are
    records of what happened, and Django's split date-and-time inputs for them have no label."""

    readonly_fields = ("last_login", "date_joined")


class RoleGroupAdmin(IdFieldsMixin, GroupAdmin):
    """Django's group admin (the roles are groups), its permissions refused as the other
    admin forms' relations are when they cannot be ids."""


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleGroupAdmin)
