"""``附件`` entries (pure): a bare file name, or a file with a display name.

    附件: [shizhengbanfa-2025-8.pdf]
    附件:
      - 文件: 2026-xianji-yusuan-biao.xlsx
        名称: 2026年县级一般公共预算收支表

The page links each file under its 名称 (the title the text cites as 《…》), with
its type and size; without a 名称 the file name is shown, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from govsite.errors import Problem

KEY = "附件"
FILE, NAME = "文件", "名称"
ENTRY_KEYS = (FILE, NAME)
EXAMPLE = f"写成“{KEY}: [文件名.pdf]”，或每项写“- {FILE}: 文件名.pdf”和“  {NAME}: 附件标题”"


@dataclass(frozen=True)
class AttachmentEntry:
    file: str  # a file beside the article
    name: str | None = None  # display name; None: show the file name

    @property
    def title(self) -> str:
        return self.name or self.file


def parse(
    value: Any, path: str, line_of: Callable[[str], int]
) -> tuple[tuple[AttachmentEntry, ...], list[Problem]]:
    """The entries of a ``附件`` value, with a problem for each that cannot be used."""
    problems: list[Problem] = []

    def problem(where: str, message: str, fix: str) -> None:
        problems.append(Problem(message, path=path, line=line_of(KEY), key=where, fix=fix))

    if value is None or value == "":
        return (), problems
    items = [value] if isinstance(value, str | dict) else value
    if not isinstance(items, list):
        problem(KEY, "附件应是列表", EXAMPLE)
        return (), problems
    out: list[AttachmentEntry] = []
    for i, item in enumerate(items):
        where = f"{KEY}[{i}]"
        if isinstance(item, str):
            entry = AttachmentEntry(item.strip())
        elif isinstance(item, dict):
            unknown = [str(k) for k in item if k not in ENTRY_KEYS]
            if unknown:
                problem(
                    f"{where}.{unknown[0]}",
                    f"附件项中有未知的键“{unknown[0]}”",
                    f"每项只能写“{FILE}”和“{NAME}”",
                )
                continue
            file, name = item.get(FILE), item.get(NAME)
            if not isinstance(file, str) or not file.strip():
                problem(f"{where}.{FILE}", "附件项缺少文件名", f"添加“{FILE}: 文件名.pdf”")
                continue
            if name is not None and (not isinstance(name, str) or not name.strip()):
                problem(
                    f"{where}.{NAME}",
                    "附件名称应是一段文字",
                    f"写成“{NAME}: 附件标题”，或删除这一行（显示文件名）",
                )
                continue
            entry = AttachmentEntry(file.strip(), name.strip() if name else None)
        else:
            problem(where, "附件项应是文件名，或“文件”“名称”两项", EXAMPLE)
            continue
        if "/" in entry.file or "\\" in entry.file or entry.file.startswith("."):
            problem(
                where,
                f"附件“{entry.file}”应是与文章同目录的文件名",
                "把附件放在文章旁边，这里只写文件名",
            )
            continue
        if entry.file in {e.file for e in out}:
            problem(where, f"附件“{entry.file}”重复列出", "删除重复的一项")
            continue
        out.append(entry)
    return tuple(out), problems
