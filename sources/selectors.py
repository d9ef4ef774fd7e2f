"""Reads of sources that several callers share: the sources whose names are close to a name
about to be added, so the registry is not split between spellings of one originator
("Western intel services" beside "Western intelligence services")."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models.functions import Lower
from rapidfuzz import fuzz, process, utils

from sources.models import Source, name_key

#: How many similar sources are offered at most.
SIMILAR_LIMIT = 5
#: The least pg_trgm similarity (0–1, shared trigrams) of a name offered as similar.
TRIGRAM_THRESHOLD = 0.5
#: The least rapidfuzz ratio (0–100, edit similarity) of a name offered as similar.
FUZZ_THRESHOLD = 75


def similar_sources(name: str, *, limit: int = SIMILAR_LIMIT) -> list[Source]:
    """The existing sources whose names are close to `name`, closest first: trigram
    similarity (pg_trgm) on PostgreSQL, rapidfuzz's ratio over the names elsewhere (SQLite).
    A source of the very same name (ignoring case and spacing) is not "similar": it is the same
    source, which the create refuses on its own."""
    key = name_key(name)
    if not key:
        return []
    if connection.vendor == "postgresql":
        return list(
            Source.objects.annotate(similarity=TrigramSimilarity(Lower("name"), key))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .exclude(name_key=key)
            .order_by("-similarity", "name")[:limit]
        )
    keys = {pk: name_key(name) for pk, name in Source.objects.values_list("pk", "name")}
    matches = process.extract(
        key,
        {pk: other for pk, other in keys.items() if other != key},
        scorer=fuzz.ratio,
        processor=utils.default_process,
        score_cutoff=FUZZ_THRESHOLD,
        limit=limit,
    )
    ranked = [pk for _name, _score, pk in matches]
    found = Source.objects.in_bulk(ranked)
    return [found[pk] for pk in ranked if pk in found]
