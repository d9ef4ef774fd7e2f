"""Past exports in the admin: read only, since a record of what left the instance must not
be edited or removed."""

from django.contrib import admin

from exports.models import ExportRecord
from project.admin import StaffCurationMixin


@admin.register(ExportRecord)
class ExportRecordAdmin(StaffCurationMixin, admin.ModelAdmin):
    list_display = [
        "exported_at",
        "exported_by",
        "via",
        "format",
        "filter_description",
        "claim_count",
        "size",
        "short_sha256",
    ]
    list_filter = ["format", "via", "exported_at"]
    search_fields = ["exported_by__username", "sha256", "id"]
    list_select_related = ["exported_by"]
    date_hierarchy = "exported_at"
    readonly_fields = [
        "id",
        "exported_by",
        "via",
        "format",
        "filters",
        "bom",
        "claim_count",
        "size",
        "sha256",
        "exported_at",
        "finished_at",
    ]
    fields = readonly_fields

    @admin.display(description="Filters")
    def filter_description(self, record: ExportRecord) -> str:
        return record.filter_description

    @admin.display(description="SHA-256", ordering="sha256")
    def short_sha256(self, record: ExportRecord) -> str:
        return record.sha256[:12] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
