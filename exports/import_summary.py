"""What a claim-set import did, as its page, its job and the API report it."""

from dataclasses import dataclass


@dataclass
class ImportSummary:
    """What an import did: per kind of record, how many were created and how many matched
    records already there (and were left as they were); `notes` says what a person should know."""

    created: dict[str, int]
    matched: dict[str, int]
    notes: list[str]
    export_id: str | None

    def as_dict(self) -> dict:
        return {
            "export_id": self.export_id,
            "created": self.created,
            "matched": self.matched,
            "notes": self.notes,
        }
