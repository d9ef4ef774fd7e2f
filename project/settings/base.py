"""Settings shared by every environment.

Every secret and every address comes from the environment, parsed here and nowhere else.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from project.env import env_bool, env_int, env_list, env_log_level, env_str
from project.storage import default_storage_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "project.responses.csrf_failure"

INSTALLED_APPS = [
    # Django's admin, its lists refusing filters the database cannot run (project/admin_site.py).
    "project.admin_site.CorroborateAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # The apps, bottom layer first: each imports only those above it in this list
    # (docs/architecture.md; tests/test_layers.py keeps it true).
    "project",
    "jobs",
    "sources",
    "articles",
    "claims",
    "suggestions",
    "exports",
    "discussion",
]

# Pages of lower apps' models live in the apps above them (an article's page is its reading view,
# a source's page lists its claims): the addresses are composed here, where every app is known.
ABSOLUTE_URL_OVERRIDES = {
    "articles.article": lambda article: reverse("claims:reading", args=[article.pk]),
    "sources.source": lambda source: reverse("claims:source-detail", args=[source.pk]),
}

MIDDLEWARE = [
    # First: a body larger than anything the site takes is refused before anything reads it.
    "project.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "project.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "project.middleware.AddressMiddleware",  # Django's CommonMiddleware, and 308 under /api/
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "project.middleware.LoginRequiredMiddleware",
    "project.middleware.SamePersonMiddleware",
    "project.middleware.NumberTooLargeMiddleware",
    # After the session and the login: the pages show times in their reader's zone.
    "project.time_zones.ReaderTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into `project.throttling`'s answer.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): the pages load only their own module scripts and style
# sheets, so nothing inline runs; violations are reported to /csp-report/ and logged.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "report-uri": "/csp-report/",
    }
}
#: Browser features no page uses, switched off (`project.middleware.SecurityHeadersMiddleware`).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Login throttling (project/throttling.py): every password check goes through axes first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
# Per address and, separately, per account: spreading guesses over addresses does not help.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# A success clears that account's failures only (`project.throttling.clear_failures`).
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "project.throttling.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The address counted is the peer's own (REMOTE_ADDR), which a client cannot forge. Behind N
# reverse proxies that append to X-Forwarded-For, set TRUSTED_PROXY_COUNT=N: the address the
# outermost of them saw (`project.throttling.client_address`).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "project.throttling.client_address"

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "project.context_processors.user_roles",
                "claims.context_processors.my_claims",
                "discussion.context_processors.new_comments",
            ],
        },
    },
]

try:
    DATABASES = {
        "default": dj_database_url.parse(
            env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
            conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
except (ValueError, dj_database_url.UnknownSchemeError):
    # The library's own message lists engines this project refuses, and never names the
    # setting; the value is not echoed (it may hold a password).
    raise ImproperlyConfigured(
        "DATABASE_URL is not a database address: it must look like "
        "postgres://USER:PASSWORD@HOST:5432/NAME or sqlite:////path/to/file.db."
    ) from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with a health check that costs no round trip (project/postgresql).
    DATABASES["default"]["ENGINE"] = "project.postgresql"
#: PostgreSQL: plan each hot read once per session (project/prepared.py). Off behind a pooler
#: that shares sessions between clients by transaction (PgBouncer's transaction mode).
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
#: SQLite, the embedded default, with several writers at once: a transaction takes the write
#: lock when it begins (IMMEDIATE), so two never deadlock upgrading read locks; a writer waits up
#: to 20 s for another rather than fail with "database is locked"; WAL lets readers go on while
#: one writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
if DATABASES["default"]["ENGINE"] not in (
    "django.db.backends.sqlite3",
    "project.postgresql",
):
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
#: Where the language detector's model is unpacked once, to be mapped by every process
#: (articles/ingest/language_model.py). Unwritable: each process loads the model instead.
LANGUAGE_MODEL_DIR = Path(env_str("LANGUAGE_MODEL_DIR", str(BASE_DIR / ".cache")))

# Uploaded originals: local disk, or an S3-compatible bucket when STORAGE_BUCKET is set
# (project/storage.py). Static files: compressed and fingerprinted, served by whitenoise.
STORAGES = {
    "default": default_storage_from_environment(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Largest upload accepted, in bytes (issue: ingestion). Requests a little larger than this are
# still read so the form can say what went wrong instead of failing the connection.
ARTICLE_MAX_UPLOAD_BYTES = env_int("ARTICLE_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# A PDF's reading is bounded too (a few MB can hold tens of thousands of pages): longer ones, or
# ones that take longer to read, are refused with a message.
ARTICLE_PDF_MAX_PAGES = env_int("ARTICLE_PDF_MAX_PAGES", 300)
ARTICLE_PDF_MAX_SECONDS = env_int("ARTICLE_PDF_MAX_SECONDS", 10)
DATA_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_UPLOAD_BYTES + 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns "not logged in" into 401, not 403.
        # Tokens expire after API_TOKEN_DAYS (project/tokens.py).
        "project.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["project.api_permissions.ReadsOrHasARole"],
    "DEFAULT_RENDERER_CLASSES": [
        "project.renderers.OrjsonRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "project.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["project.filtersets.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "project.api.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "project.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "project.api_errors.ErrorsAutoSchema",
    "UNAUTHENTICATED_USER": None,
}

#: Days an API token is accepted after it was created (0: forever); the token endpoint and the
#: token page hand out a new one (project/tokens.py).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 30)
if API_TOKEN_DAYS < 0:
    raise ImproperlyConfigured("API_TOKEN_DAYS must be 0 (tokens never expire) or more.")

SPECTACULAR_SETTINGS = {
    "TITLE": "Corroborate API",
    "DESCRIPTION": "Articles, sources, claims and the links between them.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "sources.models.SourceKind",
        "ReliabilityEnum": "sources.models.Reliability",
        "CredibilityEnum": "claims.models.Credibility",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "LinkKindEnum": "claims.models.LinkKind",
        "LinkStatusEnum": "claims.models.LinkStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Each line says when, how grave, which process and which logger: the web servers' and the
    # workers' lines land in one stream (gunicorn's stderr, a worker's output) and are read
    # together when something failed.
    "formatters": {
        "stamped": {
            "format": "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "stamped"}},
    "root": {"handlers": ["console"], "level": env_log_level("LOG_LEVEL", "INFO")},
    # django-axes notes every successful login at INFO; lockouts, which matter, are warnings.
    # Django's own logger prints to the console by itself while DEBUG is on: it only passes its
    # records to the root's handler here, or each line would be printed twice.
    "loggers": {"axes": {"level": "WARNING"}, "django": {"handlers": [], "propagate": True}},
}

# Dashboard and board aggregates are cached until the evidence changes (claims.aggregates); the
# timeout only bounds how long unused entries are kept. 0 switches the cache off.
AGGREGATE_CACHE_SECONDS = env_int("AGGREGATE_CACHE_SECONDS", 600)

# The largest claim set POST /api/import/ accepts (bigger ones: `manage.py import_claims`).
CLAIM_IMPORT_MAX_BYTES = env_int("CLAIM_IMPORT_MAX_MB", 100) * 1_000_000
# The largest request body read at all (project.middleware.RequestSizeLimitMiddleware): the
# largest thing the site takes (a claim set to import), with room for the form around it.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_MB", CLAIM_IMPORT_MAX_BYTES // 1_000_000 + 10) * 1_000_000

# Suggestions (issue 14): after an upload or import the new article is read for suggestions at
# once, in the request; its pairing with every stored figure stops after this many seconds
# (`manage.py suggest --article ID` finishes what was cut short).
SUGGEST_INLINE_BUDGET = env_int("SUGGEST_INLINE_BUDGET_SECONDS", 2)

# Background jobs (jobs/, docs/adr/0009-background-jobs.md). With JOBS_INLINE a job runs at once
# in the request that starts it (the embedded setup with no worker); without, it is queued in
# the database and `manage.py db_worker` runs it.
JOBS_INLINE = env_bool("JOBS_INLINE", False)
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if JOBS_INLINE
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
# A running job whose worker has not said it is alive for this long is marked failed ("stopped:
# the worker died") when jobs are next read; the worker beats every few seconds (jobs.runner).
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 120)
# Work above these sizes becomes a job; below them it is done in the request as before.
CLAIM_IMPORT_JOB_BYTES = env_int("CLAIM_IMPORT_JOB_MB", 5) * 1_000_000
#: A download streams at most this many claims; a larger export is refused with the way to
#: prepare it as a file in the background, rather than cut off when the request outlives
#: gunicorn's `WEB_TIMEOUT` (the worker is killed mid-file). Measured: bench/README.md, "An
#: export reads one snapshot (twelfth session)". 0: no limit (a server with no request timeout).
EXPORT_STREAM_MAX_CLAIMS = env_int("EXPORT_STREAM_MAX_CLAIMS", 100_000)
#: Exports to files one person may have waiting or running at once; one more is refused (429)
#: until one finishes. A file of a million claims is about 1 GB and minutes of a worker.
EXPORT_JOBS_PER_USER = env_int("EXPORT_JOBS_PER_USER", 3)
ARTICLE_EXTRACT_JOB_BYTES = int(env_int("ARTICLE_EXTRACT_JOB_KB", 1000) * 1000)
# On PostgreSQL a job writes its progress through a second connection, so it shows while the
# work's own transaction is still open (an import is all or nothing).
if DATABASES["default"]["ENGINE"] == "project.postgresql":
    DATABASES["jobs"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
