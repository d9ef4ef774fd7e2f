"""Who a suggested passage is attributed to: the registry's best match for the name written."""

from sources.models import Source
from suggestions import analysis


def source_candidates() -> list[tuple[int, str]]:
    """The registry as the engine's `match_source` takes it: (id, name)."""
    return list(Source.objects.values_list("pk", "name"))


class SourceMatcher:
    """The registry's best match for an attribution (source id and score, or Nones), each
    attribution looked up once per run: an article names few speakers, many times."""

    def __init__(self, candidates: list[tuple[int, str]]):
        self.candidates = candidates
        self.found: dict[str, tuple[int | None, float | None]] = {}

    def __call__(self, attribution: str) -> tuple[int | None, float | None]:
        if not attribution or not self.candidates:
            return None, None
        if attribution not in self.found:
            found = analysis.match_source(attribution, self.candidates)
            self.found[attribution] = found if found else (None, None)
        return self.found[attribution]
