"""The demo command: a believable evidence base, every rule obeyed, safe to run twice."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from articles.models import Article
from claims.models import Claim, ClaimLink, ClaimStatus, LinkKind
from sources.models import Source

pytestmark = pytest.mark.django_db


def test_demo_loads_articles_claims_in_every_status_and_links(capsys):
    call_command("demo", password="demo-pass")

    assert Article.objects.count() == 8
    assert set(Claim.objects.values_list("status", flat=True)) == set(ClaimStatus.values)
    assert Claim.objects.count() == 40
    assert ClaimLink.objects.filter(kind=LinkKind.CONTRADICTS).count() >= 5
    assert Source.objects.values("kind").distinct().count() >= 6
    cross_article = [
        link
        for link in ClaimLink.objects.select_related("claim_a", "claim_b")
        if link.claim_a.article_id != link.claim_b.article_id
    ]
    assert cross_article
    for username in ("admin", "analyst", "analyst2", "reviewer"):
        assert authenticate(_login_request(), username=username, password="demo-pass") is not None
    assert "Password (all demo users): demo-pass" in capsys.readouterr().out


def test_every_demo_claim_quotes_its_article_exactly():
    call_command("demo", password="demo-pass")

    for claim in Claim.objects.select_related("article"):
        assert claim.article.text[claim.start : claim.end] == claim.quote


def test_demo_is_idempotent_and_renews_the_password():
    call_command("demo", password="first")
    counts = (Article.objects.count(), Claim.objects.count(), ClaimLink.objects.count())

    call_command("demo", password="second")

    assert (Article.objects.count(), Claim.objects.count(), ClaimLink.objects.count()) == counts
    assert authenticate(_login_request(), username="analyst", password="second") is not None


def test_demo_reset_starts_again_from_scratch(analyst):
    call_command("demo", password="x")
    Claim.objects.first().delete()

    call_command("demo", "--reset", password="x")

    assert Claim.objects.count() == 40


def test_demo_prints_a_random_password_by_default(capsys):
    call_command("demo")

    out = capsys.readouterr().out
    password = out.rsplit("Password (all demo users): ", 1)[1].strip()
    assert len(password) >= 12
    assert authenticate(_login_request(), username="admin", password=password).is_superuser


def test_demo_login_line_names_the_address_given(capsys):
    call_command("demo", password="x", url="http://127.0.0.1:8124/")

    assert "Log in at http://127.0.0.1:8124/ as any of: admin" in capsys.readouterr().out


def _login_request():
    """A login page post: the throttled backend checks a password only with its request."""
    return RequestFactory().post("/accounts/login/")
