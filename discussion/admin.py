from django.contrib import admin

from discussion.models import Comment


class WithdrawnFilter(admin.SimpleListFilter):
    title = "withdrawn"
    parameter_name = "withdrawn"

    def lookups(self, request, model_admin):
        return [("yes", "Withdrawn"), ("no", "Standing")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(withdrawn_at__isnull=self.value() == "no")
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Admins read every comment, withdrawn ones' words included, and delete one for good (a
    comment posted in error that must not be kept)."""

    list_display = ("id", "claim", "author", "created_at", "withdrawn_at")
    list_filter = (WithdrawnFilter, "created_at")
    list_select_related = ("claim", "author")
    search_fields = ("body", "author__username", "=claim__id")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False  # posted on the claim's page or through the API, in someone's name

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # words said are not rewritten, even by an admin: read or delete
