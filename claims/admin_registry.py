"""Curation of the registry: sources (their counts, merging) and the tags claims carry. Every
write goes through the services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from claims import selectors
from claims import services as claim_services
from claims.models import Tag
from project.admin import StaffCurationMixin
from sources import services as source_services
from sources.models import Source


def _count_column(name: str, label: str):
    """A changelist column showing the annotation `name` of `selectors.source_registry()`,
    sortable by it."""

    @admin.display(description=label, ordering=name)
    def column(self, source) -> int:
        return getattr(source, name)

    column.__name__ = name
    return column


@admin.register(Source)
class SourceAdmin(StaffCurationMixin, SimpleHistoryAdmin):
    """The same counts as the source registry page (`selectors.source_registry`), annotated in
    the changelist's one query."""

    list_display = [
        "name",
        "kind",
        "reliability",
        "claim_count",
        "approved_count",
        "submitted_count",
        "draft_count",
        "rejected_count",
        "contradiction_count",
    ]
    list_filter = ["kind", "reliability"]
    search_fields = ["name", "description"]
    actions = ["merge_sources"]

    def get_queryset(self, request):
        return selectors.source_registry()

    claim_count = _count_column("claim_count", "Claims")
    approved_count = _count_column("approved_count", "Approved")
    submitted_count = _count_column("submitted_count", "Submitted")
    draft_count = _count_column("draft_count", "Draft")
    rejected_count = _count_column("rejected_count", "Rejected")
    contradiction_count = _count_column("contradiction_count", "Contradictions")

    def save_model(self, request, obj, form, change):
        fields = {field: form.cleaned_data[field] for field in source_services.SOURCE_FIELDS}
        if change:
            source_services.source_update(source=obj, user=request.user, **fields)
        else:
            obj.pk = source_services.source_create(user=request.user, **fields).pk

    @admin.action(description="Merge selected sources into one…")
    def merge_sources(self, request, queryset):
        sources = list(queryset.order_by("name"))
        if len(sources) < 2:
            self.message_user(request, _("Select at least two sources to merge."), messages.WARNING)
            return None
        if request.POST.get("target"):
            target = next((s for s in sources if str(s.pk) == request.POST["target"]), None)
            if target is None:
                self.message_user(request, _("Choose which source to keep."), messages.ERROR)
                return None
            try:
                source_services.source_merge(target=target, duplicates=sources, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
                return None
            merged = len(sources) - 1
            self.message_user(
                request,
                ngettext(
                    "Merged %(count)d source into “%(target)s”.",
                    "Merged %(count)d sources into “%(target)s”.",
                    merged,
                )
                % {"count": merged, "target": target.name},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/sources/source/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge sources",
                "sources": sources,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


def _carried(tags) -> dict[int, int]:
    """How many claims (deleted ones too: their history names the tag) carry each of `tags`."""
    through = Tag.claims.through.objects.filter(tag__in=tags)
    return dict(through.values_list("tag_id").annotate(n=Count("pk")).order_by())


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        taken = Tag.objects.filter(name=name).exclude(pk=self.instance.pk)
        if self.instance.pk and taken.exists():
            raise forms.ValidationError(
                _(
                    "A tag “%(name)s” exists already: merge this one into it instead (select both "
                    "in the list, then “Merge selected tags into one…”)."
                )
                % {"name": name},
                code="tag_name_taken",
            )
        return name


#: Why a tag that claims carry is not deleted here.
IN_USE = gettext_lazy(
    "Claims carry this tag: deleting it would strip it from them with no record in their "
    "history. Merge it into another tag instead (“Merge selected tags into one…” in the list)."
)


@admin.register(Tag)
class TagAdmin(StaffCurationMixin, SimpleHistoryAdmin):
    """Tags with their live claims. A rename or a merge goes through `tag_curation`, so that
    each claim carrying the tag records the change and gets a new version."""

    form = TagAdminForm
    list_display = ["name", "claim_count"]
    search_fields = ["name"]
    actions = ["merge_tags"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(claim_count=Count("claims", filter=Q(claims__deleted_at__isnull=True)))
        )

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, tag):
        return tag.claim_count

    def save_model(self, request, obj, form, change):
        if change:
            claim_services.tag_rename(tag=obj, name=form.cleaned_data["name"], user=request.user)
        else:
            super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and not (obj is not None and _carried([obj]))

    def delete_queryset(self, request, queryset):
        carried = _carried(queryset)
        queryset.exclude(pk__in=carried).delete()
        if carried:
            kept = ngettext(
                "%(count)d tag is carried by claims and was kept.",
                "%(count)d tags are carried by claims and were kept.",
                len(carried),
            )
            self.message_user(request, f"{kept % {'count': len(carried)}} {IN_USE}", messages.ERROR)

    @admin.action(description="Merge selected tags into one…")
    def merge_tags(self, request, queryset):
        tags = list(queryset.order_by("name"))
        if len(tags) < 2:
            self.message_user(request, _("Select at least two tags to merge."), messages.WARNING)
            return None
        if not request.POST.get("target"):
            return TemplateResponse(
                request,
                "admin/claims/tag/merge.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Merge tags"),
                    "tags": tags,
                    "opts": self.model._meta,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        target = next((tag for tag in tags if str(tag.pk) == request.POST["target"]), None)
        if target is None:
            self.message_user(request, _("Choose which tag to keep."), messages.ERROR)
            return None
        try:
            claim_services.tag_merge(target=target, duplicates=tags, user=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
            )
            return None
        merged = len(tags) - 1
        self.message_user(
            request,
            ngettext(
                "Merged %(count)d tag into “%(target)s”.",
                "Merged %(count)d tags into “%(target)s”.",
                merged,
            )
            % {"count": merged, "target": target.name},
            messages.SUCCESS,
        )
        return None
