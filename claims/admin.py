"""Curation of sources, claims, links and tags. Every write goes through `claims.services`."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from claims import (
    admin_registry,  # noqa: F401 (registers the sources and tags)
    services,
)
from claims.admin_parts import (
    DeletedFilter,
    EditLockAdminMixin,
    EditLockForm,
    GradedReliabilityFilter,
    ViewOnlyHistoryMixin,
)
from claims.models import (
    WORKFLOW_FIELDS,
    Claim,
    ClaimLink,
    ClaimStatus,
    LinkStatus,
    graded_reliability_expression,
)
from project.admin import StaffCurationMixin


def _report(modeladmin, request, done: str | None, failures: list[str]) -> None:
    """Tell the curator what an action did (`done`, a whole sentence, or None when it did
    nothing) and every failure."""
    if done:
        modeladmin.message_user(request, done, messages.SUCCESS)
    for failure in failures:
        modeladmin.message_user(request, failure, messages.ERROR)


class ClaimAdminForm(EditLockForm):
    check_version = staticmethod(services.claim_check_version)

    class Meta:
        model = Claim
        fields = ["article", "start", "end", "quote", "source", "credibility", "statement", "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The quote is compared with the text character for character: keep its white space.
        if "quote" in self.fields:  # not on a page to read only (a deleted claim)
            self.fields["quote"].strip = False


@admin.register(Claim)
class ClaimAdmin(ViewOnlyHistoryMixin, EditLockAdminMixin, StaffCurationMixin, SimpleHistoryAdmin):
    form = ClaimAdminForm
    list_display = [
        "id",
        "short_quote",
        "article",
        "source",
        "grade",
        "status",
        "created_by",
        "created_at",
        "is_live",
    ]
    list_display_links = ["id", "short_quote"]
    list_filter = [
        "status",
        "credibility",
        GradedReliabilityFilter,
        "source__kind",
        DeletedFilter,
        "tags",
    ]
    # "=uuid": a claim named in a file (urn:uuid:… in JSON-LD) is found by its uuid.
    search_fields = ["quote", "statement", "source__name", "article__title", "=uuid"]
    list_select_related = ["article", "source", "created_by"]
    autocomplete_fields = ["article", "source", "tags"]
    readonly_fields = [
        "prefix",
        "suffix",
        *WORKFLOW_FIELDS,
        "deleted_at",
        "deleted_by",
        "uuid",
    ]
    # The article first, shown (not offered) once the claim is recorded: the form's own order.
    fields = [*ClaimAdminForm.Meta.fields, *readonly_fields]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "restore_selected"]

    def get_readonly_fields(self, request, obj=None):
        # A claim points into its article's text: it never moves to another article.
        if obj is not None:
            return [*self.readonly_fields, "article"]
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # A deleted claim is read, or restored (the list's action), not edited.
        return super().has_change_permission(request, obj) and not (obj and obj.is_deleted)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_deleted)

    def get_deleted_objects(self, objs, request):
        # The delete is soft: the claims leave the lists, and keep their tags, links and
        # history, to be restored (Django's page would list those as deleted too).
        claims = [str(claim) for claim in objs]
        return claims, {Claim._meta.verbose_name_plural: len(claims)}, set(), []

    def get_queryset(self, request):
        return (
            Claim.all_objects.select_related("article", "source", "created_by")
            .defer("article__text")
            .annotate(reliability_graded=graded_reliability_expression())
        )

    @admin.display(description="Quote")
    def short_quote(self, claim):
        return str(claim)

    @admin.display(description=gettext_lazy("Grade"), ordering="reliability_graded")
    def grade(self, claim):
        if claim.source_rerated:
            return _("%(grade)s · source now rated %(now)s") % {
                "grade": claim.grade,
                "now": claim.source.reliability,
            }
        return claim.grade

    @admin.display(description="Live", boolean=True, ordering="deleted_at")
    def is_live(self, claim):
        return not claim.is_deleted

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        tags = [tag.name for tag in data["tags"]]
        if change:
            changed = {f: data[f] for f in form.changed_data if f in services.EDITABLE_CLAIM_FIELDS}
            if changed.keys() & {"start", "end", "quote"}:
                changed.update(start=data["start"], end=data["end"], quote=data["quote"])
            changed["tags"] = tags
            was_approved = obj.status == ClaimStatus.APPROVED
            claim = services.claim_update(
                claim=obj, user=request.user, version=data.get("version"), **changed
            )
            if was_approved and claim.status == ClaimStatus.SUBMITTED:
                self.message_user(
                    request,
                    _(
                        "Claim %(id)s was approved; the edit changed what was approved, so it "
                        "is back in the review queue."
                    )
                    % {"id": claim.pk},
                    messages.WARNING,
                )
        else:
            claim = services.claim_create(
                article=data["article"],
                start=data["start"],
                end=data["end"],
                quote=data["quote"],
                source=data["source"],
                credibility=data["credibility"],
                statement=data["statement"],
                tags=tags,
                created_by=request.user,
            )
            obj.pk = claim.pk

    def save_related(self, request, form, formsets, change):
        # Tags were saved by the service together with the claim.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.claim_delete(claim=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        already = queryset.filter(deleted_at__isnull=False).count()
        for claim in queryset.filter(deleted_at__isnull=True):
            services.claim_delete(claim=claim, user=request.user)
        if already:
            skipped = ngettext(
                "%(count)d claim was deleted already and was left as it is.",
                "%(count)d claims were deleted already and were left as they are.",
                already,
            )
            self.message_user(request, skipped % {"count": already}, messages.WARNING)

    @admin.action(description="Approve selected submitted claims")
    def approve_selected(self, request, queryset):
        done, failures = 0, []
        # Counted before approving: an approved claim is no longer submitted.
        skipped = queryset.exclude(status=ClaimStatus.SUBMITTED).count()
        for claim in queryset.filter(status=ClaimStatus.SUBMITTED):
            try:
                services.claim_approve(claim=claim, reviewer=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failures.append(
                    _("Claim %(id)s: %(reason)s")
                    % {"id": claim.pk, "reason": " ".join(getattr(error, "messages", [str(error)]))}
                )
        if skipped:
            failures.append(
                ngettext(
                    "%(count)d selected claim was not submitted and was left alone.",
                    "%(count)d selected claims were not submitted and were left alone.",
                    skipped,
                )
                % {"count": skipped}
            )
        approved = ngettext("%(count)d claim approved.", "%(count)d claims approved.", done)
        _report(self, request, approved % {"count": done} if done else None, failures)

    @admin.action(description="Restore selected deleted claims")
    def restore_selected(self, request, queryset):
        done = 0
        for claim in queryset.filter(deleted_at__isnull=False):
            services.claim_restore(claim=claim, user=request.user)
            done += 1
        restored = ngettext("%(count)d claim restored.", "%(count)d claims restored.", done)
        _report(self, request, restored % {"count": done} if done else None, [])


class ClaimLinkAdminForm(EditLockForm):
    check_version = staticmethod(services.link_check_version)

    class Meta:
        model = ClaimLink
        fields = ["kind", "claim_a", "claim_b", "note", "status"]

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("claim_a"), cleaned.get("claim_b")
        if first and second and first.pk == second.pk:
            self.add_error("claim_b", _("A claim cannot be linked to itself."))
        # Links are stored lower id first; let the curator pick the two claims in any order.
        if first and second and first.pk > second.pk:
            cleaned["claim_a"], cleaned["claim_b"] = second, first
        if self.instance.pk and cleaned.get("status") == LinkStatus.CONFIRMED:
            refusal = services.link_confirm_refusal(self.instance.claim_a, self.instance.claim_b)
            if refusal:
                self.add_error("status", refusal)
        return cleaned


@admin.register(ClaimLink)
class ClaimLinkAdmin(
    ViewOnlyHistoryMixin, EditLockAdminMixin, StaffCurationMixin, SimpleHistoryAdmin
):
    form = ClaimLinkAdminForm
    list_display = ["id", "kind", "claim_a", "claim_b", "status", "created_by", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["note", "claim_a__quote", "claim_b__quote", "=uuid"]
    list_select_related = ["claim_a", "claim_b", "created_by"]
    autocomplete_fields = ["claim_a", "claim_b"]
    readonly_fields = ["created_by", "created_at", "decided_by", "decided_at", "uuid"]
    actions = ["confirm_selected", "dismiss_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "kind", "claim_a", "claim_b", "note"]
        # A new link is proposed: a reviewer other than its proposer decides it (offering the
        # choice here dropped it while the page said the link was added).
        return [*self.readonly_fields, "status"]

    def save_model(self, request, obj, form, change):
        if change and "status" not in form.changed_data:
            return  # only the status can change: a save without a new one decides nothing
        if change:
            services.link_set_status(
                link=obj,
                status=form.cleaned_data["status"],
                user=request.user,
                version=form.cleaned_data["version"],
            )
        else:
            data = form.cleaned_data
            obj.pk = services.link_create(
                kind=data["kind"],
                claim_a=data["claim_a"],
                claim_b=data["claim_b"],
                note=data.get("note", ""),
                user=request.user,
            ).pk

    def _set_status(self, request, queryset, status: str) -> tuple[int, list[str]]:
        """Decide every selected link; how many were decided, and why the others were not."""
        done, failures = 0, []
        for link in queryset:
            try:
                # A bulk action decides on the links as they are now.
                services.link_set_status(
                    link=link, status=status, user=request.user, version=link.version
                )
                done += 1
            except (ValidationError, PermissionDenied) as error:
                failures.append(
                    _("Link %(id)s: %(reason)s")
                    % {"id": link.pk, "reason": " ".join(getattr(error, "messages", [str(error)]))}
                )
        return done, failures

    @admin.action(description="Confirm selected links")
    def confirm_selected(self, request, queryset):
        done, failures = self._set_status(request, queryset, LinkStatus.CONFIRMED)
        confirmed = ngettext("%(count)d link confirmed.", "%(count)d links confirmed.", done)
        _report(self, request, confirmed % {"count": done} if done else None, failures)

    @admin.action(description="Dismiss selected links")
    def dismiss_selected(self, request, queryset):
        done, failures = self._set_status(request, queryset, LinkStatus.DISMISSED)
        dismissed = ngettext("%(count)d link dismissed.", "%(count)d links dismissed.", done)
        _report(self, request, dismissed % {"count": done} if done else None, failures)
