"""Suggestions in the admin: staff look, with their history; the engine makes them and analysts
decide them through `suggestions.services`, so the admin adds, changes and deletes none."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from project.admin import StaffCurationMixin
from suggestions.models import Suggestion


@admin.register(Suggestion)
class SuggestionAdmin(StaffCurationMixin, SimpleHistoryAdmin):
    list_display = ["id", "kind", "status", "reason", "score", "a_article", "decided_by"]
    list_filter = ["kind", "status", "analyzer_version"]
    search_fields = ["a_quote", "b_quote", "reason", "statement"]
    list_select_related = ["a_article", "decided_by"]
    readonly_fields = [field.name for field in Suggestion._meta.fields]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
