"""Curation of articles. Writes go through `articles.services`."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from articles import selectors, services
from articles.ingest.normalize import content_sha256, normalize_text
from articles.models import Article
from project.admin import StaffCurationMixin


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["title", "outlet", "author", "url", "published_on", "language", "text"]

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
        *readonly_fields,
    ]

    def get_queryset(self, request):
        return selectors.article_list()

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.ARTICLE_FIELDS}
        if change:
            services.article_update(article=obj, user=request.user, **fields)
        else:
            obj.pk = services.article_create(uploaded_by=request.user, **fields).pk
