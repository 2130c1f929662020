"""``govsite import --site DIR``: migrate pages saved from an old CMS, keeping their links.

One article per page (attachments and images copied beside it, the old 索引号 kept),
then ``redirects/``: an nginx map and HTML stubs (meta refresh + canonical) from
every old URL to its new page, and 迁移报告.md listing what could not be mapped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

import click

from govsite import atomic
from govsite.commands.import_ import create
from govsite.config.reviewers import ReviewPolicy, Unit
from govsite.config.site import SiteConfig
from govsite.errors import EXIT_FINDINGS, EXIT_OK, ConfigError, Problem
from govsite.importer import oldsite
from govsite.importer.body import article_body
from govsite.importer.compose import scalar, stem_for
from govsite.importer.gongwen import recognise
from govsite.library import CONTENT
from govsite.model import doc_number
from govsite.model.article import VALIDITY

PAGES = (".html", ".htm", ".shtml")
OUT = "redirects"


def stub(title: str, new_url: str, canonical: str) -> str:
    t, u, c = html.escape(title), html.escape(new_url), html.escape(canonical)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>页面已迁移：{t}</title>\n"
        f'<link rel="canonical" href="{c}">\n'
        f'<meta http-equiv="refresh" content="0; url={u}">\n'
        f'<meta name="robots" content="noindex">\n</head>\n<body>\n'
        f'<p>本页已迁移到新网址：<a href="{u}">{t}</a></p>\n</body>\n</html>\n'
    )


def nginx_map(pairs: list[tuple[str, str]]) -> str:
    lines = [
        "# govsite import --site 生成：旧网址 -> 新网址。",
        "# 在 http {} 中 include 本文件，在 server {} 中写：",
        "#   if ($govsite_moved) { return 301 $govsite_moved; }",
        "map $uri $govsite_moved {",
        '    default "";',
    ]
    for old, new in sorted(pairs):
        lines.append(f"    {_nginx_quote(old)} {_nginx_quote(new)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _existing_map(path: Path) -> dict[str, str]:
    """Old URL -> new URL from an earlier run's map (reruns add to it)."""
    if not path.is_file():
        return {}
    pairs = re.findall(
        r'^\s*"((?:[^"\\]|\\.)*)"\s+"((?:[^"\\]|\\.)*)";', path.read_text(encoding="utf-8"), re.M
    )
    return {old.replace('\\"', '"'): new.replace('\\"', '"') for old, new in pairs}


def _nginx_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _topic(value: str | None, topics: tuple[str, ...]) -> str | None:
    if not value:
        return None
    return next((t for t in topics if t in value), None)


def import_site(
    root: Path,
    site_dir: Path,
    *,
    site: SiteConfig,
    policy: ReviewPolicy,
    unit: Unit,
    column_id: str,
    dry_run: bool,
) -> int:
    if not site_dir.is_dir():
        raise ConfigError(
            Problem(
                "旧网站目录不存在",
                path=str(site_dir),
                key="--site",
                fix="指定保存旧网站页面的目录（保持原网址的目录结构）",
            )
        )
    column = site.columns[column_id]
    pages = sorted(p for p in site_dir.rglob("*") if p.suffix.lower() in PAGES and p.is_file())
    unmapped: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    pairs: list[tuple[str, str]] = []
    taken: set[str] = set()
    stubs: dict[str, str] = {}
    index_misfits: list[str] = []
    done = _existing_map(root / OUT / "nginx-map.conf")
    for path in pages:
        url = "/" + path.relative_to(site_dir).as_posix()
        if url in done:
            # Migrated by an earlier run: keep its redirect, never a second article.
            pairs.append((url, done[url]))
            click.echo(f"已迁移过，跳过 {url} -> {done[url]}")
            continue
        page = oldsite.parse(path.read_bytes(), url)
        fatal = [p for p in page.problems if not p.startswith("图片")]
        if fatal or page.published is None:
            unmapped.append((url, "；".join(fatal)))
            continue
        for p in page.problems:
            notes.append((url, p))
        year = page.published.year
        doc_no = page.meta.get("发文字号")
        if doc_no and doc_number.explain(doc_no):
            better = doc_number.suggest(doc_no)
            if better is None:
                notes.append((url, f"文号“{doc_no}”格式不规范，未写入发文字号"))
            doc_no = better
        old_id = re.sub(r"[^A-Za-z0-9_-]", "", PurePosixPath(url).stem).replace("_", "-")
        stem = stem_for(doc_no, page.title, year)
        folder = root / CONTENT / unit.id / str(year)
        if stem in taken:
            stem = f"{stem}-{old_id}"  # two old pages with one 文号 (a reissue)
        if stem in taken or (folder / f"{stem}.md").exists():
            unmapped.append((url, f"文件名 {stem}.md 已存在"))
            continue
        taken.add(stem)
        files: dict[Path, Path] = {}
        links: dict[str, str] = {}
        names: list[str] = []
        for n, link in enumerate(page.attachments, 1):
            src = site_dir / link.href.lstrip("/")
            if not src.is_file():
                notes.append((url, f"附件 {link.href}（{link.text}）没有保存下来，未导入"))
                continue
            file = f"{stem}-fujian{n}{src.suffix.lower()}"
            files[folder / file] = src
            name = re.sub(r"\.\w{2,4}$", "", link.text)
            names.append(name)
            links[name] = file
        images: dict[str, str] = {}
        for n, (key, href) in enumerate(page.images.items(), 1):
            src = site_dir / href.lstrip("/")
            if not src.is_file():
                notes.append((url, f"图片 {href} 没有保存下来，未导入"))
                continue
            file = f"{stem}-tu{n}{src.suffix.lower()}"
            files[folder / file] = src
            images[key] = file
        rec = recognise(page.blocks, has_layout=True, head=False)
        rec.attachments = names
        und: list[str] = []
        body = article_body(rec, images, links, und, page.image_alts)
        index_no = page.meta.get("索引号")
        if index_no and site.index_rule.explain(index_no, unit.credit_code):
            index_misfits.append(index_no)
        lines = ["---", f"标题: {scalar(page.title)}", f"公开日期: {page.published:%Y-%m-%d %H:%M}"]
        written = oldsite.parse_date(page.meta.get("成文日期", ""))
        if written:
            lines.append(f"成文日期: {written:%Y-%m-%d}")
        if index_no:
            lines.append(f"索引号: {scalar(index_no)}")
        if doc_no:
            lines.append(f"发文字号: {doc_no}")
        lines.append(f"发文机构: {scalar(page.meta.get('发文机构') or unit.name)}")
        topic = _topic(page.meta.get("信息分类"), site.topics)
        if column.catalogue:
            if topic is None and site.topics:
                notes.append(
                    (
                        url,
                        f"信息分类“{page.meta.get('信息分类', '')}”不在本站分类中，"
                        f"暂填“{site.topics[0]}”",
                    )
                )
                topic = site.topics[0]
            if topic:
                lines.append(f"信息分类: {scalar(topic)}")
        validity = page.meta.get("有效性", "有效")
        if validity not in VALIDITY:
            notes.append((url, f"有效性“{validity}”不是本站的取值，暂填“有效”"))
            validity = "有效"
        if column.catalogue or "有效性" in page.meta:
            lines.append(f"有效性: {validity}")
        lines.append(f"栏目: [{column_id}]")
        lines.append("公开方式: 主动公开")
        if links:
            lines.append("附件:")
            for name, file in links.items():
                lines += [f"  - 文件: {scalar(file)}", f"    名称: {scalar(name)}"]
        lines.append("---")
        notes += [(url, x) for x in und]
        new_path = f"/{unit.id}/{year}/{stem}.html"
        pairs.append((url, new_path))
        stubs[url] = stub(page.title, new_path, site.url.rstrip("/") + new_path)
        if not dry_run:
            for dest, src in files.items():
                create(dest, src.read_bytes())
            create(folder / f"{stem}.md", ("\n".join(lines) + "\n\n" + body).encode())
        click.echo(
            f"{'将迁移' if dry_run else '已迁移'} {url} -> {CONTENT}/{unit.id}/{year}/{stem}.md"
        )
    report = _report(len(pages), pairs, unmapped, notes, index_misfits, site)
    if not dry_run:
        out = root / OUT
        atomic.write_text(out / "nginx-map.conf", nginx_map(pairs))
        for old, text in stubs.items():
            atomic.write_text(out / "stubs" / old.lstrip("/"), text)
        atomic.write_text(out / "迁移报告.md", report)
        click.echo(
            f"重定向：{OUT}/nginx-map.conf，{OUT}/stubs/（{len(stubs)} 个）；"
            f"报告：{OUT}/迁移报告.md"
        )
    for url, why in unmapped:
        click.echo(
            f"错误：{url}: 无法迁移：{why}。修改方法：补存完整页面后重新运行，"
            "或手工用 govsite new 建立文章",
            err=True,
        )
    if index_misfits:
        click.echo(
            f"错误：site.yml: 索引号.格式: {len(index_misfits)} 个旧索引号（如 "
            f"{index_misfits[0]}）不符合本站索引号格式。修改方法：见 {OUT}/迁移报告.md "
            "中建议的格式",
            err=True,
        )
    return EXIT_FINDINGS if unmapped or index_misfits else EXIT_OK


def suggest_pattern(samples: list[str]) -> str | None:
    """A 索引号.格式 admitting both the old numbers (000014349/2022-02058: 组织机构代码/
    year-serial) and the default new ones, so ``govsite new`` still allocates."""
    shapes = {
        (len(m[1]), len(m[3]))
        for s in samples
        if (m := re.match(r"^([0-9A-Z]+)/(\d{4})-(\d+)$", s))
    }
    if not shapes or len(shapes) > 1:
        return None
    org, serial = shapes.pop()
    serials = "\\d{5}" if serial == 5 else f"(?:\\d{{5}}|\\d{{{serial}}})"
    return (
        f"^(?P<org>[0-9A-HJ-NPQRTUWXY]{{18}}|[0-9A-Z]{{{org}}})/(?P<year>\\d{{4}})-"
        f"(?P<serial>{serials})$"
    )


def _report(
    total: int,
    pairs: list[tuple[str, str]],
    unmapped: list[tuple[str, str]],
    notes: list[tuple[str, str]],
    misfits: list[str],
    site: SiteConfig,
) -> str:
    out = [
        "# 旧网站迁移报告",
        "",
        f"共 {total} 个页面：迁移 {len(pairs)} 个，无法迁移 {len(unmapped)} 个。",
        "",
    ]
    out += ["## 无法迁移的页面", ""]
    out += [f"- {url}：{why}" for url, why in unmapped] or ["（无）"]
    out += ["", "## 需要编辑核对", ""]
    out += [f"- {url}：{why}" for url, why in notes] or ["（无）"]
    if misfits:
        pattern = suggest_pattern(misfits)
        out += [
            "",
            "## 索引号格式",
            "",
            f"{len(misfits)} 个旧索引号不符合 site.yml 的 索引号.格式"
            f"（{site.index_rule.pattern}），如 {misfits[0]}。",
        ]
        if pattern:
            out += [
                f"保留旧索引号，把 site.yml 的 索引号.格式 改为：`{pattern}`"
                "（旧索引号的前缀是 9 位组织机构代码，即统一社会信用代码的第 9-17 位）。"
            ]
    out += [
        "",
        "## 重定向",
        "",
        "旧网址到新网址的对应见 nginx-map.conf；不用 nginx 时，把 stubs/ "
        "下的文件按原路径放到网站根目录。",
        "",
    ]
    out += [f"- {old} -> {new}" for old, new in sorted(pairs)]
    return "\n".join(out) + "\n"
