"""A finding of the health report: which rule, how bad, where, how to fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from govsite.errors import Problem

VETO = "veto"  # 单项否决 item of the inspection: fails the nightly run
ERROR = "error"  # a hard rule of this site (zero broken links, overdue 解读…): fails the run
WARN = "warn"  # close to a limit, or a rule the inspection only deducts for
INFO = "info"  # listed for a person to look at (external links, bulk imports)

LEVELS = (VETO, ERROR, WARN, INFO)
LABELS = {VETO: "否决", ERROR: "错误", WARN: "警告", INFO: "提示"}
FAILING = (VETO, ERROR)


@dataclass(frozen=True)
class Finding:
    rule: str  # requirement id: MON-02, SITE-07 …
    level: str
    message: str
    path: str | None = None
    line: int | None = None
    key: str | None = None
    fix: str | None = None

    def render(self) -> str:
        located = Problem(
            self.message, path=self.path, line=self.line, key=self.key, fix=self.fix
        ).render()
        return f"[{LABELS[self.level]}] {self.rule} {located}"

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


def failing(findings: list[Finding]) -> bool:
    return any(f.level in FAILING for f in findings)
