"""Configuration warnings for build, check and report: printed, or with ``--strict`` errors.

A warning is what site.yml may say but should not (``SiteConfig.warnings``, from the
field declarations' ``warn``). Printed on stderr so JSON/SARIF on stdout stay valid;
``--strict`` (the CI workflows and the nightly) turns them into a configuration error
(exit 2) so nothing is published with them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from govsite.errors import ConfigError, Problem

F = TypeVar("F", bound=Callable[..., object])

STRICT_HELP = "把配置警告（如 site.yml 未填党政机关标识）也当作错误，退出码 2（CI 和夜间构建使用）"


def strict_option(f: F) -> F:
    return click.option("--strict", is_flag=True, help=STRICT_HELP)(f)


def warnings_of(root: Path) -> tuple[Problem, ...]:
    from govsite.config import site as site_config

    return site_config.load(root).warnings


def report_warnings(root: Path | None, *, strict: bool) -> None:
    """Print the site's configuration warnings; raise them as errors when ``strict``."""
    if root is None or not (root / "site.yml").is_file():
        return  # outside a site (check on loose files): no site.yml to warn about
    found = warnings_of(root)
    if strict and found:
        raise ConfigError(
            *(
                Problem(
                    f"{w.message}（--strict：配置警告也是错误）",
                    path=w.path,
                    line=w.line,
                    key=w.key,
                    fix=w.fix,
                )
                for w in found
            )
        )
    for w in found:
        sys.stderr.write(f"警告：{w.render()}\n")
