from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The bottom layer as an app, for two things: rules that must hold whichever app or command
    saves a user, and how each database session is set up, are connected here, once every model
    is loaded (Django's place for signals; an upper app's ready() would put a project rule in
    the wrong layer)."""

    name = "project"
    verbose_name = "Corroborate"

    def ready(self) -> None:
        from project import caseless, prepared, throttling, time_zones, tokens

        caseless.connect()
        prepared.connect()
        throttling.connect()
        tokens.connect()
        time_zones.connect()
