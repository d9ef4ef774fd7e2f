from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from articles.models import Article
        from claims.aggregates import evidence_changed
        from claims.models import Claim, ClaimLink, Source, Tag

        # What the cached aggregates count: any change to it retires their version.
        for model in (Article, Source, Tag, Claim, ClaimLink):
            uid = f"evidence-changed-{model._meta.label_lower}"
            post_save.connect(evidence_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(evidence_changed, sender=model, dispatch_uid=uid)
        m2m_changed.connect(
            evidence_changed, sender=Claim.tags.through, dispatch_uid="evidence-changed-claim-tags"
        )
