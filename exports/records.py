"""The one field table of each kind of exported record: article, source, claim, link.

For every kind, `fields` lists the keys of a record in the order the files write them, how each
value is read from the database (a `values()` lookup, or computed from other lookups), its JSON
type, what a record read back may leave out, and what the restore does with it (`Role`).

Everything that reads or writes a record goes through this table: the selectors read
`RecordKind.lookups`, every format writes `RecordKind.exported` (or builds on it), the validator
checks keys, types and defaults from it, and the restore copies `Role.IDENTITY`, `Role.VALUE`,
`Role.DATE` and `Role.MOMENT` fields back into the models by their lookup. Adding a field here
adds it everywhere; nothing else spells a record's fields out.
"""

import datetime
import enum
import functools
import operator
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from claims.models import ClaimStatus, Credibility, LinkKind, LinkStatus, grade, graded_reliability
from sources.models import Reliability, SourceKind

#: The JSON types a value may take, as `json.loads` gives them.
TEXT = (str,)
NUMBER = (int,)
LIST = (list,)
TEXT_OR_NULL = (str, type(None))
NUMBER_OR_NULL = (int, type(None))

#: The keys of a claim's link ids in the JSON Lines and CSV formats (the link kinds).
LINKED_CLAIMS = tuple(LinkKind.values)
#: The keys of the statuses of those links, in the same order as the ids (read for the CSV).
LINK_STATUSES = {kind: f"{kind}_status" for kind in LINKED_CLAIMS}
#: The keys of the uuids of those linked claims, in the same order as the ids.
LINKED_UUIDS = {kind: f"{kind}_uuids" for kind in LINKED_CLAIMS}


class Role(enum.Enum):
    """What a field is to the restore, and so how it is read and checked."""

    #: The record's id where it came from: references in the file point at it; never stored.
    ID = "id"
    #: The record's identity wherever it is, a UUID (`uuid_text`): stored as the file gives it,
    #: so a restored claim or link keeps it; a record of a file written before records carried
    #: one gets a new one (the validator draws it).
    IDENTITY = "identity"
    #: A column whose JSON value is the database value: stored as it is.
    VALUE = "value"
    #: A date column, written as an ISO 8601 date: stored once parsed.
    DATE = "date"
    #: A date-and-time column, written in ISO 8601 with a time zone: stored once parsed.
    MOMENT = "moment"
    #: The creation time: set after the row is written (the database sets it on insert).
    CREATED = "created"
    #: The last change's time: set after the row is written, as the creation time is (every
    #: save sets it to the moment of the save).
    CHANGED = "changed"
    #: The id of another record in the file (`lookup` is the foreign key's `<name>_id`).
    REFERENCE = "reference"
    #: A person, by username (`lookup` is `<name>__username`).
    PERSON = "person"
    #: Computed from other lookups when written; checked, never stored.
    COMPUTED = "computed"
    #: The claim's tag names, which the selectors read separately into the row.
    TAGS = "tags"


#: The default of a field that a record read back may leave out and whose value the validator
#: works out (from the text, the fingerprint, the grade) rather than assuming.
DERIVED = object()


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def uuid_text(value: uuid.UUID | str) -> str:
    """A UUID as every file writes it, `8-4-4-4-12` lowercase hex, from the database's value: a
    `UUID` where Django converted it (and from psycopg), 32 hex digits from SQLite's cursor."""
    if value.__class__ is str and len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(value)


def _uuid(row: dict, prefix: str = "") -> str:
    return uuid_text(row[prefix + "uuid"])


def _claim_grade(row: dict, prefix: str = "") -> str:
    """The grade as evaluated for a reviewed claim, else with the source's current reliability."""
    reliability = graded_reliability(
        row[prefix + "evaluated_reliability"], row[prefix + "source__reliability"]
    )
    return grade(reliability, row[prefix + "credibility"])


@dataclass(frozen=True)
class Field:
    """One key of an exported record. See `Role` for what the restore does with it."""

    key: str
    lookup: str
    json: tuple[type, ...]
    role: Role = Role.VALUE
    #: Whether a record read back must have this key.
    required: bool = False
    #: Its value where a record read back leaves it out (`DERIVED`: worked out by the validator).
    default: Any = DERIVED
    #: For `Role.COMPUTED`: the value from the row (and a lookup prefix).
    compute: Callable[[dict, str], Any] | None = None
    #: The lookups `compute` reads.
    needs: tuple[str, ...] = ()

    @property
    def reads_database(self) -> bool:
        """Whether `lookup` is a column the selectors read (tags come separately)."""
        return self.role not in (Role.COMPUTED, Role.TAGS)

    @property
    def attribute(self) -> str:
        """The model attribute a restore sets from this field."""
        if self.role is Role.PERSON:
            return self.lookup.removesuffix("__username")
        if self.role is Role.REFERENCE:
            return self.lookup.removesuffix("_id")
        return self.lookup

    def reader(self, prefix: str = "") -> Callable[[dict], Any]:
        """A function from a selector row to this field's JSON value. `prefix` reads the field
        through a relation (`article__`), as the row of a claim holds its article's columns."""
        if self.compute is not None:
            compute = self.compute
            return lambda row: compute(row, prefix)
        get = operator.itemgetter(prefix + self.lookup)
        if self.role in (Role.DATE, Role.MOMENT, Role.CREATED, Role.CHANGED):
            return lambda row: _iso(get(row))
        return get


@dataclass(frozen=True)
class RecordKind:
    """The fields of one kind of record, in the order the files write them.

    `name` is the record's list in the JSON claim set (`"claims"`). `inlined` names the kinds a
    record carries in full in the formats that inline them (JSON Lines, CSV, JSON-LD), with the
    part of the other kind it carries; their columns are read with the record, through the
    relation of that name.
    """

    name: str
    fields: tuple[Field, ...]
    inlined: tuple[tuple[str, "RecordKind"], ...] = ()

    def field(self, key: str) -> Field:
        return next(field for field in self.fields if field.key == key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(field.key for field in self.fields)

    def part(self, *keys: str) -> "RecordKind":
        """The same kind with only `keys`, in this kind's order: what another record inlines."""
        return RecordKind(self.name, tuple(field for field in self.fields if field.key in keys))

    @property
    def own_lookups(self) -> tuple[str, ...]:
        """The `values()` lookups of the record itself and of what its computed fields need:
        all the JSON claim set writes (it inlines nothing)."""
        found = [field.lookup for field in self.fields if field.reads_database]
        found += [lookup for field in self.fields for lookup in field.needs]
        return tuple(dict.fromkeys(found))

    @property
    def lookups(self) -> tuple[str, ...]:
        """Every `values()` lookup the selectors read for a record of this kind, including the
        columns of what it inlines and of what its computed fields need."""
        found = list(self.own_lookups)
        for relation, kind in self.inlined:
            found += [f"{relation}__{lookup}" for lookup in kind.lookups]
        return tuple(dict.fromkeys(found))

    def readers(self, prefix: str = "") -> tuple[tuple[str, Callable[[dict], Any]], ...]:
        """`(key, reader)` for every field, in order (see `Field.reader`)."""
        return tuple((field.key, field.reader(prefix)) for field in self.fields)

    def field_at(self, path: str) -> tuple[Field, Callable[[dict], Any]]:
        """The field `key`, or `relation.key` in what this kind inlines, with its reader."""
        relation, _, key = path.rpartition(".")
        if not relation:
            spec = self.field(key)
            return spec, spec.reader()
        spec = dict(self.inlined)[relation].field(key)
        return spec, spec.reader(f"{relation}__")

    def exported(self, row: dict) -> dict:
        """The record, as the JSON claim set writes it, from a selector row."""
        return {key: read(row) for key, read in self._readers}

    def exported_inlined(self, row: dict) -> dict:
        """The record with what it inlines as objects in place of their ids."""
        return {key: read(row) for key, read in self.inlined_readers}

    @functools.cached_property
    def stored_attributes(self) -> tuple[tuple[str, str], ...]:
        """`(model attribute, key)` of the fields a restore stores as they are (identity,
        values, dates, moments), in order."""
        return self._attributes(Role.IDENTITY, Role.VALUE, Role.DATE, Role.MOMENT)

    @functools.cached_property
    def person_attributes(self) -> tuple[tuple[str, str], ...]:
        """`(model attribute, key)` of the fields that name a person, in order."""
        return self._attributes(Role.PERSON)

    def _attributes(self, *roles: Role) -> tuple[tuple[str, str], ...]:
        return tuple((field.attribute, field.key) for field in self.fields if field.role in roles)

    @property
    def has_tags(self) -> bool:
        return any(field.role is Role.TAGS for field in self.fields)

    def records_from_tuples(
        self, rows: list[tuple], lookups: tuple[str, ...], tags: dict[int, list] | None
    ) -> list[dict]:
        """What `exported` makes of each row, for rows read as tuples of `lookups` (at least
        `own_lookups`), with the tag names of a kind with tags given by record id: the same
        keys in the same order, with the same JSON once encoded by `exports.formats.dumps`;
        dates and moments are left as objects, which orjson writes as `isoformat()` does (a
        time zone as +00:00, microseconds only when there are any). Built with one C-level
        pick per row; a computed value is computed once for each distinct set of the values it
        needs (a claim's grade: a few dozen at most)."""
        at = {lookup: position for position, lookup in enumerate(lookups)}
        computed = [field for field in self.fields if field.compute is not None]
        positions = []
        for field in self.fields:
            if field.compute is not None:  # after the row's own values
                positions.append(len(lookups) + computed.index(field))
            elif field.role is Role.TAGS:  # the last value added to the row
                positions.append(len(lookups) + len(computed))
            else:
                positions.append(at[field.lookup])
        # The values each row gets after its own, column by column: computed, then tags.
        added = []
        for field in computed:
            if field.role is Role.IDENTITY:  # a uuid, each row's own: nothing to compute once
                position = at[field.needs[0]]
                added.append([uuid_text(row[position]) for row in rows])
                continue
            needs = _tuple_picker([at[need] for need in field.needs])
            needed = [needs(row) for row in rows]
            known = {
                values: field.compute(dict(zip(field.needs, values, strict=True)), "")
                for values in set(needed)
            }
            added.append([known[values] for values in needed])
        if tags is not None:
            id_at, none = at["id"], []
            added.append([tags.get(row[id_at], none) for row in rows])
        pick, keys = _tuple_picker(positions), self.keys
        if not added:
            return [dict(zip(keys, pick(row), strict=True)) for row in rows]
        return [
            dict(zip(keys, pick(row + extra), strict=True))
            for row, extra in zip(rows, zip(*added, strict=True), strict=True)
        ]

    @functools.cached_property
    def _readers(self) -> tuple[tuple[str, Callable[[dict], Any]], ...]:
        return self.readers()

    @functools.cached_property
    def inlined_readers(self) -> tuple[tuple[str, Callable[[dict], Any]], ...]:
        """`readers()`, with a reader of an object in place of each inlined kind's id."""
        readers = dict(self.readers())
        for relation, kind in self.inlined:
            readers[relation] = _object_reader(kind.readers(f"{relation}__"))
        return tuple(readers.items())


def _tuple_picker(positions: list[int]) -> Callable[[tuple], tuple]:
    """The values at `positions` of a tuple, as a tuple (`itemgetter` of one position gives the
    value alone)."""
    if len(positions) == 1:
        position = positions[0]
        return lambda row: (row[position],)
    return operator.itemgetter(*positions)


def _object_reader(readers: tuple[tuple[str, Callable[[dict], Any]], ...]) -> Callable:
    return lambda row: {key: read(row) for key, read in readers}


ARTICLE = RecordKind(
    "articles",
    (
        Field("id", "id", NUMBER, Role.ID, required=True),
        Field("title", "title", TEXT, required=True),
        Field("url", "url", TEXT, default=""),
        Field("author", "author", TEXT, default=""),
        Field("published_on", "published_on", TEXT_OR_NULL, Role.DATE, default=None),
        Field("language", "language", TEXT, default=""),
        Field("outlet", "outlet_id", NUMBER_OR_NULL, Role.REFERENCE, default=None),
        Field("original_filename", "original_filename", TEXT, default=""),
        Field("uploaded_by", "uploaded_by__username", TEXT, Role.PERSON, required=True),
        Field("created_at", "created_at", TEXT_OR_NULL, Role.CREATED, default=None),
        Field("content_sha256", "content_sha256", TEXT),
        # Last, so that a reader of the file sees what an article is before its whole text.
        Field("text", "text", TEXT, required=True),
    ),
)

SOURCE = RecordKind(
    "sources",
    (
        Field("id", "id", NUMBER, Role.ID, required=True),
        Field("name", "name", TEXT, required=True),
        Field("kind", "kind", TEXT, default=SourceKind.OTHER),
        Field("reliability", "reliability", TEXT, default=Reliability.F),
        Field("description", "description", TEXT, default=""),
    ),
)

#: The identity of a claim or a link (see `Role.IDENTITY`); its `id` is its row where it came
#: from, which the file's references use.
IDENTITY = Field("uuid", "uuid", TEXT, Role.IDENTITY, compute=_uuid, needs=("uuid",))

CLAIM = RecordKind(
    "claims",
    (
        Field("id", "id", NUMBER, Role.ID, required=True),
        IDENTITY,
        Field("article", "article_id", NUMBER, Role.REFERENCE, required=True),
        Field("source", "source_id", NUMBER, Role.REFERENCE, required=True),
        Field("start", "start", NUMBER, required=True),
        Field("end", "end", NUMBER, required=True),
        Field("quote", "quote", TEXT, required=True),
        Field("prefix", "prefix", TEXT),
        Field("suffix", "suffix", TEXT),
        Field("statement", "statement", TEXT, default=""),
        Field("credibility", "credibility", NUMBER, default=Credibility.CANNOT_BE_JUDGED),
        Field(
            "grade",
            "grade",
            TEXT,
            Role.COMPUTED,
            compute=_claim_grade,
            needs=("source__reliability", "credibility", "evaluated_reliability"),
        ),
        Field("status", "status", TEXT, default=ClaimStatus.DRAFT),
        Field("tags", "tags", LIST, Role.TAGS, default=[]),
        Field("created_by", "created_by__username", TEXT, Role.PERSON, required=True),
        Field("created_at", "created_at", TEXT_OR_NULL, Role.CREATED, default=None),
        # When the claim last changed ("My claims" lists and sorts by it); a file written before
        # it was exported leaves it out, and the claim is taken as unchanged since its creation.
        Field("updated_at", "updated_at", TEXT_OR_NULL, Role.CHANGED, default=None),
        Field("reviewed_by", "reviewed_by__username", TEXT_OR_NULL, Role.PERSON, default=None),
        Field("reviewed_at", "reviewed_at", TEXT_OR_NULL, Role.MOMENT, default=None),
        Field("review_note", "review_note", TEXT, default=""),
        # The source's reliability when the claim was reviewed (format revision 2): what the
        # grade was evaluated with. A file of revision 1 leaves it out; it is worked out then.
        Field("evaluated_reliability", "evaluated_reliability", TEXT),
    ),
    inlined=(
        ("article", ARTICLE.part("id", "title", "url", "published_on", "content_sha256")),
        ("source", SOURCE.part("id", "name", "kind", "reliability")),
    ),
)

LINK = RecordKind(
    "links",
    (
        Field("id", "id", NUMBER, Role.ID, required=True),
        IDENTITY,
        Field("kind", "kind", TEXT, required=True),
        Field("claim_a", "claim_a_id", NUMBER, Role.REFERENCE, required=True),
        Field("claim_b", "claim_b_id", NUMBER, Role.REFERENCE, required=True),
        Field("note", "note", TEXT, default=""),
        Field("status", "status", TEXT, default=LinkStatus.PROPOSED),
        Field("created_by", "created_by__username", TEXT, Role.PERSON, required=True),
        Field("created_at", "created_at", TEXT_OR_NULL, Role.CREATED, default=None),
        Field("decided_by", "decided_by__username", TEXT_OR_NULL, Role.PERSON, default=None),
        Field("decided_at", "decided_at", TEXT_OR_NULL, Role.MOMENT, default=None),
    ),
    # The JSON-LD export names a link's claims by their identity.
    inlined=(("claim_a", CLAIM.part("uuid")), ("claim_b", CLAIM.part("uuid"))),
)

#: The kinds in the order the JSON claim set lists them.
RECORD_KINDS = (ARTICLE, SOURCE, CLAIM, LINK)


def stored_values(kind: RecordKind, record: dict) -> dict[str, Any]:
    """The model attributes a restore sets as they are from a checked `record` of `kind`: its
    identity, values, dates and moments (references, people and tags are the restore's to
    resolve)."""
    return {attribute: record[key] for attribute, key in kind.stored_attributes}
