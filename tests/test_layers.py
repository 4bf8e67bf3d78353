"""The package's layers hold: imports only point down, and private names stay inside their package.

ground (errors, files, textsafe, types, env) < data < scoring < views < quiz < commands < cli < __main__
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "rolefit"
LAYERS = ["ground", "data", "scoring", "views", "quiz", "commands", "cli", "__main__"]


def module_name(path: Path) -> str:
    """The dotted module name of a source file."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    """The layer a rolefit module belongs to: its subpackage, or ground for the top-level helpers."""
    parts = module.split(".")
    if len(parts) == 1:
        return LAYERS.index("ground")
    name = parts[1]
    return LAYERS.index(name) if name in LAYERS else LAYERS.index("ground")


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Every rolefit import in a file: (line, module imported from, names taken), lazy imports included."""
    found: list[tuple[int, str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "rolefit":
            names = [alias.name for alias in node.names]
            if node.module == "rolefit":  # from rolefit import engine-like submodules
                found += [(node.lineno, f"rolefit.{name}", []) for name in names if name != "__version__"]
                continue
            found.append((node.lineno, node.module, names))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names if alias.name.split(".")[0] == "rolefit"]
    return found


def subpackage(module: str) -> str:
    """The subpackage a module lives in ("rolefit" for the top level)."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else "rolefit"


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: module_name(path))
def test_imports_only_point_down(path: Path) -> None:
    """No module imports from a layer above its own."""
    here = module_name(path)
    upward = [
        f"{path.name}:{line}: {here} ({LAYERS[layer(here)]}) imports {target} ({LAYERS[layer(target)]})"
        for line, target, _ in imports(path)
        if layer(target) > layer(here)
    ]
    assert upward == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: module_name(path))
def test_private_names_stay_inside_their_package(path: Path) -> None:
    """A name starting with an underscore is imported only from within the same subpackage."""
    here = module_name(path)
    leaks = [
        f"{path.name}:{line}: {here} takes {name} from {target}"
        for line, target, names in imports(path)
        for name in names
        if name.startswith("_") and not name.startswith("__") and subpackage(target) != subpackage(here)
    ]
    assert leaks == []


def test_the_layer_check_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker is not blind: a data module importing from views is reported."""
    fake = PACKAGE / "data" / "models.py"
    source = tmp_path / "probe.py"
    source.write_text("from rolefit.views.wording import headline\n", encoding="utf-8")
    assert layer(module_name(fake)) < layer("rolefit.views.wording")
    assert imports(source) == [(1, "rolefit.views.wording", ["headline"])]
