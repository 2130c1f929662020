"""Read the units' data files for the reports (the one adapter of this package).

``data/依申请公开/<year>/<unit>.yml``: what the library cannot know (申请, 复议, 诉讼,
行政许可 …). Every error of every file is collected; nothing is guessed.
"""

from __future__ import annotations

from pathlib import Path

from govsite.config.newmedia import read
from govsite.config.schema import Collector
from govsite.errors import ConfigError, Problem
from govsite.reports import application as ap

DATA = "data"
APPLICATION_DIR = "依申请公开"


def application_path(year: int, unit: str) -> str:
    return f"{DATA}/{APPLICATION_DIR}/{year}/{unit}.yml"


def read_application(root: Path, year: int, unit: str) -> tuple[ap.ApplicationData, Collector]:
    rel = application_path(year, unit)
    try:
        raw, lines = read(root / rel, rel)
    except ConfigError as exc:
        c = Collector(rel)
        if not (root / rel).exists():
            c.add(
                "",
                f"找不到 {unit} 的 {year} 年依申请公开数据文件",
                f"由 {unit} 按 docs/年度报告.md 的格式填写 {rel}（没有申请的各项写 0）",
            )
        else:
            c.problems += exc.problems
        return ap.ApplicationData(unit, year), c
    return ap.validate(raw, lines, path=rel, unit=unit, year=year)


def units_with_data(root: Path, year: int) -> list[str]:
    folder = root / DATA / APPLICATION_DIR / str(year)
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def application(
    root: Path, year: int, unit: str
) -> tuple[ap.ApplicationData, list[Problem], list[str]]:
    """This year's data of ``unit``, checked against last year's 结转 when that file exists.

    Returns the data, errors (blocking) and warnings."""
    data, c = read_application(root, year, unit)
    warnings: list[str] = []
    last_rel = application_path(year - 1, unit)
    if (root / last_rel).is_file():
        last, last_c = read_application(root, year - 1, unit)
        if last_c.problems:
            c.problems += last_c.problems
        elif not c.problems:
            ap.check_carry_over(data, last, c)
    else:
        warnings.append(f"{last_rel} 不存在，无法核对上年结转（首次使用 govsite 的年度可忽略）")
    return data, c.problems, warnings
