"""The generated parts of the users' docs, from the declarations (run to regenerate).

``python -m govsite.config.docs`` rewrites, between the markers, the table of every
site.yml and reviewers.yml key in docs/平台配置.md (``config.site.SITE``,
``config.reviewers.TOP``) and the front-matter key list in docs/编辑指南.md
(``model.metadata.FIELDS``). tests/config/test_docs.py fails when they are stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from govsite import atomic
from govsite.config import reviewers, site
from govsite.config.schema import DOCS_HEAD, docs_rows
from govsite.model import metadata

BEGIN = (
    "<!-- 以下由 govsite 的字段声明生成：修改声明后运行 python -m govsite.config.docs，不要手改 -->"
)
END = "<!-- 生成结束 -->"
COMMAND = "python -m govsite.config.docs"


def platform_table() -> str:
    parts = ["**site.yml**", "", *DOCS_HEAD, *docs_rows(site.SITE)]
    parts += ["", "栏目树中每个栏目（`栏目[…]`，子栏目写法相同）：", "", *DOCS_HEAD]
    parts += docs_rows(site.COLUMN, "栏目[…]")
    parts += ["", "**reviewers.yml**", "", *DOCS_HEAD, *docs_rows(reviewers.TOP)]
    return "\n".join(parts) + "\n"


# docs file (relative to the repository) -> its generated text
GENERATED = {
    "docs/平台配置.md": platform_table,
    "docs/编辑指南.md": metadata.docs_table,
}


def replace_section(text: str, body: str) -> str | None:
    """``text`` with the part between the markers replaced; None without the markers."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return None
    return text[: start + len(BEGIN)] + "\n\n" + body + "\n" + text[end:]


def main(root: Path) -> int:
    for name, make in GENERATED.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        new = replace_section(text, make())
        if new is None:
            sys.stderr.write(f"{name}: 找不到生成区的标记 {BEGIN} … {END}\n")
            return 1
        if new != text:
            # Beside the file, then renamed: an interrupted run leaves the old docs whole.
            atomic.write_text(path, new)
            sys.stderr.write(f"已更新 {name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(__file__).resolve().parents[2]))
