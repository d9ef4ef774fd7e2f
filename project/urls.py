from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.decorators.http import require_http_methods
from drf_spectacular.views import SpectacularSwaggerSplitView

from project.health import healthz, readyz
from project.security import csp_report
from project.throttling import obtain_auth_token
from project.views import SchemaView, api_token, api_token_create, api_token_revoke, time_zone

#: Django's form views take PUT as a POST; the site's pages answer it with 405.
_forms_only = require_http_methods(["GET", "HEAD", "POST"])

api_patterns = [
    path("auth/token/", obtain_auth_token, name="token"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The docs page is for people in a browser: send them to log in rather than answer 401.
    path(
        "docs/",
        login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    path("", include("articles.api.urls")),
    path("", include("claims.api.urls")),
    path("", include("suggestions.api.urls")),
    path("", include("exports.api.urls")),
    path("", include("jobs.api.urls")),
    path("", include("discussion.api.urls")),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("csp-report/", csp_report, name="csp-report"),
    path("accounts/login/", _forms_only(auth_views.LoginView.as_view()), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        _forms_only(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/tokens/", api_token, name="tokens"),
    path("accounts/tokens/create/", api_token_create, name="token-create"),
    path("accounts/tokens/revoke/", api_token_revoke, name="token-revoke"),
    path("accounts/time-zone/", time_zone, name="time-zone"),
    path("api/", include((api_patterns, "api"))),
    path("articles/", include("articles.urls")),
    path("exports/", include("exports.urls")),
    path("suggestions/", include("suggestions.urls")),
    path("jobs/", include("jobs.urls")),
    path("discussion/", include("discussion.urls")),
    path("", include("claims.urls")),
]

handler400 = "project.responses.bad_request"
handler404 = "project.responses.page_not_found"
handler500 = "project.responses.server_error"
