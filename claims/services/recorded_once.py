"""A claim recorded once per request key (ADR 0020).

On a phone the answer to a save can be lost after the server has recorded the claim; the
analyst, told the server could not be reached, saves again. A client that sends an
`Idempotency-Key` with the request (a new one for each new claim, the same one when it sends
that request again) gets the claim recorded the first time back, not a second copy. The key is
stored on the claim, unique per author (a database constraint), so two copies of the request
arriving at once record it once too.
"""

from collections.abc import Mapping, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from claims.models import Claim
from claims.services.claims import MAX_CLAIMS_PER_BATCH, claim_create, claims_create
from project import roles
from project.errors import Conflict

User = AbstractBaseUser


def claims_create_once(
    *,
    items: Sequence[Mapping | ValidationError],
    created_by: User,
    request_key: str | None,
    batch: bool = False,
) -> tuple[list[Claim], bool]:
    """`claim_create` (one item) or, with `batch`, `claims_create`, recorded under
    `request_key`: `(claims, True)` when they were recorded now; `(claims, False)`, the claims
    as stored, when this author recorded them under this key before. The claims are keyed
    `key/0`, `key/1`, and so on (a single claim too: it is the same request as a batch of one).
    A key used before for other passages, or by a request of another size, is refused with
    `Conflict`. Without a key they are recorded, as ever, with no
    query more."""
    if request_key is None or (batch and (not items or len(items) > MAX_CLAIMS_PER_BATCH)):
        if batch:  # refused there if empty or too large
            return claims_create(items=items, created_by=created_by), True
        return [claim_create(**items[0], created_by=created_by)], True
    if not roles.can_add_claim(created_by):
        raise PermissionDenied("Only analysts can record claims.")
    count = len(items)
    # A single claim is stored as a batch of one is, so that two requests under one key, of
    # whatever shape, collide in the constraint when they arrive at once (a single one stored
    # under the bare key was not seen by a batch inserting `key/0` at the same moment).
    keys = [f"{request_key}/{n}" for n in range(count)]
    # Also a single claim stored under the bare key (before), and the key a larger batch used.
    others = [request_key, f"{request_key}/{count}"]
    earlier = _recorded_under(keys + others, created_by)
    if earlier:
        return _replayed(items, keys, earlier, request_key), False
    try:
        if batch:
            claims = claims_create(items=items, created_by=created_by, request_keys=keys)
        else:
            claims = [claim_create(**items[0], created_by=created_by, request_key=keys[0])]
    except ValidationError:
        # The same request, sent twice at once, recorded by the other copy: the constraint
        # refused this one.
        earlier = _recorded_under(keys + others, created_by)
        if not earlier:
            raise
        return _replayed(items, keys, earlier, request_key), False
    return claims, True


def _recorded_under(keys: list[str], created_by: User) -> list[Claim]:
    """The claims `created_by` recorded under `keys`, in the order of `keys`, as the services
    return them (article, source, people and tags loaded)."""
    claims = (
        Claim.all_objects.filter(created_by=created_by, request_key__in=keys)
        .select_related("article", "source", "created_by", "reviewed_by")
        .prefetch_related("tags")
    )
    order = {key: n for n, key in enumerate(keys)}
    return sorted(claims, key=lambda claim: order[claim.request_key])


def _replayed(
    items: Sequence, keys: list[str], earlier: list[Claim], request_key: str
) -> list[Claim]:
    """`earlier` if it holds the claims of `keys` and they record the passages `items` ask for
    (article, span, source); a `Conflict` if the key was used for others, or for a request of
    another size."""
    stored = [
        f"{request_key}/0" if claim.request_key == request_key else claim.request_key
        for claim in earlier
    ]
    same = stored == keys and all(
        isinstance(item, Mapping)
        and (item["article"].pk, item["start"], item["end"], item["source"].pk)
        == (claim.article_id, claim.start, claim.end, claim.source_id)
        for item, claim in zip(items, earlier, strict=False)
    )
    if not same:
        raise Conflict(
            _(
                "The Idempotency-Key “%(key)s” was used before, for claim %(id)d, in a request "
                "for other claims: send each new claim or batch with a new key."
            )
            % {"key": request_key, "id": earlier[0].pk},
            code="idempotency_key_reused",
            current={"id": earlier[0].pk},
        )
    return earlier
