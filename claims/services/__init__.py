"""Every write to claims, their tags and the links between them, in six modules: `claims`
(recording, editing, soft delete), `recorded_once` (a recording sent again under its request
key), `review` (submit, withdraw, approve, reject), `links`, `tag_names` and `tag_curation`
(renaming and merging tags);
all are read here as one `claims.services`, which is what views, the API, the admin and
commands call."""

from claims.services.claims import (
    EDITABLE_CLAIM_FIELDS,
    MAX_CLAIMS_PER_BATCH,
    claim_check_version,
    claim_create,
    claim_delete,
    claim_restore,
    claim_update,
    claims_create,
)
from claims.services.links import (
    link_check_version,
    link_confirm_refusal,
    link_create,
    link_delete,
    link_set_status,
)
from claims.services.recorded_once import claims_create_once
from claims.services.review import (
    claim_approve,
    claim_reject,
    claim_submit,
    claim_withdraw,
    claims_approve_bulk,
)
from claims.services.tag_curation import tag_merge, tag_rename
from claims.services.tag_names import MAX_TAGS_PER_CLAIM, tag_slugs, tags_from_names

__all__ = [
    "EDITABLE_CLAIM_FIELDS",
    "MAX_CLAIMS_PER_BATCH",
    "MAX_TAGS_PER_CLAIM",
    "claim_approve",
    "claim_check_version",
    "claim_create",
    "claim_delete",
    "claim_reject",
    "claim_restore",
    "claim_submit",
    "claim_update",
    "claim_withdraw",
    "claims_approve_bulk",
    "claims_create",
    "claims_create_once",
    "link_check_version",
    "link_confirm_refusal",
    "link_create",
    "link_delete",
    "link_set_status",
    "tag_merge",
    "tag_rename",
    "tag_slugs",
    "tags_from_names",
]
