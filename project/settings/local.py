"""Local development: safe defaults, SQLite unless DATABASE_URL says otherwise."""

from project.env import env_bool, env_list, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# No worker runs here by default (`make run`): jobs run in the request that starts them.
JOBS_INLINE = env_bool("JOBS_INLINE", True)
TASKS["default"]["BACKEND"] = (  # noqa: F405
    "django_tasks.backends.immediate.ImmediateBackend"
    if JOBS_INLINE
    else "django_tasks_db.DatabaseBackend"
)
SECRET_KEY = env_str("SECRET_KEY", "") or "local-development-only-not-a-secret"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
