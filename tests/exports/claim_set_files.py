"""Sending a claim-set file to `POST /api/import/`, spoiling one, and checking that a refused
one left nothing behind: what the validation and restore tests share."""

import copy
import json
from collections.abc import Callable

from django.urls import reverse

from articles.models import Article
from claims.models import Claim, ClaimLink, Tag
from sources.models import Source


def post_import(client, body, *, content_type="application/json"):
    return client.post(reverse("api:import"), body, content_type=content_type)


def nothing_stored() -> bool:
    managers = (Article.objects, Source.objects, Claim.all_objects, ClaimLink.objects, Tag.objects)
    return not any(manager.exists() for manager in managers)


def broken(document: dict, change: Callable[[dict], None]) -> str:
    """`document` as JSON after `change` (made to a copy)."""
    spoiled = copy.deepcopy(document)
    change(spoiled)
    return json.dumps(spoiled)
