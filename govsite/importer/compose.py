"""A recognised 公文 as an article: front matter, body, file name, what is left to decide.

Pure: the command allocates the 索引号 and finds the attachment files, this module
turns them and the recognised parts into text. What the document does not say is
never guessed silently: it is written as a placeholder the checks refuse
(公开日期, 公开方式) or as a value to confirm, and listed in ``undecided``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from pypinyin import lazy_pinyin

from govsite.config.reviewers import Unit
from govsite.errors import Problem
from govsite.importer.body import article_body
from govsite.importer.gongwen import Recognised, disclosure, genre
from govsite.model import doc_number

PLACEHOLDER = "待填写"  # 公开日期: not a date, so META checks refuse it until filled
TO_CONFIRM = "待确认"  # 公开方式 when the 附注 gives none: not an allowed value either


@dataclass
class Plan:
    stem: str
    text: str = ""
    refused: list[Problem] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # “标题：…” lines for the report


def scalar(text: str) -> str:
    """A YAML value: plain when it reads back as itself, else double-quoted (JSON is YAML)."""
    if (
        re.search(r"[:#\[\]{},&*!|>'\"%@`]", text)
        or text[:1] in "-?"
        or text != text.strip()
        or not text
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


def _pinyin(text: str) -> str:
    han = "".join(c for c in text if "\u4e00" <= c <= "\u9fff")
    return "".join(lazy_pinyin(han)).lower()


def stem_for(doc_no: str | None, title: str, year: int) -> str:
    """A readable ASCII file name: shizhengbanfa-2025-8 from 示政办发〔2025〕8号, else
    the year and the title's first words in pinyin (2026-yuandanfangjiaanpai)."""
    if doc_no:
        m = re.match(r"^(.+?)〔(\d{4})〕(\d+)号$", doc_no)
        if m:
            return f"{_pinyin(m[1])}-{m[2]}-{m[3]}"
    words = re.sub(r"^\d{4}年度?", "", re.sub(r"^.*?关于", "", title))
    words = re.sub(r"的?(通知|意见|公告|通告|决定|办法|规定|函|批复|报告)$", "", words)
    slug = _pinyin("".join(c for c in words if "\u4e00" <= c <= "\u9fff")[:6]) or "wenjian"
    return f"{year}-{slug}"


def _issuers(rec: Recognised) -> list[str]:
    if rec.closing and rec.closing.orgs:
        return rec.closing.orgs
    return rec.banner.orgs


def _belongs(name: str, unit: Unit) -> bool:
    """The unit issues it, or publishes for the government it is the office of."""
    return name == unit.name or unit.name.startswith(name)


def compose(
    rec: Recognised,
    *,
    source: str,
    unit: Unit,
    units: Mapping[str, Unit],
    column: str,
    catalogue: bool,
    topic: str | None,
    index_no: str,
    attachments: Mapping[str, str],
    images: Mapping[str, str],
    year: int,
) -> Plan:
    """``attachments``: 附件说明 name -> the file name beside the article (found ones)."""
    title = rec.title
    doc_no = rec.banner.doc_no
    plan = Plan(stem="")
    und = plan.undecided
    if rec.banner.secret:
        plan.refused.append(
            Problem(
                f"文件标有密级“{rec.banner.secret}”，涉密文件不得导入公开网站",
                path=source,
                key="密级",
                fix="涉密文件不在网站公开；如已解密，请取得解密文件后再导入",
            )
        )
    if not title:
        plan.refused.append(
            Problem(
                "没有识别出标题",
                path=source,
                key="标题",
                fix="检查文件是否按 GB/T 9704 排版（版头下方居中的标题）",
            )
        )
    close = rec.closing
    note = close.note if close else None
    public = disclosure(note) if note else None
    if public and public != "主动公开":
        plan.refused.append(
            Problem(
                f"附注为“{note}”，公开方式是{public}，不能导入网站",
                path=source,
                key="公开方式",
                fix="只有主动公开（附注“（此件公开发布）”）的文件可以在网站发布",
            )
        )
    if public is None:
        und.append(
            f"附注中没有公开属性（如“（此件公开发布）”），公开方式暂写为“{TO_CONFIRM}”，"
            "请按发文稿纸确认后改为“主动公开”"
        )
    if doc_no is not None and doc_number.explain(doc_no):
        better = doc_number.suggest(doc_no)
        if better:
            und.append(f"发文字号“{doc_no}”已规范为“{better}”，请核对")
            doc_no = better
        else:
            und.append(f"发文字号“{doc_no}”格式不规范，未写入元数据，请按原件填写")
            doc_no = None
    if rec.banner.kind and doc_no is None:
        und.append("版头中没有识别出发文字号，请按原件填写“发文字号”")

    issuers = _issuers(rec)
    co_ids: list[str] = []
    issuer = unit.name
    if issuers:
        if not any(_belongs(n, unit) for n in issuers):
            plan.refused.append(
                Problem(
                    f"文件的发文机关是“{'、'.join(issuers)}”，不是单位 {unit.id}（{unit.name}）",
                    path=source,
                    key="--unit",
                    fix="用 --unit 指定发文机关所属的单位（见 reviewers.yml）",
                )
            )
        else:
            issuer = next(n for n in issuers if _belongs(n, unit))
        by_name = {u.name: uid for uid, u in units.items()}
        for n in issuers:
            if _belongs(n, unit):
                continue
            if n in by_name:
                co_ids.append(by_name[n])
            else:
                und.append(
                    f"联合发文机关“{n}”不是本站的单位，未写入“联合发文单位”，请在正文落款中核对"
                )
    else:
        und.append(f"没有识别出发文机关署名，发文机构暂按本单位“{unit.name}”填写，请核对")
    written = close.written if close else None
    if written is None:
        und.append("没有识别出落款下的成文日期，请填写“成文日期”")
    und.insert(
        0,
        f"公开日期：导入时写为“{PLACEHOLDER}”，发布前须填写（如 2025-05-28 09:30），"
        "填写前检查不会通过",
    )
    if catalogue:
        und.append(f"信息分类暂按“{topic}”填写，请从 site.yml 的信息分类中核对")
    for name in rec.attachments:
        if name not in attachments:
            und.append(f"附件“{name}”没有找到文件，未列入“附件”；请把附件文件放到文章目录后补充")

    plan.stem = stem_for(doc_no, title, written.year if written else year)
    lines = [
        "---",
        f"标题: {scalar(title)}",
        f"公开日期: {PLACEHOLDER}  # 发布前填写，如 2025-05-28 09:30",
    ]
    if written:
        lines.append(f"成文日期: {written.isoformat()}")
    lines.append(f"索引号: {index_no}")
    if doc_no:
        lines.append(f"发文字号: {doc_no}")
    lines.append(f"发文机构: {scalar(issuer)}")
    if co_ids:
        lines.append(f"联合发文单位: [{', '.join(co_ids)}]")
    if catalogue and topic:
        lines.append(f"信息分类: {scalar(topic)}  # 请核对")
    kind = genre(title)
    if kind:
        lines.append(f"体裁: {kind}")
    lines.append(f"栏目: [{column}]")
    if catalogue:
        lines.append("有效性: 有效")
    lines.append(f"公开方式: {'主动公开' if public == '主动公开' else TO_CONFIRM}")
    files = [(attachments[n], n) for n in rec.attachments if n in attachments]
    if files:
        lines.append("附件:")
        for file, name in files:
            lines += [f"  - 文件: {scalar(file)}", f"    名称: {scalar(name)}"]
    lines.append("---")
    body = article_body(rec, images, attachments, und)
    plan.text = "\n".join(lines) + "\n\n" + body
    plan.found = _found(rec, doc_no, issuer, co_ids, written, public, files)
    return plan


def _found(
    rec: Recognised,
    doc_no: str | None,
    issuer: str,
    co_ids: list[str],
    written: date | None,
    public: str | None,
    files: list[tuple[str, str]],
) -> list[str]:
    out = [f"标题：{rec.title}（{len(rec.title_lines)} 行）"]
    if rec.banner.kind:
        out.append(f"版头：{rec.banner.kind}（{'、'.join(rec.banner.orgs) or '—'}）")
    if doc_no:
        out.append(f"发文字号：{doc_no}")
    out.append(f"发文机构：{issuer}" + (f"；联合发文单位：{'、'.join(co_ids)}" if co_ids else ""))
    if written:
        out.append(f"成文日期：{written.isoformat()}")
    if rec.addressee:
        out.append(f"主送机关：{rec.addressee}")
    if public:
        out.append(f"公开方式：{public}")
    if rec.attachments:
        out.append(f"附件说明：{len(rec.attachments)} 个，找到文件 {len(files)} 个")
    return out
