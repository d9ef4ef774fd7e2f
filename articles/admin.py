"""Curation of articles. Writes go through `articles.services`."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from articles import selectors, services
from articles.ingest.normalize import content_sha256, normalize_text
from articles.models import Article
from project.admin import StaffCurationMixin
from project.form_changes import changes_made, remember_values_shown


class ArticleAdminForm(forms.ModelForm):
    #: The fingerprint of the text as the page showed it: the text is sent back whole, so it
    #: counts as changed only where it differs from what was read (a hidden copy of 5 MB would
    #: double the page).
    text_read = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["title", "outlet", "author", "url", "published_on", "language", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text_read"].initial = self.instance.content_sha256
        remember_values_shown(self, leave_out=("text", "text_read"))

    def changes(self) -> dict:
        """The details changed on the page, and the text where it was edited."""
        changes = changes_made(self, services.ARTICLE_FIELDS - {"text"})
        if content_sha256(self.cleaned_data["text"]) != self.cleaned_data["text_read"]:
            changes["text"] = self.cleaned_data["text"]
        return changes

    def clean_outlet(self):
        outlet = self.cleaned_data["outlet"]
        try:
            services.check_outlet(outlet)
        except ValidationError as refusal:
            raise forms.ValidationError(refusal.message_dict["outlet"]) from None
        return outlet

    def clean_text(self):
        text = normalize_text(self.cleaned_data["text"])
        clash = Article.objects.filter(content_sha256=content_sha256(text))
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        first = clash.only("id", "title").first()
        if first is not None:
            raise forms.ValidationError(
                f"This text is already stored as “{first.title}” (article {first.pk}).",
                code="duplicate",
            )
        return text


@admin.register(Article)
class ArticleAdmin(StaffCurationMixin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["title", "outlet", "published_on", "claim_count", "uploaded_by", "created_at"]
    list_filter = ["language", "published_on", "outlet"]
    search_fields = ["title", "author", "url", "content_sha256"]
    list_select_related = ["outlet", "uploaded_by"]
    autocomplete_fields = ["outlet"]
    readonly_fields = [
        "content_sha256",
        "original_filename",
        "original_file",
        "uploaded_by",
        "created_at",
    ]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "outlet",
        "author",
        "url",
        "published_on",
        "language",
        "text",
        "text_read",
        *readonly_fields,
    ]

    def get_queryset(self, request):
        return selectors.article_list()

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count

    def save_model(self, request, obj, form, change):
        if change:
            # The article as stored now, with this admin's changes only; its text as they read
            # it, so that an edit of a text someone else changed meanwhile is refused.
            stored = Article.objects.get(pk=obj.pk)
            stored.content_sha256 = form.cleaned_data["text_read"] or stored.content_sha256
            services.article_update(article=stored, user=request.user, **form.changes())
        else:
            fields = {name: form.cleaned_data[name] for name in services.ARTICLE_FIELDS}
            obj.pk = services.article_create(uploaded_by=request.user, **fields).pk
