from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"

    def ready(self) -> None:
        from articles.receivers import move_outlets_on_source_merge
        from sources.signals import source_merging

        source_merging.connect(move_outlets_on_source_merge, dispatch_uid="articles-outlets")

        from articles.jobs import register_kinds

        register_kinds()
