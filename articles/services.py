"""Every write to articles."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction

from articles.ingest.normalize import content_sha256, normalize_text
from articles.models import Article
from claims import permissions
from claims.models import Source, SourceKind
from project.errors import Conflict

ARTICLE_FIELDS = frozenset({"title", "text", "outlet", "author", "url", "published_on", "language"})
TITLE_GUESS_LENGTH = 120


def _duplicate_of(existing: Article) -> Conflict:
    return Conflict(
        f"This text is already in Corroborate as “{existing.title}” (article {existing.pk}).",
        code="duplicate",
        current={"id": existing.pk, "title": existing.title, "url": existing.get_absolute_url()},
    )


def _title_from(text: str) -> str:
    first_line = text.split("\n", 1)[0].strip()
    if len(first_line) <= TITLE_GUESS_LENGTH:
        return first_line
    return first_line[: TITLE_GUESS_LENGTH - 1].rstrip() + "…"


def _check_outlet(outlet: Source | None) -> None:
    if outlet is not None and outlet.kind != SourceKind.MEDIA_OUTLET:
        raise ValidationError(
            {"outlet": f"“{outlet.name}” is not a media outlet; choose a source of that kind."},
            code="not_an_outlet",
        )


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
    """Store an article under its normalized text. The same text twice raises `Conflict`
    carrying the first article's id."""
    if not permissions.can_add_article(uploaded_by):
        raise PermissionDenied("Only analysts and reviewers can add articles.")
    text = normalize_text(text)
    if not text:
        raise ValidationError({"text": "The article has no text."}, code="empty")
    existing = Article.objects.filter(content_sha256=content_sha256(text)).first()
    if existing is not None:
        raise _duplicate_of(existing)
    _check_outlet(outlet)
    article = Article(
        title=" ".join(title.split()) or _title_from(text),
        text=text,
        outlet=outlet,
        author=author.strip(),
        url=url.strip(),
        published_on=published_on,
        language=language.strip(),
        original_filename=original_filename,
        uploaded_by=uploaded_by,
        content_sha256=content_sha256(text),
    )
    article.full_clean(exclude=["original_file", "content_sha256"])
    try:
        with transaction.atomic():
            if original_file is not None:
                article.original_file.save(
                    original_filename or "original", original_file, save=False
                )
            article._history_user = uploaded_by
            article.save()
    except IntegrityError:
        existing = Article.objects.filter(content_sha256=article.content_sha256).first()
        if existing is None:
            raise
        if article.original_file:
            article.original_file.delete(save=False)
        raise _duplicate_of(existing) from None
    return article


def article_update(*, article: Article, user: AbstractBaseUser, **changes) -> Article:
    """Change an article's metadata; its text only while no claim points into it."""
    unknown = set(changes) - ARTICLE_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    if not (permissions.is_staff(user) or article.uploaded_by_id == user.pk):
        raise PermissionDenied("Only the uploader or an admin can change an article.")
    if "text" in changes:
        changes["text"] = normalize_text(changes["text"])
        if not changes["text"]:
            raise ValidationError({"text": "The article has no text."}, code="empty")
        clash = (
            Article.objects.filter(content_sha256=content_sha256(changes["text"]))
            .exclude(pk=article.pk)
            .first()
        )
        if clash is not None:
            raise _duplicate_of(clash)
    _check_outlet(changes.get("outlet", article.outlet))
    for field, value in changes.items():
        setattr(article, field, value)
    article.full_clean(exclude=["original_file", "content_sha256"])
    with transaction.atomic():
        article._history_user = user
        article.save()
    return article
