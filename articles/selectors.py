"""Reads of articles that several callers share, with their joins and counts."""

import re
import unicodedata
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    Case,
    Expression,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Col
from django.db.models.functions import Concat, Greatest, Length, Substr

from articles.ingest.normalize import content_sha256
from articles.models import Article
from project.caseless import CaselessIndex

#: PostgreSQL text search configuration for every article, whatever its language: English
#: stemming helps the bulk of the material and leaves words of other scripts as they are. The
#: stored search document (migration 0003) is built with the same configuration.
SEARCH_CONFIG = "english"
#: Around each search hit in a snippet; chosen because normalized text practically never
#: contains them, and the page escapes everything between them anyway.
HIT_START, HIT_END = "\x02", "\x03"
SNIPPET_CONTEXT = 90
#: Marks a snippet cut out of a longer text (on SQLite, where the snippet is a plain window).
SNIPPET_CUT = "…"
MAX_SEARCH_WORDS = 8
_WORD = re.compile(r"[^\s\"]+")


#: What the apps above articles count per article (claims: `claim_count`, its live claims),
#: carried by every article list and page: an annotation name → a function returning the
#: expression for the outer article. The apps register them in `AppConfig.ready()`, so articles
#: shows the counts without importing what it counts (docs/architecture.md).
ARTICLE_COUNTS: dict[str, Callable[[], Expression]] = {}


def _with_counts(articles: QuerySet[Article]) -> QuerySet[Article]:
    return articles.annotate(**{name: count() for name, count in ARTICLE_COUNTS.items()})


def article_list() -> QuerySet[Article]:
    """Articles with outlet and uploader joined and the registered counts annotated (each a
    subquery: unlike a join with GROUP BY, it leaves PostgreSQL free to compute search
    snippets only for the rows shown), newest first."""
    return _with_counts(
        Article.objects.select_related("outlet", "uploaded_by").defer("text")
    ).order_by("-created_at", "-id")


def article_detail() -> QuerySet[Article]:
    return _with_counts(Article.objects.select_related("outlet", "uploaded_by"))


def article_with_text(text: str) -> Article | None:
    """The article stored under this normalized text, if there is one."""
    return Article.objects.filter(content_sha256=content_sha256(text)).only("id", "title").first()


class StoredSearchDocument(Expression):
    """The article's search document: title (weight A) and text (weight B) as a tsvector,
    stored by PostgreSQL in the generated column `search_document` with a GIN index on it
    (migration 0003). The model does not declare the column, as SQLite has none."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), _SEARCH_DOCUMENT_COLUMN)


_SEARCH_DOCUMENT_COLUMN = SearchVectorField()
_SEARCH_DOCUMENT_COLUMN.set_attributes_from_name("search_document")
_SEARCH_DOCUMENT_COLUMN.model = Article


def search_words(terms: str) -> list[str]:
    """The words of a search as the SQLite fallback matches and highlights them."""
    return _WORD.findall(terms)[:MAX_SEARCH_WORDS]


class _FullTextSearch:
    """PostgreSQL: full-text search (web search syntax: "quoted phrase", or, -not) in the stored
    search document over its GIN index, ranked by SearchRank, snippets by SearchHeadline."""

    @staticmethod
    def _query(terms: str) -> SearchQuery:
        if _INFLECTED_UNSTEMMED.search(terms):
            return _prefix_query(terms)
        return SearchQuery(terms, search_type="websearch", config=SEARCH_CONFIG)

    @classmethod
    def matching(cls, queryset: QuerySet[Article], terms: str) -> QuerySet[Article]:
        query = cls._query(terms)
        return (
            queryset.alias(document=StoredSearchDocument())
            .filter(document=query)
            .annotate(rank=SearchRank(F("document"), query))
        )

    @classmethod
    def with_snippets(cls, queryset: QuerySet[Article], terms: str) -> QuerySet[Article]:
        return queryset.annotate(
            snippet=SearchHeadline(
                "text",
                cls._query(terms),
                config=SEARCH_CONFIG,
                start_sel=HIT_START,
                stop_sel=HIT_END,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )


class _SubstringSearch:
    """SQLite: every word must occur in the title or the text (icontains); titles that contain
    the words rank first. The snippet is the text around the first word's first occurrence."""

    @staticmethod
    def matching(queryset: QuerySet[Article], terms: str) -> QuerySet[Article]:
        words = search_words(terms)
        if not words:
            return queryset
        for word in words:
            queryset = queryset.filter(Q(title__icontains=word) | Q(text__icontains=word))
        title_hits = (
            Case(When(title__icontains=word, then=Value(1.0)), default=Value(0.0)) for word in words
        )
        return queryset.annotate(rank=sum(title_hits, start=Value(0.0, output_field=FloatField())))

    @staticmethod
    def with_snippets(queryset: QuerySet[Article], terms: str) -> QuerySet[Article]:
        words = search_words(terms) or [""]
        window = SNIPPET_CONTEXT * 3
        first_hit = CaselessIndex("text", Value(words[0]))
        return queryset.alias(
            snippet_start=Greatest(first_hit - SNIPPET_CONTEXT, Value(1)),
            text_length=Length("text"),
        ).annotate(
            snippet=Concat(
                Case(When(snippet_start__gt=1, then=Value(f"{SNIPPET_CUT} ")), default=Value("")),
                Substr("text", F("snippet_start"), window),
                Case(
                    When(
                        text_length__gte=F("snippet_start") + window, then=Value(f" {SNIPPET_CUT}")
                    ),
                    default=Value(""),
                ),
                output_field=TextField(),
            )
        )


def search_terms(raw: str | None) -> str:
    """Words typed into a search box, ready for a lookup: trimmed, without NUL characters
    (PostgreSQL refuses them in text; no name or quote can contain one), and in the Unicode
    form every stored text is in (NFC: "café" typed decomposed finds "café")."""
    return unicodedata.normalize("NFC", (raw or "").replace("\x00", "").strip())


#: Scripts written without spaces between words (Chinese, Japanese, Korean, Thai, Lao, Khmer,
#: Myanmar): PostgreSQL's parser takes a whole run of them between punctuation for one word.
_UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]"
)


#: Letters of alphabets the English stemmer leaves alone (Cyrillic, Greek, Arabic, Hebrew,
#: Armenian, Georgian, the Indic scripts…), where a word changes its ending with its case:
#: "Курск" must find "Курскую", which the search document holds as it is written.
_INFLECTED_UNSTEMMED = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u08ff\u0900-\u0dff\u10a0-\u10ff]"
)
_NOT_A_WORD_CHARACTER = re.compile(r"[^\w]+")


def _prefix_query(terms: str) -> SearchQuery:
    """Every word of `terms` as the start of a word of the document (`курск:*`), over the same
    index: the web search syntax has no prefix, and a phrase or "or" is given up for it."""
    words = [_NOT_A_WORD_CHARACTER.sub("", word) for word in search_words(terms)]
    raw = " & ".join(f"{word}:*" for word in words if word)
    return SearchQuery(raw or "''", search_type="raw", config=SEARCH_CONFIG)


def _search(terms: str = ""):
    """The one place that tells PostgreSQL's full-text search from the substring match: SQLite,
    and words of scripts written without spaces, which the full-text parser cannot cut."""
    if connection.vendor == "postgresql" and not _UNSPACED_SCRIPT.search(terms):
        return _FullTextSearch
    return _SubstringSearch


def article_search(queryset: QuerySet[Article], terms: str) -> QuerySet[Article]:
    """Articles of `queryset` whose title or text match `terms`, annotated with `rank` (higher
    is better): full-text search on PostgreSQL, word by word icontains on SQLite."""
    terms = search_terms(terms)
    if not terms:
        return queryset
    return _search(terms).matching(queryset, terms)


def article_snippets(article_ids: list[int], terms: str) -> dict[int, str]:
    """The text around the hits of `terms` in each of these articles, each hit between
    HIT_START and HIT_END where the database marks them (PostgreSQL). One query, for the rows
    of a page only: a headline costs as much as reading the whole text."""
    terms = search_terms(terms)
    if not article_ids or not terms:
        return {}
    articles = _search(terms).with_snippets(Article.objects.filter(pk__in=article_ids), terms)
    return dict(articles.values_list("pk", "snippet"))


def articles_with_same_url(article: Article) -> QuerySet[Article]:
    """Other articles stored under the same URL (a trailing slash aside)."""
    if not article.url:
        return Article.objects.none()
    bare = article.url.rstrip("/")
    return (
        Article.objects.filter(url__in=[bare, f"{bare}/"])
        .exclude(pk=article.pk)
        .only("id", "title", "url")
        .order_by("created_at", "id")
    )


def texts_held(article_ids: Iterable[int]) -> dict[int, str]:
    """The fingerprints (`content_sha256`) of these articles' texts as they are now, each row
    held until the transaction ends, so that a text edit waits for the claims written with it
    and then finds them (`article_update`). PostgreSQL: `FOR SHARE`, so analysts recording
    claims on one article do not wait for each other as `select_for_update` would make them.
    SQLite: the write transaction holds the database's write lock from its start already
    (`transaction_mode` IMMEDIATE)."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    table = connection.ops.quote_name(Article._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, content_sha256 FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})"
            f" ORDER BY id{lock}",
            ids,
        )
        return dict(cursor.fetchall())
