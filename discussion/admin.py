from django.contrib import admin

from discussion.models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Admins read every comment, withdrawn ones' words included, and delete one for good (a
    comment posted in error that must not be kept)."""

    list_display = ("id", "claim", "author", "created_at", "withdrawn_at")
    list_filter = (("withdrawn_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("claim", "author")
    search_fields = ("body", "author__username", "=claim__id")
    readonly_fields = (
        "claim",
        "author",
        "body",
        "mentions",
        "created_at",
        "withdrawn_at",
        "withdrawn_by",
    )
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False  # posted on the claim's page or through the API, in someone's name
