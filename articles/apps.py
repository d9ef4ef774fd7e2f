from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self) -> None:
        from articles.receivers import keep_outlets_in_use, move_outlets_on_source_merge
        from sources.signals import source_kind_changing, source_merging

        source_merging.connect(move_outlets_on_source_merge, dispatch_uid="articles-outlets")
        source_kind_changing.connect(keep_outlets_in_use, dispatch_uid="articles-outlet-kind")

        from articles.jobs import register_kinds

        register_kinds()
