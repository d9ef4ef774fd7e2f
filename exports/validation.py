"""Reading a JSON claim-set export back, and every check it must pass before anything is written.

`read_claim_set` parses and checks the whole file without touching the database, and raises
`ClaimSetRefused` with the list of every problem it found (up to a hundred), so a person can
fix a file in one go. Reading the file as a stream, its JSON types and ids, is
`exports.claim_set_file`; what passes here is consistent on its own: references resolve, offsets
lie in the text and the quote, prefix and suffix equal the text there, every value is one the
models accept, and no uuid names two claims or links (`exports.record_uuids`). Which keys each
kind of record has, of which JSON type and with which defaults, is the field table's
(`exports.records`). The checks against the database (an article already stored, a source
already named, a uuid already taken) are the restore's (`exports.restore`).
"""

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils.dateparse import parse_date

from articles.ingest.normalize import content_sha256, normalize_text
from claims.models import (
    ClaimStatus,
    Credibility,
    LinkKind,
    LinkStatus,
    Tag,
    grade,
    graded_reliability,
    span_context,
)
from claims.services import MAX_TAGS_PER_CLAIM
from exports.claim_set_file import ClaimSetDocument, Problems
from exports.claim_set_file import ClaimSetRefused as ClaimSetRefused  # the callers' name
from exports.claim_set_scratch import Scratch
from exports.record_dates import (
    MOMENTS,
    check_sequence,
    parse_dates,
    parsed,
    settle_creation,
)
from exports.record_uuids import check_uuid
from exports.records import ARTICLE, CLAIM, LINK, RECORD_KINDS, SOURCE, RecordKind, Role
from sources.models import Reliability, SourceKind
from sources.services import one_line

USERNAME_MAX_LENGTH = 150
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
REVIEWED = (ClaimStatus.APPROVED, ClaimStatus.REJECTED)
DECIDED = (LinkStatus.CONFIRMED, LinkStatus.DISMISSED)
# The values each choice accepts, as sets (`Choices.values` builds a new list at every call).
CLAIM_STATUSES = frozenset(ClaimStatus.values)
CREDIBILITIES = frozenset(Credibility.values)
LINK_KINDS = frozenset(LinkKind.values)
LINK_STATUSES = frozenset(LinkStatus.values)
RELIABILITIES = frozenset(Reliability.values)
SOURCE_KINDS = frozenset(SourceKind.values)


@dataclass
class ClaimSet:
    """A checked claim-set file: its export metadata and its records, as plain dicts whose
    dates are parsed. References between records use the ids of the instance it came from.
    `articles`, `claims` and `links` are read back from the reading's scratch database each
    time they are iterated (so a file of any size is never held whole); `len()` says how many
    there are."""

    export: dict
    articles: "_Records"
    sources: list[dict]
    claims: "_Records"
    links: "_Records"
    usernames: set[str] = field(default_factory=set)
    tag_names: set[str] = field(default_factory=set)
    scratch: Scratch | None = None

    def close(self) -> None:
        """Delete the scratch database the articles, claims and links are read back from."""
        if self.scratch is not None:
            self.scratch.close()


#: The keys of each kind that name a person.
_PEOPLE = {
    kind.name: tuple(spec.key for spec in kind.fields if spec.role is Role.PERSON)
    for kind in RECORD_KINDS
}


def _check_article(article: dict, problems: Problems, source_ids: set[int]) -> None:
    where, text = article["_where"], article["text"]
    if not text or normalize_text(text) != text:
        problems.add(
            where,
            "the text is empty or not normalized (as Corroborate stores it), so the claims' "
            "offsets cannot be trusted.",
        )
    if article.get("content_sha256", content_sha256(text)) != content_sha256(text):
        problems.add(where, "“content_sha256” does not match the text: the file was altered.")
    article["content_sha256"] = content_sha256(text)
    if not article["title"]:
        problems.add(where, "the title is empty.")
    if article["published_on"] is not None:
        published_on = parsed(parse_date, article["published_on"])
        if published_on is None:
            problems.add(where, "“published_on” must be a date (YYYY-MM-DD).")
        article["published_on"] = published_on
    if article["outlet"] is not None and article["outlet"] not in source_ids:
        problems.add(where, f"the outlet {article['outlet']} is not among the sources.")
    parse_dates(article, ARTICLE, problems)


def _check_source(source: dict, problems: Problems) -> None:
    where = source["_where"]
    if not one_line(source["name"]):
        problems.add(where, "the name is empty.")
    if source["kind"] not in SOURCE_KINDS:
        problems.add(where, f"the kind must be one of: {', '.join(SourceKind.values)}.")
    if source["reliability"] not in RELIABILITIES:
        problems.add(where, f"the reliability must be one of: {', '.join(Reliability.values)}.")


def _check_span(claim: dict, text: str, problems: Problems) -> None:
    where, start, end = claim["_where"], claim["start"], claim["end"]
    if not 0 <= start < end <= len(text):
        problems.add(
            where,
            f"the offsets {start}–{end} are not a span of the article's {len(text)} characters.",
        )
        return
    if text[start:end] != claim["quote"]:
        problems.add(where, f"the quote does not match the article text at {start}–{end}.")
    for key, expected in zip(("prefix", "suffix"), span_context(text, start, end), strict=True):
        if claim.get(key, expected) != expected:
            problems.add(where, f"the {key} does not match the article text around the quote.")
        claim[key] = expected


def _check_claim(
    claim: dict, problems: Problems, text_of: Callable[[int], str | None], sources: dict[int, dict]
) -> None:
    where = claim["_where"]
    text, source = text_of(claim["article"]), sources.get(claim["source"])
    if text is None:
        problems.add(where, f"the article {claim['article']} is not in the file.")
    else:
        _check_span(claim, text, problems)
    if source is None:
        problems.add(where, f"the source {claim['source']} is not in the file.")
    if claim["status"] not in CLAIM_STATUSES:
        problems.add(where, f"the status must be one of: {', '.join(ClaimStatus.values)}.")
    evaluated = _evaluated_reliability(claim, source, problems)
    if claim["credibility"] not in CREDIBILITIES:
        problems.add(where, "the credibility must be a number from 1 to 6.")
    elif source is not None and claim.get("grade") not in (
        None,
        grade(graded_reliability(evaluated, source["reliability"]), claim["credibility"]),
    ):
        problems.add(
            where,
            "the grade does not match the reliability it was evaluated with (or, for a claim "
            "not reviewed, the source's reliability) and the credibility.",
        )
    if claim["status"] in REVIEWED and not claim["reviewed_by"]:
        problems.add(where, f"a {claim['status']} claim must say who reviewed it.")
    elif claim["status"] in REVIEWED and claim["reviewed_by"] == claim["created_by"]:
        problems.add(where, f"it is {claim['status']} by its own author; no one reviews their own.")
    if len(claim["statement"]) > 500:
        problems.add(where, "the statement is longer than 500 characters.")
    if len(claim["tags"]) > MAX_TAGS_PER_CLAIM:
        problems.add(where, f"a claim may carry at most {MAX_TAGS_PER_CLAIM} tags.")
    for tag in claim["tags"]:
        if not isinstance(tag, str) or not _is_slug(tag):
            problems.add(where, f"the tag {tag!r} is not a tag name (letters, digits, hyphens).")
        elif len(tag) > TAG_MAX_LENGTH:
            problems.add(where, f"the tag “{tag}” is longer than {TAG_MAX_LENGTH} characters.")
    listed = Counter(tag for tag in claim["tags"] if isinstance(tag, str))
    for tag in sorted(tag for tag, times in listed.items() if times > 1):
        problems.add(where, f"the tag “{tag}” is listed more than once.")
    parse_dates(claim, CLAIM, problems)
    settle_creation(claim, "reviewed_at", "updated_at")
    check_sequence(
        claim,
        problems,
        made="created_at",
        then="reviewed_at",
        then_by="reviewed_by",
        happened=claim["status"] in REVIEWED,
    )
    check_sequence(claim, problems, made="created_at", then="updated_at")
    check_sequence(claim, problems, made="reviewed_at", then="updated_at")


def _evaluated_reliability(claim: dict, source: dict | None, problems: Problems) -> str:
    """The reliability the claim's grade was evaluated with, checked against its status, or
    worked out where the file leaves it out (revision 1): a reviewed claim's is its source's
    reliability in the file, which is what its grade showed when the file was written."""
    where, status = claim["_where"], claim["status"]
    if "evaluated_reliability" not in claim:
        reviewed = source is not None and status in REVIEWED
        claim["evaluated_reliability"] = source["reliability"] if reviewed else ""
        return claim["evaluated_reliability"]
    evaluated = claim["evaluated_reliability"]
    if evaluated != "" and evaluated not in RELIABILITIES:
        problems.add(
            where,
            f"the evaluated reliability must be empty or one of: {', '.join(Reliability.values)}.",
        )
    elif status == ClaimStatus.APPROVED and not evaluated:
        problems.add(where, "an approved claim must say the reliability it was evaluated with.")
    elif status in (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED) and evaluated:
        problems.add(where, f"a {status} claim has no evaluated reliability yet.")
    return evaluated


@functools.lru_cache(maxsize=4096)
def _is_slug(name: str) -> bool:
    try:
        validate_unicode_slug(name)
    except ValidationError:
        return False
    return True


def _check_link(link: dict, claim_ids, scratch: Scratch, problems: Problems) -> None:
    """Check one link; `scratch` holds the pairs (and kinds) of the links before it."""
    where = link["_where"]
    if link["kind"] not in LINK_KINDS:
        problems.add(where, f"the kind must be one of: {', '.join(LinkKind.values)}.")
    if link["status"] not in LINK_STATUSES:
        problems.add(where, f"the status must be one of: {', '.join(LinkStatus.values)}.")
    if link["status"] in DECIDED and not link["decided_by"]:
        problems.add(where, f"a {link['status']} link must say who decided it.")
    elif link["status"] in DECIDED and link["decided_by"] == link["created_by"]:
        problems.add(
            where, f"it is {link['status']} by its own proposer; no one decides their own."
        )
    for end in ("claim_a", "claim_b"):
        if link[end] not in claim_ids:
            problems.add(where, f"the claim {link[end]} ({end}) is not in the file.")
    if link["claim_a"] == link["claim_b"]:
        problems.add(where, "a claim cannot be linked to itself.")
    low, high = sorted((link["claim_a"], link["claim_b"]))
    if not scratch.add_link_pair(low, high, link["kind"]):
        problems.add(where, "these two claims are already linked this way in the file.")
    parse_dates(link, LINK, problems)
    settle_creation(link, "decided_at")
    check_sequence(
        link,
        problems,
        made="created_at",
        then="decided_at",
        then_by="decided_by",
        happened=link["status"] in DECIDED,
    )


def _add_usernames(record: dict, kind: RecordKind, usernames: set, problems: Problems) -> None:
    """Note every username `record` names (authors, reviewers, uploaders, deciders)."""
    for key in _PEOPLE[kind.name]:
        username = record[key]
        if username is None:
            continue
        if not username.strip() or len(username) > USERNAME_MAX_LENGTH:
            problems.add(record["_where"], f"“{key}” is not a username.")
        usernames.add(username)


class _Records:
    """The checked records of one kind, kept in the reading's scratch database (not in memory)
    and read back from it, in the file's order, each time they are iterated."""

    def __init__(self, scratch: Scratch, kind: str, moments: tuple[str, ...] = ()):
        self.scratch = scratch
        self.kind = kind
        self.moments = moments  # the keys holding a date, once checked
        self.count = 0

    def kept(self, records: Iterator[dict]) -> Iterator[dict]:
        """Pass the checked `records` through, keeping and counting them."""
        self.count = 0
        for record in self.scratch.spooled(self.kind, records, self.moments):
            self.count += 1
            yield record

    def __iter__(self) -> Iterator[dict]:
        return self.scratch.unspool(self.kind)

    def __len__(self) -> int:
        return self.count


#: The longest export id read back (an export's id is a UUID: 36 characters).
EXPORT_ID_MAX_LENGTH = 64


def _check_export(export, problems: Problems) -> None:
    """The export's metadata, which the restore quotes in every history entry it writes."""
    export_id = export.get("id") if isinstance(export, dict) else None
    if export_id is None:
        return
    if (
        not isinstance(export_id, str)
        or len(export_id) > EXPORT_ID_MAX_LENGTH
        or not export_id.isprintable()
    ):
        problems.add(
            "export",
            f"“id” must be text of at most {EXPORT_ID_MAX_LENGTH} printable characters "
            "(an export's id is a UUID).",
        )


def read_claim_set(content: bytes | str | BinaryIO) -> ClaimSet:
    """Parse and check a JSON claim-set export. Raises `ClaimSetRefused` listing every problem.

    The file (bytes, text, or a seekable binary file such as an upload) is read as a stream, a
    record at a time: its sources and articles in one pass that stops where they end, its claims
    and its links in one pass each. Sources are kept (they are few); what grows with the file —
    the articles' text, the claims' ids, the links' pairs, and the checked articles, claims and
    links the restore writes — is kept in a scratch database (`exports.claim_set_scratch`),
    not in memory. The returned `ClaimSet` reads its articles, claims and links back from it.
    """
    document = ClaimSetDocument(content)
    header = document.header()
    scratch = Scratch()
    problems = Problems()
    usernames: set[str] = set()
    sources = {}
    unchecked_articles = _Records(scratch, "unchecked articles")
    leading = document.leading((SOURCE, ARTICLE), problems)
    articles_first = (record for kind, record in leading if _keep_source(kind, record, sources))
    for _ in unchecked_articles.kept(articles_first):
        pass
    source_ids = set(sources)
    for source in sources.values():
        _check_source(source, problems)
        _add_usernames(source, SOURCE, usernames, problems)
    articles = _Records(scratch, ARTICLE.name, ("published_on", *MOMENTS[ARTICLE.name]))
    for article in articles.kept(iter(unchecked_articles)):
        _check_article(article, problems, source_ids)
        _add_usernames(article, ARTICLE, usernames, problems)
        scratch.add_article(article["id"], article["text"])
    claims = _Records(scratch, CLAIM.name, MOMENTS[CLAIM.name])
    tag_names = set()
    claim_ids = scratch.ids(CLAIM.name)
    for claim in claims.kept(document.records(CLAIM, problems, ids=claim_ids)):
        _check_claim(claim, problems, scratch.text, sources)
        check_uuid(claim, scratch, problems)
        _add_usernames(claim, CLAIM, usernames, problems)
        tag_names.update(tag for tag in claim["tags"] if isinstance(tag, str))
    links = _Records(scratch, LINK.name, MOMENTS[LINK.name])
    for link in links.kept(document.records(LINK, problems, ids=scratch.ids(LINK.name))):
        _check_link(link, claim_ids, scratch, problems)
        check_uuid(link, scratch, problems)
        _add_usernames(link, LINK, usernames, problems)
    export = header.get("export")
    _check_export(export, problems)
    try:
        problems.raise_if_any()
    except ClaimSetRefused:
        scratch.close()
        raise
    return ClaimSet(
        export=export if isinstance(export, dict) else {},
        usernames=usernames,
        sources=list(sources.values()),
        articles=articles,
        claims=claims,
        links=links,
        tag_names=tag_names,
        scratch=scratch,
    )


def _keep_source(kind: RecordKind, record: dict, sources: dict) -> bool:
    """Keep a source read in the leading pass (False); let an article through (True)."""
    if kind is SOURCE:
        sources[record["id"]] = record
        return False
    return True
