"""Every part of govsite has a place in the layers contract (pyproject.toml).

import-linter checks only the modules a layer names: a new top-level module left out
of the list could import upward unnoticed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import govsite

ROOT = Path(__file__).resolve().parent.parent


def _layered() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "layers"]
    return {
        name.strip().removeprefix("govsite.")
        for layer in contract["layers"]
        for name in layer.split("|")
    }


def _parts() -> set[str]:
    package = Path(govsite.__file__).parent
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    packages = {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    return modules | packages


def test_every_part_of_govsite_is_in_a_layer() -> None:
    missing = _parts() - _layered()
    assert not missing, f"pyproject.toml [tool.importlinter] 的 layers 中缺少：{sorted(missing)}"


def test_every_layer_names_a_real_part() -> None:
    assert _layered() <= _parts()
