"""Classified and not-for-publication material (SEC-01…05): secret.* rules.

A marking counts only when a line consists of nothing else (after removing
whitespace and Markdown emphasis): the same words in running text — a 保密宣传
article quoting “秘密★1年”, 内部控制, 国家秘密 — are clean.
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc

_CANDIDATE = re.compile(
    r"★|工作秘密|内部资料|内部明电|内部文件|内部使用|仅供内部|注意保存|不得外传|密件"
)
# Whitespace, Markdown emphasis and the punctuation a 版头 puts between its parts
# (密级：秘密★1年；工作秘密，不得外传) are not part of what the line says.
_STRIP = re.compile(r"[\s*_`#>~|()\[\]【】〔〕\-:;,，、：；。.]+")
# 紧急程度 stands beside the marking in the 版头 (机密★1年　特急).
_URGENT = r"(?:特急|加急|特提|平急|急件)?"
_MARKING = re.compile(
    rf"^(?:\d{{6}})?{_URGENT}(?:密级)?(?:绝密|机密|秘密)★(?:\d+(?:年|个月|月)|长期"
    r"|\d{4}年\d{1,2}月(?:\d{1,2}日)?[前止]?|[^★]{1,24}?解密)?" + _URGENT + "$"
)
_RESTRICTED = re.compile(
    rf"^{_URGENT}(?:密级)?(?:工作秘密★?(?:不得外传)?|内部资料(?:注意保存|不得外传)?|内部明电"
    r"|内部文件(?:注意保存)?|内部使用|仅供内部(?:使用|参考)?|注意保存|不得外传|密件)"
    + _URGENT
    + "$"
)
_NOT_PUBLIC = re.compile(
    r"^[ \t>*_-]*(?:公开方式|公开属性)[*_]*[ \t]*:[ \t]*[\"']?[*_]*(?P<v>不予公开|免予公开)"
    r"|\(此件(?:不予|免予|不)公开\)",
    re.M,
)
_DRAFT = re.compile(r"讨论稿|送审稿|内部讨论|初稿|过程稿")


def markings(doc: TextDoc) -> list[Finding]:
    out = []
    seen: set[int] = set()
    for m in _CANDIDATE.finditer(doc.norm):
        index = doc.line_index(m.start())
        if index in seen:
            continue
        seen.add(index)
        start, end = doc.line_span(index)
        bare = _STRIP.sub("", doc.norm[start:end])
        if _MARKING.match(bare):
            out.append(
                doc.finding(
                    "secret.classified-marking",
                    start + _indent(doc.norm, start, end),
                    f"发现密级标志“{bare}”：涉密信息不得上网",
                    "立即撤下此文件，交本单位保密工作机构处理；已解密的文件须有解密依据并删除密级标志",
                )
            )
        elif _RESTRICTED.match(bare):
            out.append(
                doc.finding(
                    "secret.classified-marking",
                    start + _indent(doc.norm, start, end),
                    f"发现内部资料标志“{bare}”：工作秘密和内部资料不得公开",
                    "撤下此文件；确属可公开的信息，经保密审查后删除该标志再发布",
                )
            )
    return out


def _indent(text: str, start: int, end: int) -> int:
    line = text[start:end]
    return len(line) - len(line.lstrip())


def not_for_publication(doc: TextDoc) -> list[Finding]:
    out = []
    for m in _NOT_PUBLIC.finditer(doc.norm):
        out.append(
            doc.finding(
                "secret.not-for-publication",
                m.start(m.lastindex or 0) if m["v"] else m.start(),
                "此信息标明“不予公开/免予公开”，不能发布到网站",
                "从仓库中删除该文件；如经审查确应主动公开，把公开属性改为“主动公开”并删除附注",
            )
        )
    return out


def drafts(doc: TextDoc) -> list[Finding]:
    out = []
    seen: set[int] = set()
    for m in _DRAFT.finditer(doc.norm):
        index = doc.line_index(m.start())
        if index not in seen:
            seen.add(index)
            out.append(
                doc.finding(
                    "secret.draft",
                    m.start(),
                    f"“{m.group()}”是过程性信息，一般不公开",
                    "确认发布的是正式文本（征求意见稿可以公开）；如是正式文本，删除“讨论稿/送审稿”等字样",
                )
            )
    return out
