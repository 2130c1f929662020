"""Print findings as text (Chinese, for people), JSON (scripts) or SARIF 2.1.0 (code scanning)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from govsite import __version__
from govsite.checks.base import ERROR, RULES, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
DOCS = "docs/保密审查与三校.md"


def text(findings: list[Finding], files: int | None = None) -> str:
    lines = []
    for f in findings:
        level = "" if f.is_error else "[警告] "
        lines.append(f"{f.where}:{f.line}:{f.column}: {f.rule}: {level}{f.message}")
        if f.fix:
            lines.append(f"    修改方法：{f.fix}")
        if f.fingerprint and f.rule.startswith("pii."):
            lines.append(
                f"    确需公开且经保密审查同意的，可按此哈希加入 hooks/allowlist.yml："
                f"{f.fingerprint}"
            )
        elif f.fingerprint and f.rule.startswith("attach.unread"):
            lines.append(
                f"    经人工保密审查确认可原样发布的，可按此哈希（只豁免这个文件）加入 "
                f"hooks/allowlist.yml：{f.fingerprint}"
            )
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    scope = f"检查了 {files} 个文件：" if files is not None else ""
    if findings:
        lines.append(f"{scope}{errors} 个错误，{warnings} 个警告。规则说明见 {DOCS}。")
    else:
        lines.append(f"{scope}未发现问题。")
    return "\n".join(lines) + "\n"


def as_dict(f: Finding) -> dict[str, object]:
    out: dict[str, object] = {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
    }
    if f.location:
        out["location"] = f.location
    if f.fix:
        out["fix"] = f.fix
    if f.key:
        out["key"] = f.key
    if f.fingerprint:
        out["fingerprint"] = f.fingerprint
    return out


def to_json(findings: list[Finding]) -> str:
    return json.dumps([as_dict(f) for f in findings], ensure_ascii=False, indent=2) + "\n"


def _rules(ids: Iterable[str]) -> list[dict[str, object]]:
    return [
        {
            "id": rid,
            "name": rid.replace(".", "-"),
            "shortDescription": {"text": RULES[rid].title},
            "help": {"text": f"规则说明见仓库中的 {DOCS}（{rid}）"},
            "defaultConfiguration": {
                "level": "error" if RULES[rid].severity == ERROR else "warning"
            },
        }
        for rid in ids
    ]


def to_sarif(findings: list[Finding]) -> str:
    ids = sorted(RULES)
    results = []
    for f in findings:
        message = f.message + (f"（位置：{f.location}）" if f.location else "")
        if f.fix:
            message += f"。修改方法：{f.fix}"
        result: dict[str, object] = {
            "ruleId": f.rule,
            "ruleIndex": ids.index(f.rule),
            "level": "error" if f.is_error else "warning",
            "message": {"text": message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        if f.fingerprint:
            result["partialFingerprints"] = {"govsiteValueHash/v1": f.fingerprint}
        results.append(result)
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govsite",
                        "version": __version__,
                        "informationUri": "https://www.shixian.gov.cn/",
                        "rules": _rules(ids),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
