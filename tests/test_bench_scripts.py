"""The benchmarks' own glue: what would only fail once someone ran a benchmark."""

import ast

from bench import _served


def test_the_served_checkouts_fill_imports_what_exists():
    """`bench floor` and `bench worker_memory` fill their database by running `_served.FILL` in
    the checkout's shell; it imported a loader that had moved, and both failed after serving."""
    tree = ast.parse(_served.FILL.format(password=_served.PASSWORD))
    imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    assert imports
    exec(compile(ast.Module(imports, type_ignores=[]), "FILL", "exec"), {})
