"""The rules of API tokens, in one place: a token (DRF's, one per user) expires `API_TOKEN_DAYS`
after it was created (0: never); it is revoked when its user's password changes or the account
is deactivated, whatever does it (the password page, the admin, `set_password()` and `save()`,
`manage.py changepassword`); the user sees, creates and revokes their own on the token page.

The API refuses an expired token through `ExpiringTokenAuthentication`, which is in this module
because DRF reads DEFAULT_AUTHENTICATION_CLASSES while it defines APIView: this module must not
import rest_framework.views (nor anything that does), or the two would import each other
half-initialised. The token endpoint is in `project.throttling`.
"""

import datetime
import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, identify_hasher
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import SAFE_METHODS

from project import roles
from project.prepared import PreparedRead

#: Where a script's user gets a new token, said in every refusal of an expired one.
HOW_TO_RENEW = (
    "Get a new one: POST your username and password to /api/auth/token/, "
    "or create one on the API token page (/accounts/tokens/)."
)


def token_lifetime() -> datetime.timedelta | None:
    """How long a token is accepted after it was created; None when tokens never expire."""
    days = settings.API_TOKEN_DAYS
    return datetime.timedelta(days=days) if days > 0 else None


def token_expires_at(token: Token) -> datetime.datetime | None:
    """When `token` stops being accepted; None when tokens never expire."""
    lifetime = token_lifetime()
    return token.created + lifetime if lifetime else None


def token_is_expired(token: Token, *, now: datetime.datetime | None = None) -> bool:
    expires_at = token_expires_at(token)
    return expires_at is not None and expires_at <= (now or timezone.now())


def token_of(user) -> Token | None:
    """The user's token, or None when they have none."""
    return Token.objects.filter(user=user).first()


def token_create(*, user) -> Token:
    """A new token for `user`, replacing the one they had (scripts using it stop working)."""
    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def token_revoke(*, user) -> bool:
    """Delete the user's token; False when they had none."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted > 0


def token_for_login(*, user) -> Token:
    """The token the token endpoint hands out once the password is right: the current one
    while it is valid, a fresh one in place of an expired one (or of none)."""
    token, _ = Token.objects.get_or_create(user=user)
    if token_is_expired(token):
        token = token_create(user=user)
    return token


@functools.cache
def _token_columns() -> tuple[list[str], list[str]]:
    """The concrete fields of a token and of its user, as `Model.from_db` takes them."""
    return (
        [field.attname for field in Token._meta.concrete_fields],
        [field.attname for field in get_user_model()._meta.concrete_fields],
    )


#: A token with its user: compiled once (`project.prepared`), as `select_related("user")`
#: costs more to build on each request than the database takes to answer it.
_TOKEN_WITH_USER = PreparedRead(
    lambda key: Token.objects.filter(key=key).values_list(
        *_token_columns()[0], *(f"user__{name}" for name in _token_columns()[1])
    ),
    kinds=(str,),
)


def _role_flags() -> dict[str, Exists]:
    """Whether the token's user is in each role group, as columns of the token's one query."""
    memberships = get_user_model().groups.through.objects.filter(user_id=OuterRef("user_id"))
    return {f"in_{role}": Exists(memberships.filter(group__name=role)) for role in roles.ROLES}


#: The same with the user's roles, for a write (which always asks them), compiled once too:
#: built on each request, its three EXISTS cost a quarter of a claim's creation.
_TOKEN_WITH_USER_AND_ROLES = PreparedRead(
    lambda key: (
        Token.objects.filter(key=key)
        .annotate(**_role_flags())
        .values_list(
            *_token_columns()[0],
            *(f"user__{name}" for name in _token_columns()[1]),
            *(f"in_{role}" for role in roles.ROLES),
        )
    ),
    kinds=(str,),
)


def token_with_user(key: str, *, with_roles: bool = False) -> Token | None:
    """The token `key` with its user loaded (one query), or None when there is none; with
    `with_roles`, the user's role flags as `in_<role>` attributes of the token."""
    read = _TOKEN_WITH_USER_AND_ROLES if with_roles else _TOKEN_WITH_USER
    rows = read.rows(key, offset=0, limit=1)
    if not rows:
        return None
    token_fields, user_fields = _token_columns()
    row, ends = rows[0], len(token_fields) + len(user_fields)
    token = Token.from_db(read.using, token_fields, row[: len(token_fields)])
    user = get_user_model().from_db(read.using, user_fields, row[len(token_fields) : ends])
    Token._meta.get_field("user").set_cached_value(token, user)
    if with_roles:
        for role, member in zip(roles.ROLES, row[ends:], strict=True):
            setattr(token, f"in_{role}", bool(member))
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing a token older than `API_TOKEN_DAYS` with 401 and a
    message saying it expired and how to get a new one. For a write, which always asks the
    user's roles, the token, its user and the roles are read in one query (the roles would cost
    one more); a read, which mostly does not, reads the token and user alone (the role columns
    cost more in the database than the rare role query they save); both compiled once
    (`token_with_user`)."""

    with_roles = False

    def authenticate(self, request):
        self.with_roles = request.method not in SAFE_METHODS
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        token = token_with_user(key, with_roles=self.with_roles)
        if token is None:
            raise AuthenticationFailed(_("Invalid token."))
        user = token.user
        if not user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        if self.with_roles:
            roles.remember_roles(
                user, frozenset(role for role in roles.ROLES if getattr(token, f"in_{role}"))
            )
        if token_is_expired(token):
            expired_on = timezone.localtime(token_expires_at(token)).strftime("%Y-%m-%d %H:%M %Z")
            raise AuthenticationFailed(
                f"This API token expired on {expired_on}. {HOW_TO_RENEW}", code="token_expired"
            )
        return user, token


# Revocation. The user row is compared before it is saved, so every way of changing a password
# or deactivating an account is seen, and the token is deleted once the save went through.


def _outdated_hash(encoded: str) -> bool:
    """Whether a login would replace this stored hash (as `check_password` decides: another
    algorithm than the preferred hasher's, or a lower work factor)."""
    try:
        hasher = identify_hasher(encoded)
    except ValueError:
        return False
    preferred = get_hasher("default")
    return hasher.algorithm != preferred.algorithm or preferred.must_update(encoded)


def _revokes_tokens(user, stored: dict) -> bool:
    """Whether saving `user` over the `stored` row changes the password or deactivates them."""
    if stored["is_active"] and not user.is_active:
        return True
    if user.password == stored["password"]:
        return False
    if not user.has_usable_password():
        return True
    # A login re-hashes an outdated hash (same password, new algorithm or work factor) and
    # saves it without the raw password Django keeps after set_password(): that is no change.
    rehashed_at_login = getattr(user, "_password", None) is None and _outdated_hash(
        stored["password"]
    )
    return not rehashed_at_login


def _note_revocation(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    instance._revoke_api_token = False
    if raw or instance._state.adding or instance.pk is None:
        return
    # A login saves only last_login: no query, nothing to revoke.
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values("password", "is_active").first()
    instance._revoke_api_token = stored is not None and _revokes_tokens(instance, stored)


def _revoke_noted(sender, instance, raw=False, **kwargs) -> None:
    if getattr(instance, "_revoke_api_token", False):
        instance._revoke_api_token = False
        token_revoke(user=instance)


def connect() -> None:
    """Revoke a user's token whenever their password changes or they are deactivated (called
    once, from `project.apps.ProjectConfig.ready`)."""
    pre_save.connect(_note_revocation, sender=settings.AUTH_USER_MODEL, dispatch_uid="tokens-pre")
    post_save.connect(_revoke_noted, sender=settings.AUTH_USER_MODEL, dispatch_uid="tokens-post")
