from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The bottom layer as an app, for one thing: rules that must hold whichever app or command
    saves a user are connected here, once every model is loaded (Django's place for signals;
    an upper app's ready() would put a project rule in the wrong layer)."""

    name = "project"
    verbose_name = "Corroborate"

    def ready(self) -> None:
        from project import tokens

        tokens.connect()
