"""Making suggestions for an article: index its measures (`suggestions.services.index`),
suggest its passages as claims, and pair its measures with the stored measures of equal key
(never all pairs).

`suggest_for_article` is the one entry: uploads and imports call it (inline, within a time
budget, see `suggestions.receivers`), so does `manage.py suggest`, and a background job may.
Re-running it is idempotent: a suggestion is identified by its kind and spans
(`Suggestion.key`), so an existing one, pending, accepted or dismissed, is never made again.
"""

import heapq
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction
from django.db.models import Q

from articles.models import Article
from claims.models import Claim, ClaimLink
from suggestions import analysis
from suggestions.models import (
    IndexedMeasure,
    Suggestion,
    SuggestionKind,
    SuggestionStatus,
    overlaps,
    spans_key,
)
from suggestions.services.attribution import SourceMatcher, source_candidates
from suggestions.services.index import index_article
from suggestions.services.settle import pairs_settled_by, passages_recorded
from suggestions.services.store import store_new

#: At most this many stored measures of one key are compared with each new measure: the newest
#: (and as many of the article's own). A key is specific (subject, party, unit, rate period,
#: currency); in a busy one the newest statements stand for the older ones, which were compared
#: with each other when they were new. This bound is what keeps an article's run under 2 s.
CANDIDATES_PER_KEY = 30
#: At most this many pair suggestions come from one run over an article, best first
#: (contradictions first): an analyst reads them one by one.
PAIRS_PER_ARTICLE = 100
#: A pair suggestion below this score is not worth an analyst's time.
MIN_PAIR_SCORE = 0.0

Span = tuple[int, int, int]  # article id, start, end


@dataclass
class SuggestRun:
    """What one run made for one article."""

    article: int
    claims: int = 0
    contradictions: int = 0
    corroborations: int = 0
    measures: int = 0
    complete: bool = True
    seconds: float = 0.0

    @property
    def made(self) -> int:
        return self.claims + self.contradictions + self.corroborations


@dataclass
class _Side:
    """One side of a candidate pair: a passage or a claim, with the measure compared."""

    article: int
    start: int
    end: int
    quote: str
    claim: int | None
    statement: str
    attribution: str
    score: float
    measure: analysis.Measure = field(compare=False)
    #: (article, start, end), made once: the pairing loop reads it tens of thousands of times
    span: Span = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.span = (self.article, self.start, self.end)


def _measure(row: IndexedMeasure) -> analysis.Measure:
    return analysis.Measure(**row.measure)


def _side(row: IndexedMeasure) -> _Side:
    return _Side(
        article=row.article_id,
        start=row.start,
        end=row.end,
        quote=row.quote,
        claim=row.claim_id,
        statement=row.statement,
        attribution=row.attribution,
        score=row.score,
        measure=_measure(row),
    )


def _claim_suggestions(
    article: Article,
    passages: list[analysis.Passage],
    claims: list[Claim],
    matched_source: SourceMatcher,
) -> list[Suggestion]:
    """A claim suggestion for every passage no live claim overlaps."""
    claim_spans = [(article.pk, claim.start, claim.end) for claim in claims]
    made = []
    for passage in passages:
        span = (article.pk, passage.start, passage.end)
        if any(overlaps(span, claimed) for claimed in claim_spans):
            continue
        source_id, source_score = matched_source(passage.attribution)
        made.append(
            Suggestion(
                kind=SuggestionKind.CLAIM,
                key=spans_key(SuggestionKind.CLAIM, span),
                a_article_id=article.pk,
                a_start=passage.start,
                a_end=passage.end,
                a_quote=passage.quote,
                a_source_id=source_id,
                source_score=source_score,
                statement=passage.statement[:500],
                attribution=passage.attribution[:200],
                measures=[measure.describe() for measure in passage.measures],
                score=passage.score,
                analyzer_version=analysis.ANALYZER_VERSION,
            )
        )
    return made


def _candidates(keys: set[str], article: Article) -> dict[str, list[IndexedMeasure]]:
    """The newest stored measures of each key, from other articles (one indexed query per key)."""
    found: dict[str, list[IndexedMeasure]] = {}
    for key in sorted(keys):
        found[key] = list(
            IndexedMeasure.objects.filter(key=key)
            .exclude(article=article)
            .order_by("-id")[:CANDIDATES_PER_KEY]
        )
    return found


def _pairs(
    own: list[IndexedMeasure], others: dict[str, list[IndexedMeasure]], deadline: float | None
) -> tuple[dict[tuple[Span, Span], tuple[analysis.Verdict, _Side, _Side]], bool]:
    """Compare each of the article's measures with those of equal key (its own later passages,
    each pair once, and the stored ones); keep the best verdict per pair of spans, and the best
    `PAIRS_PER_ARTICLE` in all."""
    own_sides: dict[str, list[_Side]] = defaultdict(list)
    for row in own:
        own_sides[row.key].append(_side(row))
    stored_sides = {key: [_side(row) for row in rows] for key, rows in others.items()}
    # Pairs are ranked on the engine's kind and score alone (`judge`); only the verdicts of
    # the pairs kept are written out in full (`compare`, the same kind and score, and a reason).
    best: dict[tuple[Span, Span], tuple[_Judged, _Side, _Side]] = {}
    for key, sides in own_sides.items():
        for index, mine in enumerate(sides):
            if deadline is not None and time.monotonic() > deadline:
                return _verdicts(_kept(best)), False
            peers = sides[index + 1 : index + 1 + CANDIDATES_PER_KEY] + stored_sides.get(key, [])
            for other in peers:
                if overlaps(other.span, mine.span) or (mine.claim and mine.claim == other.claim):
                    continue
                a, b = (mine, other) if mine.span < other.span else (other, mine)
                judged = analysis.judge(a.measure, b.measure)
                if judged is None or judged[1] < MIN_PAIR_SCORE:
                    continue
                judged = _Judged(*judged)
                pair = (a.span, b.span)
                if pair not in best or _rank(judged) > _rank(best[pair][0]):
                    best[pair] = (judged, a, b)
    return _verdicts(_kept(best)), True


class _Judged(NamedTuple):
    """A pair's kind and score, as `analysis.judge` gives them (ranked like a verdict)."""

    kind: str
    score: float


def _verdicts(pairs: dict) -> dict:
    """The engine's full verdict (with its reason) for each pair kept."""
    made = {}
    for span_pair, (judged, a, b) in pairs.items():
        verdict = analysis.compare(a.measure, b.measure)
        assert (verdict.kind, verdict.score) == judged  # judge() is compare() without a reason
        made[span_pair] = (verdict, a, b)
    return made


def _kept(best: dict) -> dict:
    pairs = _one_role_pair_per_articles(best)
    if len(pairs) <= PAIRS_PER_ARTICLE:
        return pairs
    return dict(
        heapq.nlargest(PAIRS_PER_ARTICLE, pairs.items(), key=lambda item: _rank(item[1][0]))
    )


def _rank(verdict: analysis.Verdict | _Judged) -> tuple[bool, float]:
    """Of two verdicts on one pair of passages the engine keeps the contradiction, then the
    higher score (as its `suggest_corpus` does)."""
    return verdict.kind == "contradiction", verdict.score


def _one_role_pair_per_articles(pairs: dict) -> dict:
    """Role disagreements (qualitative, so noisier) are kept at one per two articles: the most
    firmly attributed, as the engine's `suggest_corpus` keeps them."""
    if not any(a.measure.kind == "role" for _, a, _ in pairs.values()):
        return pairs  # nothing to thin out (and the same order)
    kept, best_role = {}, {}
    for span_pair, (verdict, a, b) in pairs.items():
        if a.measure.kind != "role":
            kept[span_pair] = (verdict, a, b)
            continue
        articles = (a.article, b.article)
        # Ties go to the earlier passages, so every run keeps the same one.
        firmness = (verdict.score + a.score + b.score, tuple(-n for n in (*a.span, *b.span)))
        if articles not in best_role or firmness > best_role[articles][0]:
            best_role[articles] = (firmness, span_pair, (verdict, a, b))
    for _, span_pair, pair in best_role.values():
        kept[span_pair] = pair
    return kept


def _linked_pairs(claim_ids: set[int]) -> set[tuple[int, int]]:
    """Pairs of these claims already linked (either kind): no suggestion needed."""
    if not claim_ids:
        return set()
    return set(
        ClaimLink.objects.filter(Q(claim_a__in=claim_ids) & Q(claim_b__in=claim_ids)).values_list(
            "claim_a", "claim_b"
        )
    )


def _pair_suggestions(
    pairs: dict[tuple[Span, Span], tuple[analysis.Verdict, _Side, _Side]],
    claim_spans: dict[Span, int],
    matched_source: SourceMatcher,
) -> list[Suggestion]:
    claim_ids = {
        side.claim or claim_spans.get(side.span) for _, a, b in pairs.values() for side in (a, b)
    }
    linked = _linked_pairs(claim_ids - {None})
    made = []
    for verdict, a, b in pairs.values():
        a_claim = a.claim or claim_spans.get(a.span)
        b_claim = b.claim or claim_spans.get(b.span)
        if a_claim and b_claim and tuple(sorted((a_claim, b_claim))) in linked:
            continue
        a_source, _ = matched_source(a.attribution) if not a_claim else (None, None)
        b_source, _ = matched_source(b.attribution) if not b_claim else (None, None)
        kind = SuggestionKind(verdict.kind)
        made.append(
            Suggestion(
                kind=kind,
                key=spans_key(kind, a.span, b.span),
                a_article_id=a.article,
                a_start=a.start,
                a_end=a.end,
                a_quote=a.quote,
                a_claim_id=a_claim,
                a_source_id=a_source,
                b_article_id=b.article,
                b_start=b.start,
                b_end=b.end,
                b_quote=b.quote,
                b_claim_id=b_claim,
                b_source_id=b_source,
                statement=a.statement[:500],
                b_statement=b.statement[:500],
                measures=[a.measure.describe(), b.measure.describe()],
                measure_kind=a.measure.kind[:16],
                reason=verdict.reason,
                score=verdict.score,
                analyzer_version=analysis.ANALYZER_VERSION,
            )
        )
    return made


def _without_second_role_pairs(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Leave out a role disagreement between two articles that already have one (from an
    earlier run, whatever its status)."""
    roles = [s for s in suggestions if s.measure_kind == "role"]
    if not roles:
        return suggestions
    ids = {s.a_article_id for s in roles} | {s.b_article_id for s in roles}
    held = set(
        Suggestion.objects.filter(
            measure_kind="role", a_article__in=ids, b_article__in=ids
        ).values_list("a_article", "b_article", "key")
    )
    held_articles = {(a, b) for a, b, _ in held}
    held_keys = {key for _, _, key in held}
    return [
        s
        for s in suggestions
        if s.measure_kind != "role"
        or s.key in held_keys
        or (s.a_article_id, s.b_article_id) not in held_articles
    ]


def _settle_what_was_done(claims: list[Claim]) -> None:
    """Settle the suggestions that what was done by hand has answered, however it was done: the
    claims of the article (recorded by an import, or before suggestions were settled as claims
    were recorded), and the links between them and other claims (`services.settle`). No query
    for an article without claims, as a new one is."""
    live = [claim for claim in claims if claim.deleted_at is None]
    if not live:
        return
    passages_recorded(live)
    touching = ClaimLink.objects.filter(Q(claim_a__in=live) | Q(claim_b__in=live))
    pairs_settled_by(list(touching.select_related("claim_a", "claim_b", "created_by")))


def _withdraw_older_readings(article: Article) -> None:
    """Withdraw the undecided suggestions with a side in `article` that an older version of
    the engine made: this run makes again those it still finds, and a misreading since fixed
    (a pair of "said" read as aid) leaves the board. Decided ones stay, dismissals above all."""
    Suggestion.objects.filter(
        Q(a_article=article) | Q(b_article=article), status=SuggestionStatus.PENDING
    ).exclude(analyzer_version=analysis.ANALYZER_VERSION).delete()


def suggest_for_article(
    article: Article,
    *,
    budget: float | None = None,
    candidates: list[tuple[int, str]] | None = None,
) -> SuggestRun:
    """Suggest the article's passages as claims and pair its figures with every article's.

    Stops pairing after `budget` seconds (None: no limit) and says so (`complete` False): the
    claim suggestions and the index are made whatever the budget. `candidates` is the source
    registry as `source_candidates()` gives it, when a caller runs many articles."""
    started = time.monotonic()
    deadline = started + budget if budget is not None else None
    run = SuggestRun(article=article.pk)
    passages = analysis.find_passages(article.text, published=article.published_on)
    if candidates is None:
        candidates = source_candidates()
    with transaction.atomic():
        claims = list(
            Claim.objects.filter(article=article).only(
                "pk", "article_id", "start", "end", "quote", "statement", "deleted_at", "created_by"
            )
        )
        _settle_what_was_done(claims)
        _withdraw_older_readings(article)
        own = index_article(article, passages, claims)
        run.measures = len(own)
        matched_source = SourceMatcher(candidates)
        made = store_new(_claim_suggestions(article, passages, claims, matched_source))
        run.claims = len(made)
        others = _candidates({row.key for row in own}, article)
        pairs, run.complete = _pairs(own, others, deadline)
        span_claims = [
            (row.article_id, row.start, row.end, row.claim_id)
            for rows in others.values()
            for row in rows
            if row.claim_id
        ] + [(article.pk, claim.start, claim.end, claim.pk) for claim in claims]
        claim_spans = {(a, s, e): c for a, s, e, c in span_claims}
        pair_suggestions = _without_second_role_pairs(
            _pair_suggestions(pairs, claim_spans, matched_source)
        )
        for suggestion in store_new(pair_suggestions):
            if suggestion.kind == SuggestionKind.CONTRADICTION:
                run.contradictions += 1
            else:
                run.corroborations += 1
    run.seconds = time.monotonic() - started
    return run
