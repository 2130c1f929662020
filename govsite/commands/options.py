"""Options that several commands share, declared once so their help reads the same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def root_option(f: F) -> F:
    """``--root``: the site repository (default: the current folder)."""
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help="网站仓库目录",
    )(f)
