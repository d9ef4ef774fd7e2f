from django.contrib import admin

from jobs.models import Job
from project.admin import StaffCurationMixin


@admin.register(Job)
class JobAdmin(StaffCurationMixin, admin.ModelAdmin):
    """Jobs are read here; they are started, cancelled and retried from their pages and the
    API, where the rules are."""

    list_display = ["id", "kind", "status", "done", "total", "created_by", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["created_by"]
    search_fields = ["message", "created_by__username"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
