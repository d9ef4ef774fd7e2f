"""Load the invented Velka valley corpus through the services, so the demo obeys every rule."""

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from articles.ingest.normalize import content_sha256, normalize_text
from articles.models import Article
from articles.services import article_create
from claims import services
from claims.demo import content
from claims.models import Claim, ClaimLink, ClaimStatus, LinkStatus, Tag
from project.statistics import refresh_statistics
from sources import services as source_services
from sources.models import Source


@dataclass
class DemoSummary:
    password: str
    users: list[str]
    articles: int
    claims: int
    links: int
    created_claims: int


def _users(password: str) -> dict:
    User = get_user_model()
    users = {}
    for username, (groups, is_staff) in content.USERS.items():
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = is_staff
        user.email = f"{username}@example.org"
        user.set_password(password)
        user.save()
        # get_or_create: the roles come from a migration, but a flushed database has none.
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
        users[username] = get_user_model().objects.get(pk=user.pk)  # fresh: no cached roles
    return users


def _sources(admin) -> dict[str, Source]:
    sources = {}
    for name, kind, reliability, description in [*content.SOURCES, *content.EXTRA_SOURCES]:
        source, _ = source_services.source_get_or_create(
            name=name, user=admin, kind=kind, reliability=reliability, description=description
        )
        sources[name] = source
    return sources


def _articles(users, sources) -> dict[str, Article]:
    articles = {}
    for key, spec in content.ARTICLES.items():
        text = normalize_text(spec["text"])
        article = Article.objects.filter(content_sha256=content_sha256(text)).first()
        if article is None:
            article = article_create(
                text=text,
                title=spec["title"],
                outlet=sources[spec["outlet"]] if spec["outlet"] else None,
                author=spec["author"],
                url=spec["url"],
                published_on=datetime.date.fromisoformat(spec["published_on"]),
                language="en",
                uploaded_by=users["analyst"],
            )
        articles[key] = article
    return articles


def _advance(claim: Claim, status: str, key: str, users) -> None:
    """Walk a new draft through the review workflow to `status`."""
    if status == ClaimStatus.DRAFT:
        return
    author = claim.created_by
    claim = services.claim_submit(claim=claim, user=author)
    if status == ClaimStatus.APPROVED:
        services.claim_approve(claim=claim, reviewer=users["reviewer"], note="Checked in context.")
    elif status == ClaimStatus.REJECTED:
        services.claim_reject(
            claim=claim, reviewer=users["reviewer"], note=content.REVIEW_NOTES.get(key, "Rework.")
        )


def _claims(users, sources, articles) -> tuple[dict[str, Claim], int]:
    claims, created = {}, 0
    for (
        key,
        article_key,
        quote,
        source,
        credibility,
        statement,
        tags,
        status,
        author,
    ) in content.CLAIMS:
        article = articles[article_key]
        start = article.text.index(quote)
        end = start + len(quote)
        claim = Claim.all_objects.filter(
            article=article, start=start, end=end, source=sources[source]
        ).first()
        if claim is None:
            claim = services.claim_create(
                article=article,
                start=start,
                end=end,
                quote=quote,
                source=sources[source],
                credibility=credibility,
                statement=statement,
                tags=tags,
                created_by=users[author],
            )
            _advance(claim, status, key, users)
            created += 1
        claims[key] = claim
    return claims, created


def _links(users, claims) -> None:
    for kind, first, second, status, note in content.LINKS:
        claim_a, claim_b = sorted((claims[first], claims[second]), key=lambda claim: claim.pk)
        if ClaimLink.objects.filter(claim_a=claim_a, claim_b=claim_b, kind=kind).exists():
            continue
        link = services.link_create(
            kind=kind, claim_a=claim_a, claim_b=claim_b, note=note, user=claims[first].created_by
        )
        if status != LinkStatus.PROPOSED:
            services.link_set_status(
                link=link, status=status, user=users["reviewer"], version=link.version
            )


#: What the apps above claims add to the demo (their `AppConfig.ready()` appends): each is called
#: as `step(users, claims, log)`, the demo users by name and its claims by key
#: (`content.CLAIMS`), inside the demo's transaction, and must be safe to run again.
DEMO_STEPS: list[Callable[[dict, dict[str, Claim], Callable[[str], None]], None]] = []


def reset_domain() -> None:
    """Delete every article, claim, link, source and tag, with their history."""
    for model in (ClaimLink, Claim, Article, Source, Tag):
        manager = getattr(model, "all_objects", model.objects)
        manager.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()


def load_demo(
    *,
    reset: bool = False,
    password: str | None = None,
    log: Callable[[str], None] = lambda message: None,
) -> DemoSummary:
    """Create the demo users, sources, articles, claims and links. Safe to run again: what
    exists is kept, and the users get the new password."""
    password = password or secrets.token_urlsafe(12)
    with transaction.atomic():
        if reset:
            log("Removing existing articles, claims, links, sources and tags…")
            reset_domain()
        users = _users(password)
        sources = _sources(users["admin"])
        articles = _articles(users, sources)
        log(f"{len(articles)} articles ready.")
        claims, created = _claims(users, sources, articles)
        log(f"{len(claims)} claims ready ({created} new).")
        _links(users, claims)
        for step in DEMO_STEPS:
            step(users, claims, log)
        refresh_statistics(Article, Source, Claim, Claim.tags.through, ClaimLink)
    return DemoSummary(
        password=password,
        users=list(content.USERS),
        articles=Article.objects.count(),
        claims=Claim.objects.count(),
        links=ClaimLink.objects.count(),
        created_claims=created,
    )
