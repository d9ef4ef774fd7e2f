"""Assisted analysis (issue 14), pure Python: no Django model, no database.

The product side (suggestions models, services, API) stores what these functions return;
docs/briefs/14-contract.md is the contract between the two.
"""

from suggestions.analysis.compare import compare, judge, pair_up
from suggestions.analysis.corpus import Article, CorpusSuggestions, PairSuggestion, suggest_corpus
from suggestions.analysis.measures import measures_in
from suggestions.analysis.passages import find_passages
from suggestions.analysis.records import Measure, Passage, Verdict
from suggestions.analysis.sources import match_source

#: Bump whenever the results change; stored on each Suggestion.
ANALYZER_VERSION = "5"

__all__ = [
    "ANALYZER_VERSION",
    "Article",
    "CorpusSuggestions",
    "Measure",
    "PairSuggestion",
    "Passage",
    "Verdict",
    "compare",
    "find_passages",
    "judge",
    "match_source",
    "measures_in",
    "pair_up",
    "suggest_corpus",
]
