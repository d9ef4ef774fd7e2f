"""Every write of suggestions, in five modules: `index` (the index of measures), `suggest`
(making suggestions for an article), `decide` (accept, dismiss), `settle` (pairs done by a link
made by hand) and `forget` (what was read from an article's text, once the text changed); read
here as one
`suggestions.services`, which views, the API, the admin and commands call."""

from suggestions.services.attribution import source_candidates
from suggestions.services.decide import suggestion_accept, suggestion_dismiss
from suggestions.services.forget import forget_article_text
from suggestions.services.index import index_claim, index_claims, index_new_claims
from suggestions.services.settle import pairs_settled_by, passages_recorded
from suggestions.services.suggest import SuggestRun, suggest_for_article

__all__ = [
    "SuggestRun",
    "forget_article_text",
    "index_claim",
    "index_claims",
    "index_new_claims",
    "pairs_settled_by",
    "passages_recorded",
    "source_candidates",
    "suggest_for_article",
    "suggestion_accept",
    "suggestion_dismiss",
]
