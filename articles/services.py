"""Every write to articles."""

import datetime
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import PurePath
from typing import TypedDict, Unpack

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from articles import ingest
from articles.ingest.language import detect_language
from articles.ingest.normalize import content_sha256, normalize_text
from articles.ingest.title import title_and_text
from articles.languages import clean_language
from articles.models import Article
from articles.signals import article_added, article_date_changed, article_text_changed
from project import roles
from project.errors import Conflict
from project.file_store import store_unavailable
from sources.models import Source, SourceKind, name_key

ARTICLE_FIELDS = frozenset({"title", "text", "outlet", "author", "url", "published_on", "language"})
STORED_STEM_LENGTH = 40

#: The transaction an article is written in, as `WRITE["transaction"]()`: `transaction.atomic`
#: unless an app above makes it its own (claims: one that retires the aggregate cache's token
#: as its last statement, one commit instead of two; `claims.hooks`).
WRITE: dict[str, Callable[[], AbstractContextManager]] = {"transaction": transaction.atomic}


def _stored_under(*fingerprints: str) -> Article | None:
    """The article stored under one of `fingerprints`, with what a refusal names (not its
    whole text), or None."""
    return Article.objects.filter(content_sha256__in=fingerprints).only("id", "title").first()


def _duplicate_of(existing: Article) -> Conflict:
    return Conflict(
        f"This text is already in Corroborate as “{existing.title}” (article {existing.pk}).",
        code="duplicate",
        current={"id": existing.pk, "title": existing.title, "url": existing.get_absolute_url()},
    )


def outlet_allowed(outlet: Source | None) -> bool:
    """The rule for an article's outlet: none, or a source of kind media outlet. Every way an
    article is stored asks this (the restore of a claim set too, with its own message)."""
    return outlet is None or outlet.kind == SourceKind.MEDIA_OUTLET


def check_outlet(outlet: Source | None) -> None:
    """Refuse, on the outlet field, an outlet that `outlet_allowed` does not allow."""
    if not outlet_allowed(outlet):
        raise ValidationError(
            {"outlet": f"“{outlet.name}” is not a media outlet; choose a source of that kind."},
            code="not_an_outlet",
        )


def _stored_name(original_filename: str) -> str:
    """A safe name for the original in storage: never the uploader's path or characters."""
    name = PurePath(original_filename)
    return f"{slugify(name.stem)[:STORED_STEM_LENGTH] or 'original'}{name.suffix.lower()[:10]}"


def _outlet_named(name: str) -> Source | None:
    if not name:
        return None
    return Source.objects.filter(kind=SourceKind.MEDIA_OUTLET, name_key=name_key(name)).first()


def article_create(
    *,
    text: str,
    uploaded_by: AbstractBaseUser,
    title: str = "",
    outlet: Source | None = None,
    author: str = "",
    url: str = "",
    published_on: datetime.date | None = None,
    language: str = "",
    original_file: File | None = None,
    original_filename: str = "",
) -> Article:
    """Store an article under its normalized text, without the title as its first line, in
    the language given or else the one detected. The same text twice raises `Conflict` carrying
    the first article's id."""
    if not roles.can_add_article(uploaded_by):
        raise PermissionDenied("Only analysts and reviewers can add articles.")
    text = normalize_text(text)
    if not text.strip():  # also a text of nothing but non-breaking or other Unicode spaces
        raise ValidationError({"text": "The article has no text."}, code="empty")
    as_given = text
    title, text = title_and_text(text, title)
    try:
        ingest.check_text_size(text, what="The text")
    except ingest.IngestError as error:
        raise ValidationError({"text": error}) from None
    # Also the text with its title line: articles stored before titles left the text kept it.
    fingerprints = {content_sha256(text), content_sha256(as_given)}
    existing = _stored_under(*fingerprints)
    if existing is not None:
        raise _duplicate_of(existing)
    check_outlet(outlet)
    article = Article(
        title=title,
        text=text,
        outlet=outlet,
        author=author.strip(),
        url=url.strip(),
        published_on=published_on,
        language=_language(language) or detect_language(text),
        original_filename=original_filename,
        uploaded_by=uploaded_by,
        content_sha256=content_sha256(text),
    )
    # The fields' own rules, in Python. The table's constraints (a text, a title, a whole hash)
    # hold by construction here, and the uploader and outlet are objects already read: asking
    # the database (`full_clean`'s default) cost three queries, two of them sending it the
    # whole text (issue 17).
    article.full_clean(
        exclude=["original_file", "content_sha256", "uploaded_by", "outlet"],
        validate_constraints=False,
    )
    try:
        with WRITE["transaction"]():
            if original_file is not None:
                article.original_file.save(
                    _stored_name(original_filename), original_file, save=False
                )
            article._history_user = uploaded_by
            article.save()
    except IntegrityError:
        _discard_original(article)
        existing = _stored_under(article.content_sha256)
        if existing is None:
            raise
        raise _duplicate_of(existing) from None
    except OSError as error:
        _discard_original(article)
        raise store_unavailable(f"the original {original_filename!r}", error) from None
    except BaseException:
        _discard_original(article)
        raise
    transaction.on_commit(lambda: article_added.send(sender=Article, article=article), robust=True)
    return article


def _discard_original(article: Article) -> None:
    """Nothing half-saved: the stored original goes when its row was not written."""
    if article.original_file:
        article.original_file.delete(save=False)


class ArticleDetails(TypedDict, total=False):
    """What an uploader may say about an article besides its text (each optional)."""

    title: str
    outlet: Source | None
    author: str
    url: str
    published_on: datetime.date | None
    language: str


def article_ingest(
    *, file: File, filename: str, uploaded_by: AbstractBaseUser, **details: Unpack[ArticleDetails]
) -> Article:
    """Read an uploaded file (.txt, .md, .html, .pdf, .docx) and store it as one article, the
    original file kept alongside.

    Details given here win; what is left blank comes from the file (its title, author, URL,
    date, language, and its site name when a media outlet of that name exists). An unreadable,
    empty, oversized or unsupported file raises `ValidationError` on `file`, with a message for
    people; text that is already stored raises `Conflict` carrying the first article's id.
    """
    if not roles.can_add_article(uploaded_by):
        raise PermissionDenied("Only analysts and reviewers can add articles.")
    filename = ingest.display_filename(filename)
    try:
        ingest.check_format(filename)
        data = ingest.read_limited(file)
        extraction = ingest.extract(filename=filename, data=data)
    except ingest.IngestError as error:
        raise ValidationError({"file": error}) from None
    from_file = ArticleDetails(
        title=extraction.title,
        outlet=_outlet_named(extraction.outlet_name),
        author=extraction.author,
        url=extraction.url,
        published_on=extraction.published_on,
        language=extraction.language,
    )
    return article_create(
        text=extraction.text,
        uploaded_by=uploaded_by,
        **{name: details.get(name) or from_file[name] for name in from_file},
        original_file=ContentFile(data),
        original_filename=filename,
    )


def _language(value: str) -> str:
    """The language code to store for `value` (a name or a code), or a refusal on the field."""
    try:
        return clean_language(value)
    except ValidationError as error:
        raise ValidationError({"language": error.messages}, code="unknown") from None


def _hold_for_new_text(article: Article) -> None:
    """Lock the article's row before its text changes, so that the check that no claim points
    into it (`Article.save`) also sees the claims being recorded at this moment: they hold the
    row (`articles.selectors.texts_held`) until they commit. Refuses an edit of a text someone
    else changed since it was read."""
    stored = (
        Article.objects.select_for_update()
        .filter(pk=article.pk)
        .values_list("content_sha256", flat=True)
        .first()
    )
    if stored != article.content_sha256:
        raise ValidationError(
            {
                "text": "Someone else changed this article's text after you opened it. Nothing "
                "was saved: reload the article and make your change again."
            },
            code="text_changed",
        )


def article_update(*, article: Article, user: AbstractBaseUser, **changes) -> Article:
    """Change an article's metadata; its text only while no claim points into it."""
    unknown = set(changes) - ARTICLE_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    if not roles.can_edit_article(user, article):
        raise PermissionDenied("Only the uploader or an admin can change an article.")
    if "language" in changes:
        changes["language"] = _language(changes["language"])
    if "text" in changes:
        changes["text"] = normalize_text(changes["text"])
        if not changes["text"].strip():
            raise ValidationError({"text": "The article has no text."}, code="empty")
        clash = _stored_under(content_sha256(changes["text"]))
        if clash is not None and clash.pk != article.pk:
            raise _duplicate_of(clash)
    text_changed = "text" in changes and changes["text"] != article.text
    date_changed = "published_on" in changes and changes["published_on"] != article.published_on
    if "outlet" in changes and getattr(changes["outlet"], "pk", None) != article.outlet_id:
        # Only a new outlet is judged: an edit of the title is not refused over an outlet
        # nobody touched.
        check_outlet(changes["outlet"])
    for field, value in changes.items():
        setattr(article, field, value)
    # The fields' own rules, in Python. The table's constraints (a text, a title, a whole hash)
    # hold by construction here, and the uploader and outlet are objects already read: asking
    # the database (`full_clean`'s default) cost three queries, two of them sending it the
    # whole text (issue 17).
    article.full_clean(
        exclude=["original_file", "content_sha256", "uploaded_by", "outlet"],
        validate_constraints=False,
    )
    with WRITE["transaction"]():
        if text_changed:
            _hold_for_new_text(article)
        article._history_user = user
        article.save()
        if text_changed:
            transaction.on_commit(
                lambda: article_text_changed.send(sender=Article, article=article), robust=True
            )
        elif date_changed:
            transaction.on_commit(
                lambda: article_date_changed.send(sender=Article, article=article), robust=True
            )
    return article
