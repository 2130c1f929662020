"""``govsite new``: write a new article from the template with the next free 索引号."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import click
import git

from govsite import clock
from govsite.commands.options import root_option
from govsite.config.reviewers import ReviewPolicy, Unit
from govsite.config.site import Column, SiteConfig
from govsite.errors import ConfigError, Problem
from govsite.library import CONTENT, article_files, load_config
from govsite.model.frontmatter import split
from govsite.model.index_number import IndexNumber, IndexNumberRule, next_serial

_INDEX_LINE = re.compile(r"^[-+ ]?索引号:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)


def used_index_numbers(root: Path, unit: str, rule: IndexNumberRule) -> list[IndexNumber]:
    """索引号 in use now, plus those of deleted articles found in git history.

    A deleted article's number stays retired (META-04 d), so the history counts.
    """
    texts: set[str] = set()
    for path in article_files(root):
        if path.relative_to(root / CONTENT).parts[0] != unit:
            continue
        head = path.read_text(encoding="utf-8")[:4000]
        m = _INDEX_LINE.search(head)
        if m:
            texts.add(m.group(1))
    try:
        repo = git.Repo(root, search_parent_directories=True)
        log = repo.git.log("--format=", "-p", "--diff-filter=D", "--", f"{CONTENT}/{unit}")
        texts.update(_INDEX_LINE.findall(log))
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError):
        pass
    return [n for n in (rule.parse(t) for t in texts) if n is not None]


def _scalar(text: str) -> str:
    """A YAML value: plain when it reads back as itself, else double-quoted (JSON is YAML)."""
    if re.search(r"[:#\[\]{},&*!|>'\"%@`]", text) or text[:1] in "-?" or text != text.strip():
        return json.dumps(text, ensure_ascii=False)
    return text


def attachment_lines(attachments: tuple[str, ...]) -> list[str]:
    """``附件`` entries from ``--attach 文件名`` or ``--attach 文件名=名称``."""
    if not attachments:
        return []
    lines = ["附件:"]
    for spec in attachments:
        file, _, name = spec.partition("=")
        lines.append(f"  - 文件: {_scalar(file.strip())}")
        if name.strip():
            lines.append(f"    名称: {_scalar(name.strip())}")
        else:
            lines.append("    # 名称: 附件标题（页面显示的名称，如正文所称《…》；不写显示文件名）")
    return lines


def render_template(
    *,
    title: str,
    column: str,
    issuer: str,
    index_no: str,
    now: datetime,
    catalogue: bool,
    topic_hint: str,
    attachments: tuple[str, ...] = (),
    consultation: bool = False,
) -> str:
    lines = [
        "---",
        f"标题: {title}",
        f"公开日期: {now:%Y-%m-%d %H:%M}",
        f"成文日期: {now:%Y-%m-%d}",
        f"索引号: {index_no}",
        f"发文机构: {issuer}",
        f"栏目: [{column}]",
    ]
    if catalogue:
        lines += [
            "发文字号: ''  # 如 示政办发〔2025〕8号；没有文号的删除这一行",
            f"信息分类: {topic_hint}  # 从 site.yml 的“信息分类”中选择",
            "有效性: 有效",
            "公开方式: 主动公开",
            "概述: ''",
        ]
    if consultation:
        lines += [
            f"征集开始日期: {now:%Y-%m-%d}",
            f"征集截止日期: {now + timedelta(days=30):%Y-%m-%d}  # 按征集公告修改",
            "# 意见采纳情况: 征集结束后，填写公布意见采纳情况的文章的文件名（与本文同目录）",
        ]
    lines += attachment_lines(attachments)
    lines += ["---", "", "（在这里写正文。）", ""]
    return "\n".join(lines)


def unit_and_column(
    site: SiteConfig, policy: ReviewPolicy, unit_id: str, column_id: str
) -> tuple[Unit, Column]:
    """The unit and column an article is written for (``--unit``/``--column``), or an
    error listing the ones that exist; ``govsite new`` and ``govsite import`` share it."""
    unit = policy.units.get(unit_id)
    if unit is None:
        raise ConfigError(
            Problem(
                f"单位“{unit_id}”不存在", key="--unit", fix=f"可用的单位：{'、'.join(policy.units)}"
            )
        )
    column = site.columns.get(column_id)
    if column is None:
        raise ConfigError(
            Problem(
                f"栏目“{column_id}”不存在",
                key="--column",
                fix=f"可用的栏目：{'、'.join(site.columns)}",
            )
        )
    return unit, column


def require_credit_code(unit_id: str, unit: Unit) -> str:
    """索引号 start with the unit's credit code: without it none can be allocated."""
    if not unit.credit_code:
        raise ConfigError(
            Problem(
                f"单位 {unit_id} 没有填写 credit_code，无法生成索引号",
                path="reviewers.yml",
                key=f"units.{unit_id}.credit_code",
                fix="填写该单位的统一社会信用代码",
            )
        )
    return unit.credit_code


@click.command()
@click.option("--unit", "unit_id", required=True, help="单位编号（reviewers.yml 的 units 下）")
@click.option("--column", "column_id", required=True, help="栏目编号（site.yml 的栏目 id）")
@click.option("--slug", help="文件名（不含 .md），默认为 年份-序号")
@root_option
@click.option(
    "--attach",
    "attachments",
    multiple=True,
    metavar="文件名[=名称]",
    help="附件：与文章同目录的文件名，可加“=名称”作为页面上显示的附件标题；可重复",
)
@click.argument("title", help="文章标题（写入元数据“标题”）")
def new(
    unit_id: str,
    column_id: str,
    slug: str | None,
    root: Path,
    title: str,
    attachments: tuple[str, ...],
) -> None:
    """按模板新建一篇文章，并分配该单位当年下一个空闲的索引号序号。

    \b
    示例：
      govsite new --unit zfb --column tzgg "关于2026年元旦放假安排的通知"
      govsite new --unit czj --column czzj \\
        --attach "yusuan-biao.xlsx=2026年县级一般公共预算收支表" "2026年县级财政预算公开"
    已删除文章用过的序号不会再分配（见 git 历史）。
    """
    site, policy = load_config(root)
    unit, column = unit_and_column(site, policy, unit_id, column_id)
    credit_code = require_credit_code(unit_id, unit)
    now = clock.now()
    serial = next_serial(used_index_numbers(root, unit_id, site.index_rule), credit_code, now.year)
    try:
        index_no = site.index_rule.format(credit_code, now.year, serial)
    except ValueError:
        raise ConfigError(
            Problem(
                "本站的索引号格式是自定义的，govsite new 无法自动生成",
                path="site.yml",
                key="索引号.格式",
                fix="手工填写索引号，或使用默认格式",
            )
        ) from None
    stem = slug or f"{now.year}-{serial:05d}"
    if not re.match(r"^[\w.-]+$", stem):
        raise ConfigError(
            Problem(f"文件名“{stem}”不合法", key="--slug", fix="只用字母、数字、-、_ 和 .")
        )
    target = root / CONTENT / unit_id / str(now.year) / f"{stem}.md"
    text = render_template(
        title=title,
        column=column_id,
        issuer=unit.name,
        index_no=index_no,
        now=now,
        catalogue=column.catalogue,
        topic_hint=site.topics[0] if site.topics else "",
        attachments=attachments,
        consultation=column.kind == "意见征集",
    )
    split(text, str(target))  # the template must always parse
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: never overwrite an article that is already there.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ConfigError(
            Problem("文件已存在", path=str(target), fix="用 --slug 指定另一个文件名")
        ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    click.echo(
        f"已创建 {target.relative_to(root) if target.is_relative_to(root) else target}"
        f"（索引号 {index_no}）。请填写正文和元数据后提交。"
    )
