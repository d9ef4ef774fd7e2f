"""The reading view preloads every module its script imports (templates/claims/reading.html),
so the browser fetches them at once instead of one import level after another."""

import re
from pathlib import Path

import pytest
from django.conf import settings

JS = Path(settings.BASE_DIR) / "static" / "js"


def _imported(entry: Path) -> set[str]:
    """Every module reachable from `entry` by static imports, relative to static/js/."""
    found, todo = set(), [entry]
    while todo:
        module = todo.pop()
        for target in re.findall(r'^\s*import[^;]*?from\s+"([^"]+)"', module.read_text(), re.M):
            path = (module.parent / target).resolve()
            name = path.relative_to(JS.resolve()).as_posix()
            if name not in found:
                found.add(name)
                todo.append(path)
    return found


@pytest.mark.django_db
def test_every_module_of_the_annotation_script_is_preloaded(client, analyst):
    from tests.factories import ArticleFactory

    client.force_login(analyst)
    html = client.get(ArticleFactory().get_absolute_url()).content.decode()
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/static/js/([^"]+)"', html))
    modules = _imported(JS / "annotate.js")
    assert len(modules) > 10
    assert modules | {"annotate.js"} == preloaded
