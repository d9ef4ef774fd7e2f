"""The apps form layers and import only downward (docs/architecture.md).

Every module of every app is parsed (not imported) and each of its imports, at the top or
inside a function, is checked against the order below: an app may import itself and the apps
before it, never one after it. Imports under `if TYPE_CHECKING:` are for type hints and do not
run. The composition root (settings, the root URLconf, the WSGI/ASGI entry points) puts every
app together and may name any of them.
"""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: The layers, bottom first: the one place the allowed order is written down.
LAYERS = [
    "project",
    "jobs",
    "sources",
    "articles",
    "claims",
    "suggestions",
    "exports",
    "discussion",
]

COMPOSITION_ROOT = ("project/settings/", "project/urls.py", "project/wsgi.py", "project/asgi.py")


def _modules() -> list[Path]:
    return sorted(
        path
        for app in LAYERS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and not str(path.relative_to(ROOT)).startswith(COMPOSITION_ROOT)
    )


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
    )


def imported_apps(source: str) -> set[str]:
    """The top-level packages that the code in `source` imports when it runs."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if _is_type_checking_block(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def upward_imports(path: Path) -> list[str]:
    app = path.relative_to(ROOT).parts[0]
    allowed = set(LAYERS[: LAYERS.index(app) + 1])
    imported = imported_apps(path.read_text()) & set(LAYERS)
    return sorted(imported - allowed)


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_module_imports_only_its_own_app_and_the_layers_below(path):
    assert upward_imports(path) == [], (
        f"{path.relative_to(ROOT)} imports an app above its own; move the code up a layer "
        f"or pass what it needs down (order, bottom first: {' → '.join(LAYERS)})"
    )


def test_every_app_is_placed_in_a_layer():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(LAYERS), f"place {sorted(apps - set(LAYERS))} in LAYERS"


def test_the_check_sees_imports_inside_functions_and_ignores_type_hints():
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from exports.models import ExportRecord\n"
        "def later():\n"
        "    from claims import selectors\n"
        "import articles.models\n"
    )
    assert imported_apps(source) & set(LAYERS) == {"claims", "articles"}


def test_an_upward_import_is_caught(tmp_path, monkeypatch):
    module = ROOT / "sources" / "services.py"
    source = module.read_text() + "\nfrom claims.models import Claim\n"
    monkeypatch.setattr(Path, "read_text", lambda self: source)
    assert upward_imports(module) == ["claims"]


def test_every_app_is_packaged():
    """`pip install .` (the fresh install CI makes) ships every app: one left out of the
    package list installs, and then fails to import."""
    with open(ROOT / "pyproject.toml", "rb") as file:
        packaged = tomllib.load(file)["tool"]["setuptools"]["packages"]["find"]["include"]

    assert {pattern.removesuffix("*") for pattern in packaged} == set(LAYERS)
