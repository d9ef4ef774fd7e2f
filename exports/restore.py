"""Restoring a JSON claim set: all of it in one transaction, or nothing.
Once it has committed, each article it created is announced as an upload's is (`article_added`:
the suggestions app reads it).

`claim_set_import` checks the whole file first (`exports.validation.read_claim_set`), then
writes it. People, sources and articles are matched or created one at a time (there are few);
claims and links are written in batches through the bulk paths with their history rows, because
they are many (docs/adr/0006-restore-writes-in-bulk.md says why, and which rules are checked
again on the way). Which fields of a record are stored as they are is the field table's
(`exports.records.stored_values`).
"""

import collections
import datetime
import functools
import itertools
from collections.abc import Callable, Iterator
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model

from articles.models import Article
from articles.selectors import texts_held
from articles.services import outlet_allowed
from claims.aggregates import evidence_changed
from claims.models import Claim, ClaimLink, Tag
from exports.claim_set_scratch import IdMap
from exports.import_summary import ImportSummary
from exports.records import ARTICLE, CLAIM, LINK, SOURCE, RecordKind, stored_values
from exports.restore_rows import (
    announce,
    claims_by_uuid,
    deleted_claim_refusal,
    keep_creation_times,
    links_between,
    new_tag_rows,
    one_restore_at_a_time,
    tag_history,
    tags_by_file_name,
    uuids_already_here,
)
from exports.validation import ClaimSet, ClaimSetRefused, read_claim_set
from project import roles
from project.statistics import refresh_statistics
from sources.models import Source
from sources.services import one_line, source_named

User = AbstractBaseUser
END = ("claim_a", "claim_b")
#: Told `(done, total)`: how many claims and links were just done, out of how many in all.
ImportProgress = Callable[[int, int], None]


def _problems_of(error: ValidationError, where: str) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{where}: {name}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [f"{where}: {message}" for message in error.messages]


class _Restore:
    """One restore inside a transaction. Any problem raises `ClaimSetRefused`, which rolls
    the whole transaction back."""

    KINDS = ("users", "sources", "articles", "claims", "links")
    BATCH = 500

    def __init__(self, claim_set: ClaimSet, *, user: User | None, progress: ImportProgress | None):
        self.claim_set = claim_set
        self.user = user
        self.on_progress = progress
        self.total = len(claim_set.claims) + len(claim_set.links)
        export_id = claim_set.export.get("id")
        by = f" by {user.get_username()}" if user is not None else " with import_claims"
        self.reason = f"Imported{by} from export {export_id or '(no id)'}"
        self.summary = ImportSummary(
            created=dict.fromkeys(self.KINDS, 0),
            matched=dict.fromkeys(self.KINDS, 0),
            notes=[],
            export_id=export_id,
        )
        self.users: dict[str, AbstractBaseUser] = {}
        self.sources: dict[int, Source] = {}
        # What grows with the file is not held here: an article's id (not its text) by the
        # file's id, and the claims' ids in the reading's scratch database (flat memory).
        self.articles: dict[int, int] = {}  # the file's article id → the id here
        self.new_articles: list[int] = []  # ids of the articles created here, not matched
        self.claims = IdMap(claim_set.scratch, CLAIM.name, self.BATCH)  # (id here, matched?)
        self.matched_claims: set[int] = set()  # ids here of the claims the file's matched
        self.dated: dict[type, list[tuple[int, datetime.datetime]]] = {}  # a batch at most

    def _instance(self, model: type[Model], kind: RecordKind, record: dict, **related) -> Model:
        """A new, unsaved `model` row from the file's `record` of `kind`: the values the field
        table stores as they are, the people it names, and the `related` rows resolved here."""
        return model(**stored_values(kind, record), **self._people(kind, record), **related)

    def _matched(self, kind: str) -> None:
        """Count a record of `kind` that was already here (and is left as it is)."""
        self.summary.matched[kind] += 1
        self.progress(1)

    def _people(self, kind: RecordKind, record: dict) -> dict[str, AbstractBaseUser | None]:
        """The people a record of `kind` names, as the model attributes that hold them."""
        return {attribute: self.users.get(record[key]) for attribute, key in kind.person_attributes}

    def progress(self, done: int) -> None:
        if self.on_progress is not None:
            self.on_progress(done, self.total)

    def _validated(self, instance, record: dict) -> None:
        """Check a new `instance` made from the file's `record`."""
        try:
            instance.full_clean(**self._clean_options(instance))
        except ValidationError as error:
            raise ClaimSetRefused(_problems_of(error, record["_where"])) from None

    def _dated(self, instance, record: dict) -> None:
        """Give the saved `instance` the creation time (and, for a claim, the time of its last
        change) it had where it came from, a batch at a time (`_keep_creation_times`). A claim
        of a file that leaves out its last change is taken as unchanged since its creation."""
        if record.get("created_at") is not None:
            dated = self.dated.setdefault(type(instance), [])
            times = {"created_at": record["created_at"]}
            if hasattr(instance, "updated_at"):
                times["updated_at"] = record.get("updated_at") or record["created_at"]
            dated.append((instance.pk, times))
            if len(dated) >= self.BATCH:
                self._keep_creation_times()

    def _created(self, kind: str, instance, record: dict) -> None:
        """Validate and save a new `instance` made from the file's `record`, with its history
        entry."""
        self._validated(instance, record)
        instance._history_user = self.user
        instance._change_reason = self.reason
        instance.save()
        self._dated(instance, record)
        self.summary.created[kind] += 1

    def _saved_in_batches(self, kind: str, new: Iterator[tuple]) -> None:
        """Save the validated `(instance, record, tags)` of one model from `new`, a batch at a
        time, each with its history entry (and, for claims, their tags, also in that entry):
        a few queries per batch instead of several per row, and no more than a batch of
        instances in memory. Model signals are not sent, so the aggregates' version is retired
        by hand."""
        while batch := list(itertools.islice(new, self.BATCH)):
            instances = [instance for instance, _, _ in batch]
            model = type(instances[0])
            if refused := uuids_already_here(batch):
                raise ClaimSetRefused(refused)
            model._base_manager.bulk_create(instances)
            tag_rows = new_tag_rows(batch) if model is Claim else []
            history = model.history.bulk_history_create(
                instances, default_user=self.user, default_change_reason=self.reason
            )
            if tag_rows:
                tag_history(history, tag_rows)
            for instance, record, _ in batch:
                self._dated(instance, record)
                if model is Claim:
                    self.claims.add(record["id"], instance.pk, matched=False)
            self.summary.created[kind] += len(batch)
            self.progress(len(batch))
            evidence_changed()

    @staticmethod
    def _clean_options(record) -> dict:
        if isinstance(record, Article):
            return {"exclude": ["original_file", "content_sha256", "outlet", "uploaded_by"]}
        if isinstance(record, Claim | ClaimLink):
            # The file was checked as a whole (spans, choices, pairs), the related rows were
            # just fetched or created, and the database constraints still hold in this
            # transaction: skip the per-row constraint and foreign-key queries.
            related = ["article", "source", "created_by", "reviewed_by", "claim_a", "claim_b"]
            related += ["decided_by"]
            return {"exclude": related, "validate_unique": False, "validate_constraints": False}
        return {}

    def run(self) -> ImportSummary:
        self._users()
        self._sources()
        self._articles()
        self._claims()
        self.claims.flush()
        self._links()
        self._keep_creation_times()
        return self.summary

    def _users(self) -> None:
        """People are matched by username. One the instance does not know is created as an
        inactive account with no password and no role: the claims keep their author and
        reviewer (and the rule that no one reviews their own claim stays checkable), and nobody
        can log in as them until an admin decides to."""
        User = get_user_model()
        existing = User._default_manager.filter(username__in=self.claim_set.usernames)
        self.users = {user.get_username(): user for user in existing}
        self.summary.matched["users"] = len(self.users)
        missing = sorted(self.claim_set.usernames - set(self.users))
        for username in missing:
            user = User(username=username, is_active=False)
            user.set_unusable_password()
            try:
                user.full_clean(exclude=["password"])
            except ValidationError as error:
                raise ClaimSetRefused(_problems_of(error, f"user “{username}”")) from None
            user.save()
            self.users[username] = user
            self.summary.created["users"] += 1
        if missing:
            self.summary.notes.append(
                "Inactive accounts with no role were created for people this instance did not "
                f"know: {', '.join(missing)}. Activate them in the admin if they should log in."
            )

    def _sources(self) -> None:
        """Sources are matched by name, ignoring case and spacing (as when adding one); a match
        keeps its own kind, reliability and description."""
        for record in self.claim_set.sources:
            source = source_named(record["name"])
            if source is None:
                source = self._instance(Source, SOURCE, record)
                source.name = one_line(source.name)
                self._created("sources", source, record)
            else:
                self.summary.matched["sources"] += 1
                if (source.kind, source.reliability) != (record["kind"], record["reliability"]):
                    self.summary.notes.append(
                        f"The source “{source.name}” was already here as {source.kind}, "
                        f"reliability {source.reliability} (the file says {record['kind']}, "
                        f"{record['reliability']}); it was kept as it was, and the claims "
                        "reviewed keep the grades they were evaluated with."
                    )
            self.sources[record["id"]] = source

    def _articles(self) -> None:
        """Articles are matched by the fingerprint of their text; the rest are created from the
        text in the file (already checked to be normalized, so offsets hold)."""
        fingerprints = {record["content_sha256"] for record in self.claim_set.articles}
        found = Article.objects.filter(content_sha256__in=fingerprints).values_list("pk", flat=True)
        # Held until the restore commits, and read again once held: a text edited meanwhile no
        # longer matches (its article is recorded from the file), and a text edit waits for the
        # claims restored into it, and then finds them (as when a claim is recorded).
        held = texts_held(found)
        by_sha = {sha: pk for pk, sha in held.items() if sha in fingerprints}
        for record in self.claim_set.articles:
            article_id = by_sha.get(record["content_sha256"])
            if article_id is not None:
                self.summary.matched["articles"] += 1
                self.articles[record["id"]] = article_id
                continue
            outlet = self.sources.get(record["outlet"])
            if not outlet_allowed(outlet):
                raise ClaimSetRefused(
                    [f"{record['_where']}: the outlet “{outlet.name}” is not a media outlet here."]
                )
            article = self._instance(Article, ARTICLE, record, outlet=outlet)
            self._created("articles", article, record)
            self.new_articles.append(article.pk)
            self.articles[record["id"]] = by_sha[article.content_sha256] = article.pk

    def _claims(self) -> None:
        """Claims are recreated with their status, review and tags. A live claim already on the
        same span of the same article, from the same source and author, is the same claim: it is
        matched and left as it is (so importing a file twice adds nothing). One claim here is
        the same as one claim of the file at most: an analyst may record one passage twice
        from one source (two readings), and the file's second reading is matched to the second
        here, in the order they were recorded, or else recorded."""
        new = set(self.new_articles)
        matched_articles = [pk for pk in self.articles.values() if pk not in new]
        present: dict[tuple, collections.deque[int]] = collections.defaultdict(collections.deque)
        for claim_id, *key in (
            Claim.objects.filter(article_id__in=matched_articles)
            .order_by("created_at", "id")
            .values_list("id", "article_id", "start", "end", "source_id", "created_by_id")
        ):
            present[tuple(key)].append(claim_id)
        self._saved_in_batches("claims", self._new_claims(present))

    def _new_claims(
        self, present: dict[tuple, collections.deque[int]]
    ) -> Iterator[tuple[Claim, dict, list[Tag]]]:
        """The file's claims that are not here yet, validated, with their tags; those that are
        (their uuid, else see `_claims`) are matched on the way, a batch at a time."""
        tags, records = self._tags(), iter(self.claim_set.claims)
        while chunk := list(itertools.islice(records, self.BATCH)):
            here = claims_by_uuid(chunk)
            for record in chunk:
                if self._matched_here(record, here, present):
                    continue
                article_id = self.articles[record["article"]]
                source = self.sources[record["source"]]
                # The article as the claim's checks read it: its id and text, from the scratch.
                article = Article(
                    pk=article_id, text=self.claim_set.scratch.text(record["article"])
                )
                claim = self._instance(Claim, CLAIM, record, article=article, source=source)
                self._validated(claim, record)
                yield claim, record, list(dict.fromkeys(tags[name] for name in record["tags"]))

    def _matched_here(self, record: dict, here: dict, present: dict) -> bool:
        """Whether the file's claim is one here: the live claim of its uuid (a deleted one is
        refused by name), else one on its span from its source and author (`_claims`)."""
        pk, deleted = here.get(record["uuid"], (None, False))
        if deleted:
            raise ClaimSetRefused([deleted_claim_refusal(record, pk)])
        if pk is None:
            key = (self.articles[record["article"]], record["start"], record["end"])
            key += (self.sources[record["source"]].pk, self.users[record["created_by"]].pk)
            while present.get(key) and pk is None:
                pk = present[key].popleft()
                pk = None if pk in self.matched_claims else pk
        if pk is None:
            return False
        self.matched_claims.add(pk)
        self.claims.add(record["id"], pk, matched=True)
        self._matched("claims")
        return True

    def _tags(self) -> dict[str, Tag]:
        return tags_by_file_name(self.claim_set.tag_names)

    def _links(self) -> None:
        """Links are restored between the new (or matched) claims, in canonical order; one that
        is already there (same pair, same kind) is matched."""
        self._saved_in_batches("links", self._new_links())

    def _new_links(self) -> Iterator[tuple[ClaimLink, dict, list]]:
        """The file's links not here yet, a batch of the file at a time: their claims' ids
        here read at once, and the links already between two matched claims (only those can be
        linked already) in one query."""
        links = iter(self.claim_set.links)
        while records := list(itertools.islice(links, self.BATCH)):
            ids = self.claims.get({record[end] for record in records for end in END})
            present = links_between([[ids[record[end]] for end in END] for record in records])
            for record in records:
                low, high = sorted(ids[record[end]][0] for end in END)
                if low == high:  # two claims of the file matched to one here
                    raise ClaimSetRefused(
                        [f"{record['_where']}: both its claims are one claim here."]
                    )
                if (low, high, record["kind"]) in present:
                    self._matched("links")
                    continue
                link = self._instance(ClaimLink, LINK, record, claim_a_id=low, claim_b_id=high)
                self._validated(link, record)
                yield link, record, []

    def _keep_creation_times(self) -> None:
        keep_creation_times(self.dated, self.BATCH)
        self.dated = {}


def claim_set_import(
    *,
    content: bytes | str | BinaryIO,
    user: User | None,
    on_progress: ImportProgress | None = None,
) -> ImportSummary:
    """Restore a JSON claim-set export: all of it, or nothing.

    `content` is the file's bytes or text, or the file itself (seekable, opened in binary), which
    is then read as a stream and never held whole. It is checked whole first
    (`exports.validation.read_claim_set`), then written in one
    transaction: people matched by username (unknown ones created inactive, without a role),
    sources by name ignoring case, articles by the fingerprint of their text (or created from
    it), claims (their uuid first) recreated with their offsets, status, reviewer, tags and
    uuid, links restored with theirs (a file without uuids, older, gets new ones). Anything
    wrong raises `ClaimSetRefused` listing the problems, and nothing is changed.
    `user` is the staff member importing, or None at the command line; history entries name
    them and the export the file came from. `on_progress(done, total)` is told as claims and
    links are written.
    """
    if user is not None and not roles.can_import_claims(user):
        raise PermissionDenied("Only admins can import claim sets.")
    claim_set = read_claim_set(content)
    run = _Restore(claim_set, user=user, progress=on_progress)
    try:
        with transaction.atomic():
            one_restore_at_a_time()
            summary = run.run()
            refresh_statistics(Article, Source, Claim, Claim.tags.through, Tag, ClaimLink)
            for article_id in run.new_articles:
                # As after an upload: once committed, the apps above read the new article
                # (suggestions: inline within its budget, or a job where a worker runs).
                transaction.on_commit(functools.partial(announce, article_id), robust=True)
            return summary
    except IntegrityError as error:
        raise ClaimSetRefused(
            [f"The database refused the import ({error}). Nothing was changed."]
        ) from None
    finally:
        claim_set.close()
