"""Everything the suggestion engine and `suggest_for_article` make, written out in full so that
two versions of the code can be compared output for output (a change meant to make them faster
must leave this file byte for byte the same).

`python -m bench suggest_dump` writes `bench/reports/suggest_dump.json` and reports the digest
of each part:

- `passages`: `find_passages` and `measures_in` (every field of every Passage and Measure) on
  the articles of ../shared/corpus and of the synthetic stories in tests/suggestions/fixtures,
  with no publication date and with one, and on generated dispatches (`bench.lists`'s figures
  of people crossing, the worst case for the rules) and the 500- and 5,000-word mixes the
  speed figures use;
- `corpus`: `suggest_corpus` over each folder (claims and pairs with their verdicts);
- `database`: the stored suggestions (every field but ids and times; articles by title) after
  each folder is uploaded through the services and `suggest_for_article` runs over it, and after
  new dispatches are suggested against 2,000 indexed claims of one key, where only the newest
  `CANDIDATES_PER_KEY` stored measures are compared.

Compare with an earlier commit: `git worktree add --detach /tmp/base <commit>`, copy this file
into its bench/, run it there too, and `cmp` the two JSON files.
"""

import dataclasses
import datetime
import hashlib
import json
from pathlib import Path

from django.contrib.auth import get_user_model

from articles.models import Article
from bench._suggest_database import load as upload_folder
from bench.suggest import CORPUS, SYNTHETIC, _article_of
from bench.suggest import load as load_folder
from bench.suggest_scale import _add_claims, _new_article
from sources.models import Source
from suggestions import analysis, services
from suggestions.models import Suggestion

FOLDERS = (CORPUS, SYNTHETIC, SYNTHETIC / "heldout")
PUBLISHED = datetime.date(2024, 11, 5)
STORED_CLAIMS = 2_000
NEW_DISPATCHES = 3
REPORT = Path(__file__).resolve().parent / "reports" / "suggest_dump.json"


def _plain(value):
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _texts() -> dict[str, str]:
    """Every text the pure part reads, by a stable name."""
    from bench.lists import _article_text

    texts, corpus = {}, []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")):
            texts[f"{folder.name}/{path.name}"] = path.read_text()
            corpus.append(path.read_text())
    for words in (500, 5_000):
        texts[f"mix {words}"] = _article_of(words, corpus)
    for number in range(5):
        texts[f"dispatch {number}"] = _article_text(number)[0]
    return texts


def _passages() -> dict:
    out = {}
    for name, text in _texts().items():
        for published in (None, PUBLISHED):
            label = f"{name} @ {published}"
            out[label] = {
                "passages": [
                    dataclasses.asdict(p) for p in analysis.find_passages(text, published=published)
                ],
                "measures": [
                    dataclasses.asdict(m) for m in analysis.measures_in(text, published=published)
                ],
            }
    return _plain(out)


def _corpus() -> dict:
    out = {}
    for folder in FOLDERS:
        if not folder.exists():
            continue
        articles, _gold = load_folder(folder)
        result = analysis.suggest_corpus(articles)
        out[folder.name] = {
            "claims": {
                key: [dataclasses.asdict(passage) for passage in passages]
                for key, passages in result.claims.items()
            },
            "pairs": [dataclasses.asdict(pair) for pair in result.pairs],
        }
    return _plain(out)


def _stored() -> list[dict]:
    titles = dict(Article.objects.values_list("pk", "title"))
    sources = dict(Source.objects.values_list("pk", "name"))
    rows = []
    for suggestion in Suggestion.objects.order_by("kind", "key"):
        row = {}
        for field in Suggestion._meta.concrete_fields:
            name = field.attname
            if name in ("id", "created_at", "updated_at", "decided_at", "key"):
                continue
            value = getattr(suggestion, name)
            if name.endswith("_article_id") and value is not None:
                value = titles[value]
            elif name.endswith("_source_id") and value is not None:
                value = sources[value]
            elif name.endswith("_claim_id") and value is not None:
                value = "claim"  # ids differ between runs; which side has a claim does not
            row[name] = value
        rows.append(row)
    rows.sort(key=lambda row: json.dumps(row, default=str, sort_keys=True))
    return _plain(rows)


def _database() -> dict:
    out = {}
    for folder in FOLDERS:
        if not folder.exists():
            continue
        names = upload_folder(folder)
        for pk in sorted(names):
            services.suggest_for_article(Article.objects.get(pk=pk))
    out["corpus"] = _stored()
    Suggestion.objects.all().delete()
    user = get_user_model().objects.get(username="bench-suggest")
    source = Source.objects.create(name="Bench dispatches", kind="other", reliability="C")
    _add_claims(STORED_CLAIMS, user, source)
    candidates = services.source_candidates()
    for number in range(NEW_DISPATCHES):
        services.suggest_for_article(_new_article(number, user), candidates=candidates)
    out["dispatches"] = _stored()
    return out


def _digest(part) -> str:
    return hashlib.sha256(json.dumps(part, sort_keys=True).encode()).hexdigest()[:16]


def run(report) -> None:
    dump = {"passages": _passages(), "corpus": _corpus(), "database": _database()}
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(dump, sort_keys=True, indent=1))
    report.line(f"Written to {REPORT}\n")
    report.line("| part | items | sha256 (first 16) |")
    report.line("| --- | ---: | --- |")
    for name, part in dump.items():
        for key, value in part.items():
            report.line(f"| {name} / {key} | {len(value)} | {_digest(value)} |")
    report.line(f"| all | | {_digest(dump)} |")
