"""JSON-LD: a W3C Web Annotation `AnnotationCollection` (see `JSONLD_CONTEXT`), built from the
claim and link records of `exports.records`."""

from claims.models import graded_reliability
from exports.formats import (
    ClaimSetRows,
    ExportMetadata,
    Pieces,
    array_items,
    each,
    open_object,
)
from exports.records import CLAIM, LINK

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: The W3C Web Annotation context, extended with the terms Corroborate adds: the two link
#: purposes (`contradicting`, `corroborating`, used with motivation `linking`) and the grading
#: and review properties. They live under the `urn:corroborate:vocab:` namespace. JSON-LD 1.1
#: (`filters` is a JSON literal), said so, so that a 1.0 processor refuses it plainly; the web
#: page an article came from is a link (an IRI), its publication date a date.
JSONLD_CONTEXT = [
    ANNOTATION_CONTEXT,
    {
        "@version": 1.1,
        "corr": "urn:corroborate:vocab:",
        "dcterms": "http://purl.org/dc/terms/",
        "dcterms:source": {"@type": "@id"},
        "dcterms:issued": {"@type": "xsd:date"},
        "contradicting": "corr:contradicting",
        "corroborating": "corr:corroborating",
        "status": "corr:status",
        "grade": "corr:grade",
        "reliability": "corr:reliability",
        "evaluatedReliability": "corr:evaluatedReliability",
        "contentSha256": "corr:contentSha256",
        "credibility": "corr:credibility",
        "sourceKind": "corr:sourceKind",
        "reviewedBy": "corr:reviewedBy",
        "reviewedAt": {"@id": "corr:reviewedAt", "@type": "xsd:dateTime"},
        "reviewNote": "corr:reviewNote",
        "filters": {"@id": "corr:filters", "@type": "@json"},
    },
]
LINK_PURPOSES = {"contradicts": "contradicting", "corroborates": "corroborating"}


def record_iri(uuid: str) -> str:
    """The IRI of a claim's or a link's annotation: its UUID as a URN, the same in every export
    of it from any instance, and in an export made after it was restored elsewhere. Two claims
    of two instances never share one (their row ids do, so the row id is no IRI)."""
    return f"urn:uuid:{uuid}"


def article_iri(content_sha256: str) -> str:
    """A URN naming the article's normalized text, the same on every instance that holds the
    text. Not the web page's URL: the selectors count code points of this text, not of the page
    (whose text a reader would extract otherwise), and two versions of one page, each uploaded
    as an article, are two texts that one IRI would merge."""
    return f"urn:corroborate:article:{content_sha256}"


def article_resource(article: dict) -> dict:
    """The article a claim's target points into, as a resource a reader can recognise: its
    IRI (`article_iri`) with its title (`dcterms:title`), publication date (`dcterms:issued`),
    the web page it came from (`dcterms:source`) and the SHA-256 of its normalized text, never
    a bare URN."""
    return _without_empty(
        {
            "id": article_iri(article["content_sha256"]),
            "type": "Text",
            "dcterms:title": article["title"],
            "dcterms:issued": article["published_on"],
            "dcterms:source": article["url"],
            "contentSha256": article["content_sha256"],
        }
    )


def _person(username: str | None) -> dict | None:
    return {"type": "Person", "nickname": username} if username else None


def _without_empty(annotation: dict) -> dict:
    return {key: value for key, value in annotation.items() if value not in (None, "", [])}


def _claim_bodies(claim: dict) -> list[dict]:
    source = claim["source"]
    body = []
    if claim["statement"]:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": claim["statement"],
                "format": "text/plain",
            }
        )
    body.append(
        {
            "type": "TextualBody",
            "purpose": "identifying",
            "value": source["name"],
            "sourceKind": source["kind"],
            "reliability": source["reliability"],
        }
    )
    assessing = {
        "type": "TextualBody",
        "purpose": "assessing",
        "value": claim["grade"],
        "reliability": graded_reliability(claim["evaluated_reliability"], source["reliability"]),
        "credibility": claim["credibility"],
    }
    if claim["evaluated_reliability"]:
        assessing["evaluatedReliability"] = claim["evaluated_reliability"]
    body.append(assessing)
    body.extend(
        {"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in claim["tags"]
    )
    return body


def _claim_annotation(row: dict) -> dict:
    claim = CLAIM.exported_inlined(row)
    article = claim["article"]
    return _without_empty(
        {
            "id": record_iri(claim["uuid"]),
            "type": "Annotation",
            "motivation": "assessing",
            "created": claim["created_at"],
            "creator": _person(claim["created_by"]),
            "status": claim["status"],
            "reviewedBy": _person(claim["reviewed_by"]),
            "reviewedAt": claim["reviewed_at"],
            "reviewNote": claim["review_note"],
            "body": _claim_bodies(claim),
            "target": {
                "source": article_resource(article),
                "selector": [
                    {
                        "type": "TextQuoteSelector",
                        "exact": claim["quote"],
                        "prefix": claim["prefix"],
                        "suffix": claim["suffix"],
                    },
                    {"type": "TextPositionSelector", "start": claim["start"], "end": claim["end"]},
                ],
            },
        }
    )


def _link_annotation(row: dict) -> dict:
    link = LINK.exported_inlined(row)
    body = [
        {
            "type": "SpecificResource",
            "source": record_iri(link["claim_b"]["uuid"]),
            "purpose": LINK_PURPOSES[link["kind"]],
        }
    ]
    if link["note"]:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": link["note"]})
    return _without_empty(
        {
            "id": record_iri(link["uuid"]),
            "type": "Annotation",
            "motivation": "linking",
            "created": link["created_at"],
            "creator": _person(link["created_by"]),
            "status": link["status"],
            "body": body,
            "target": record_iri(link["claim_a"]["uuid"]),
        }
    )


def jsonld_pieces(rows: ClaimSetRows, metadata: ExportMetadata) -> Pieces:
    """An `AnnotationCollection` whose first (and only) `AnnotationPage` holds an `Annotation`
    per claim, then one per link between claims of the set (dismissed links left out), each
    named by its UUID (`record_iri`).

    A claim's target is its article (`article_resource`: IRI, title, hash) with a
    `TextQuoteSelector` and a `TextPositionSelector`; its bodies carry the statement (purpose
    `describing`), the source (`identifying`), the grade as evaluated (`assessing`) and the tags
    (`tagging`). A link is an annotation with motivation `linking` whose target is one claim
    and whose body is the other (both named by the claims' IRIs), with purpose `contradicting`
    or `corroborating`. `total` comes last, counted while writing.
    """
    filters = ", ".join(f"{name} {value}" for name, value in metadata.filters.items())
    head = _without_empty(
        {
            "@context": JSONLD_CONTEXT,
            "id": f"urn:uuid:{metadata.id}",
            "type": "AnnotationCollection",
            "label": f"Corroborate claims ({filters or 'any status'})",
            "created": metadata.exported_at.isoformat(),
            "creator": _person(metadata.exported_by),
            "generator": {"type": "Software", "name": "Corroborate"},
            "filters": metadata.filters,
        }
    )
    yield open_object(head) + b'"first": {"type": "AnnotationPage", "startIndex": 0, "items": [', 0
    written = yield from array_items(
        rows.claims(with_link_ids=False), each(_claim_annotation), counts_claims=True
    )
    written = yield from array_items(
        rows.links(with_dismissed=False),
        each(_link_annotation),
        counts_claims=False,
        written=written,
    )
    yield (b"\n" if written else b"") + b']},\n"total": %d}\n' % written, 0
