"""Settings for the test suite: fast hashing, throwaway media, same database rules."""

import tempfile

from project.env import env_int

from .local import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="corroborate-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["*"]
STATIC_ROOT = tempfile.mkdtemp(prefix="corroborate-test-static-")
WHITENOISE_USE_FINDERS = True
# Every test sees freshly computed aggregates (their own tests switch the cache on; the
# two-server test turns it on in the servers it starts).
AGGREGATE_CACHE_SECONDS = env_int("TEST_AGGREGATE_CACHE_SECONDS", 0)
# Jobs run inline (the immediate backend) and write their progress in the test's transaction.
JOBS_INLINE = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASES.pop("jobs", None)  # noqa: F405
