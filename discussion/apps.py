from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "discussion"

    def ready(self) -> None:
        from claims.demo.loader import DEMO_STEPS
        from discussion import demo, sections

        sections.register()
        if demo.add_comments not in DEMO_STEPS:
            DEMO_STEPS.append(demo.add_comments)
