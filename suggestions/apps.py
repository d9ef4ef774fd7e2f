from django.apps import AppConfig


class SuggestionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "suggestions"

    def ready(self) -> None:
        from suggestions import jobs, receivers, sections

        receivers.connect()
        sections.register()
        jobs.register_kind()
