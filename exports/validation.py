"""Reading a JSON claim-set export back, and every check it must pass before anything is written.

`read_claim_set` parses and checks the whole file without touching the database, and raises
`ClaimSetRefused` with the list of every problem it found (up to `MAX_PROBLEMS`), so a person can
fix a file in one go. What passes is consistent on its own: references resolve, offsets lie in
the text and the quote, prefix and suffix equal the text there, every value is one the models
accept. Which keys each kind of record has, of which JSON type and with which defaults, is the
field table's (`exports.records`). The checks against the database (an article already stored,
a source already named) are the restore's (`exports.restore`).
"""

import datetime
import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

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
from exports.formats import FORMAT_NAME, READABLE_FORMAT_REVISIONS
from exports.records import ARTICLE, CLAIM, DERIVED, LINK, RECORD_KINDS, RecordKind, Role
from sources.models import Reliability, SourceKind
from sources.services import one_line

MAX_PROBLEMS = 100
USERNAME_MAX_LENGTH = 150
TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
REVIEWED = (ClaimStatus.APPROVED, ClaimStatus.REJECTED)
DECIDED = (LinkStatus.CONFIRMED, LinkStatus.DISMISSED)


class ClaimSetRefused(ValidationError):
    """The file cannot be imported; `problems` says every reason found, one sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__(problems, code="refused")

    @property
    def problems(self) -> list[str]:
        return self.messages


@dataclass
class ClaimSet:
    """A checked claim-set file: its export metadata and its records, as plain dicts whose
    dates are parsed. References between records use the ids of the instance it came from."""

    export: dict
    articles: list[dict]
    sources: list[dict]
    claims: list[dict]
    links: list[dict]
    usernames: set[str] = field(default_factory=set)


class _Problems:
    def __init__(self):
        self.found: list[str] = []
        self.skipped = 0

    def add(self, where: str, message: str) -> None:
        if len(self.found) < MAX_PROBLEMS:
            self.found.append(f"{where}: {message}" if where else message)
        else:
            self.skipped += 1

    def raise_if_any(self) -> None:
        if not self.found:
            return
        if self.skipped:
            self.found.append(f"…and {self.skipped} more problems not listed.")
        raise ClaimSetRefused(self.found)


#: The keys of each kind that hold a date and time, parsed when the file is read.
_MOMENTS = {
    kind.name: tuple(spec.key for spec in kind.fields if spec.role in (Role.MOMENT, Role.CREATED))
    for kind in RECORD_KINDS
}
#: The keys of each kind that name a person.
_PEOPLE = {
    kind.name: tuple(spec.key for spec in kind.fields if spec.role is Role.PERSON)
    for kind in RECORD_KINDS
}


def _type_name(expected) -> str:
    names = {str: "text", int: "a whole number", list: "a list", type(None): "null"}
    options = expected if isinstance(expected, tuple) else (expected,)
    return " or ".join(names[option] for option in options)


def _is(value, expected) -> bool:
    options = expected if isinstance(expected, tuple) else (expected,)
    # JSON true/false are not numbers here, though Python counts bool as int.
    return isinstance(value, options) and not (isinstance(value, bool) and bool not in options)


def _typed_records(document: dict, kind: RecordKind, problems: _Problems) -> list[dict]:
    """The records of `kind` whose keys have the right types, with defaults filled in."""
    required = [spec for spec in kind.fields if spec.required]
    optional = [spec for spec in kind.fields if not spec.required]
    defaults = {spec.key: spec.default for spec in optional if spec.default is not DERIVED}
    records = document.get(kind.name)
    if not isinstance(records, list):
        problems.add(kind.name, "missing, or not a list.")
        return []
    checked = []
    for index, record in enumerate(records):
        where = f"{kind.name}[{index}]"
        if not isinstance(record, dict):
            problems.add(where, "not an object.")
            continue
        fine = True
        for spec in required:
            if spec.key not in record:
                problems.add(where, f"“{spec.key}” is missing.")
                fine = False
            elif not _is(record[spec.key], spec.json):
                problems.add(where, f"“{spec.key}” must be {_type_name(spec.json)}.")
                fine = False
        for spec in optional:
            if spec.key in record and not _is(record[spec.key], spec.json):
                problems.add(where, f"“{spec.key}” must be {_type_name(spec.json)}.")
                fine = False
        for key, value in record.items():
            if isinstance(value, str) and "\x00" in value:
                problems.add(where, f"“{key}” holds a NUL character, which no text may hold.")
        if fine:
            checked.append({**defaults, **record, "_where": where})
    for record_id, count in Counter(record["id"] for record in checked).items():
        if count > 1:
            problems.add(kind.name, f"the id {record_id} is used {count} times.")
    return checked


def _parsed(parser, value: str):
    """`parser(value)`, or None where the value is not a date (or, well formed, not a real one)."""
    try:
        return parser(value)
    except ValueError:
        return None


#: The earliest moment a record may carry: nothing in a claim set was made before it.
EARLIEST_MOMENT = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
#: How far past the server's clock a moment may lie (another machine's clock may run ahead).
CLOCK_SKEW = datetime.timedelta(days=1)


def _in_range(moment: datetime.datetime) -> bool:
    """Whether `moment` lies between 1900 and now (give or take a clock's skew) once in UTC:
    "0001-01-01T00:00:00+14:00" does not even have a UTC value Python can hold."""
    try:
        in_utc = moment.astimezone(datetime.UTC)
    except OverflowError:
        return False
    return EARLIEST_MOMENT <= in_utc <= timezone.now() + CLOCK_SKEW


def _parse_dates(record: dict, kind: RecordKind, problems: _Problems) -> None:
    for key in _MOMENTS[kind.name]:
        if record.get(key) is None:
            continue
        value = _parsed(parse_datetime, record[key])
        if value is None or value.tzinfo is None:
            problems.add(
                record["_where"], f"“{key}” must be a date and time with a time zone (ISO 8601)."
            )
        elif not _in_range(value):
            problems.add(
                record["_where"],
                f"“{key}” is {record[key]}, outside the years 1900 to now: check the file.",
            )
            value = None
        record[key] = value


def _check_article(article: dict, problems: _Problems, source_ids: set[int]) -> None:
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
        published_on = _parsed(parse_date, article["published_on"])
        if published_on is None:
            problems.add(where, "“published_on” must be a date (YYYY-MM-DD).")
        article["published_on"] = published_on
    if article["outlet"] is not None and article["outlet"] not in source_ids:
        problems.add(where, f"the outlet {article['outlet']} is not among the sources.")
    _parse_dates(article, ARTICLE, problems)


def _check_source(source: dict, problems: _Problems) -> None:
    where = source["_where"]
    if not one_line(source["name"]):
        problems.add(where, "the name is empty.")
    if source["kind"] not in SourceKind.values:
        problems.add(where, f"the kind must be one of: {', '.join(SourceKind.values)}.")
    if source["reliability"] not in Reliability.values:
        problems.add(where, f"the reliability must be one of: {', '.join(Reliability.values)}.")


def _check_span(claim: dict, text: str, problems: _Problems) -> None:
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
    claim: dict, problems: _Problems, articles: dict[int, dict], sources: dict[int, dict]
) -> None:
    where = claim["_where"]
    article, source = articles.get(claim["article"]), sources.get(claim["source"])
    if article is None:
        problems.add(where, f"the article {claim['article']} is not in the file.")
    else:
        _check_span(claim, article["text"], problems)
    if source is None:
        problems.add(where, f"the source {claim['source']} is not in the file.")
    if claim["status"] not in ClaimStatus.values:
        problems.add(where, f"the status must be one of: {', '.join(ClaimStatus.values)}.")
    evaluated = _evaluated_reliability(claim, source, problems)
    if claim["credibility"] not in Credibility.values:
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
    if len(claim["statement"]) > 500:
        problems.add(where, "the statement is longer than 500 characters.")
    if len(claim["tags"]) > MAX_TAGS_PER_CLAIM:
        problems.add(where, f"a claim may carry at most {MAX_TAGS_PER_CLAIM} tags.")
    for tag in claim["tags"]:
        if not isinstance(tag, str) or not _is_slug(tag):
            problems.add(where, f"the tag {tag!r} is not a tag name (letters, digits, hyphens).")
        elif len(tag) > TAG_MAX_LENGTH:
            problems.add(where, f"the tag “{tag}” is longer than {TAG_MAX_LENGTH} characters.")
    _parse_dates(claim, CLAIM, problems)


def _evaluated_reliability(claim: dict, source: dict | None, problems: _Problems) -> str:
    """The reliability the claim's grade was evaluated with, checked against its status, or
    worked out where the file leaves it out (revision 1): a reviewed claim's is its source's
    reliability in the file, which is what its grade showed when the file was written."""
    where, status = claim["_where"], claim["status"]
    if "evaluated_reliability" not in claim:
        reviewed = source is not None and status in REVIEWED
        claim["evaluated_reliability"] = source["reliability"] if reviewed else ""
        return claim["evaluated_reliability"]
    evaluated = claim["evaluated_reliability"]
    if evaluated not in ("", *Reliability.values):
        problems.add(
            where,
            f"the evaluated reliability must be empty or one of: {', '.join(Reliability.values)}.",
        )
    elif status == ClaimStatus.APPROVED and not evaluated:
        problems.add(where, "an approved claim must say the reliability it was evaluated with.")
    elif status in (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED) and evaluated:
        problems.add(where, f"a {status} claim has no evaluated reliability yet.")
    return evaluated


def _is_slug(name: str) -> bool:
    try:
        validate_unicode_slug(name)
    except ValidationError:
        return False
    return True


def _check_links(links: list[dict], claim_ids: set[int], problems: _Problems) -> None:
    seen = set()
    for link in links:
        where = link["_where"]
        if link["kind"] not in LinkKind.values:
            problems.add(where, f"the kind must be one of: {', '.join(LinkKind.values)}.")
        if link["status"] not in LinkStatus.values:
            problems.add(where, f"the status must be one of: {', '.join(LinkStatus.values)}.")
        if link["status"] in DECIDED and not link["decided_by"]:
            problems.add(where, f"a {link['status']} link must say who decided it.")
        for end in ("claim_a", "claim_b"):
            if link[end] not in claim_ids:
                problems.add(where, f"the claim {link[end]} ({end}) is not in the file.")
        if link["claim_a"] == link["claim_b"]:
            problems.add(where, "a claim cannot be linked to itself.")
        pair = (*sorted((link["claim_a"], link["claim_b"])), link["kind"])
        if pair in seen:
            problems.add(where, "these two claims are already linked this way in the file.")
        seen.add(pair)
        _parse_dates(link, LINK, problems)


def _usernames(records: dict[str, list[dict]], problems: _Problems) -> set[str]:
    """Every username the records name (authors, reviewers, uploaders, deciders)."""
    usernames = set()
    for kind, keys in _PEOPLE.items():
        for record in records[kind]:
            for key in keys:
                username = record[key]
                if username is None:
                    continue
                if not username.strip() or len(username) > USERNAME_MAX_LENGTH:
                    problems.add(record["_where"], f"“{key}” is not a username.")
                usernames.add(username)
    return usernames


def _parse(content: bytes | str) -> dict:
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ClaimSetRefused(
                [f"The file is not UTF-8 text (bad byte at position {error.start})."]
            ) from None
    try:
        document = json.loads(content)
    except json.JSONDecodeError as error:
        raise ClaimSetRefused(
            [
                f"The file is not valid JSON: {error.msg} at line {error.lineno}, column "
                f"{error.colno}. Import the JSON export exactly as it was downloaded."
            ]
        ) from None
    except RecursionError:
        raise ClaimSetRefused(
            [
                "The file nests JSON too deeply to be a claim-set export (arrays or objects "
                "inside each other hundreds of levels down)."
            ]
        ) from None
    if not isinstance(document, dict):
        raise ClaimSetRefused(["The file is not a Corroborate claim-set export (not an object)."])
    if document.get("format") != FORMAT_NAME:
        raise ClaimSetRefused(
            [
                f"The file is not a Corroborate claim-set export (“format” is not "
                f"“{FORMAT_NAME}”). Only the JSON export can be imported."
            ]
        )
    if document.get("version") not in READABLE_FORMAT_REVISIONS:
        readable = ", ".join(map(str, READABLE_FORMAT_REVISIONS))
        raise ClaimSetRefused(
            [
                f"This file is of format revision {document.get('version')!r}; this instance "
                f"reads revisions {readable}. Export it again from an instance of the same "
                "release."
            ]
        )
    return document


#: The longest export id read back (an export's id is a UUID: 36 characters).
EXPORT_ID_MAX_LENGTH = 64


def _check_export(export, problems: _Problems) -> None:
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


def read_claim_set(content: bytes | str) -> ClaimSet:
    """Parse and check a JSON claim-set export. Raises `ClaimSetRefused` listing every problem."""
    document = _parse(content)
    problems = _Problems()
    records = {kind.name: _typed_records(document, kind, problems) for kind in RECORD_KINDS}
    sources = {source["id"]: source for source in records["sources"]}
    articles = {article["id"]: article for article in records["articles"]}
    for source in records["sources"]:
        _check_source(source, problems)
    for article in records["articles"]:
        _check_article(article, problems, set(sources))
    for claim in records["claims"]:
        _check_claim(claim, problems, articles, sources)
    _check_links(records["links"], {claim["id"] for claim in records["claims"]}, problems)
    usernames = _usernames(records, problems)
    export = document.get("export")
    _check_export(export, problems)
    problems.raise_if_any()
    return ClaimSet(
        export=export if isinstance(export, dict) else {},
        usernames=usernames,
        **records,
    )
