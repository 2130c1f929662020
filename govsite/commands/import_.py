"""``govsite import``: 公文 files (docx/doc/wps/pdf/ofd) to articles; ``--site`` migrates
saved pages of an old CMS."""

from __future__ import annotations

from pathlib import Path

import click

from govsite import atomic, clock
from govsite.commands.new import require_credit_code, unit_and_column, used_index_numbers
from govsite.commands.options import root_option
from govsite.config import limits as limits_config
from govsite.errors import EXIT_FINDINGS, ConfigError, Problem
from govsite.library import CONTENT, load_config
from govsite.model.index_number import IndexNumber, next_serial


def create(path: Path, data: bytes) -> None:
    """A new file, written whole; never over an existing one (FileExistsError)."""
    atomic.write_bytes(path, data, exclusive=True)


def _rel(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


@click.command("import")
@click.argument(
    "files",
    nargs=-1,
    type=click.Path(path_type=Path),
    help="要导入的公文文件（docx/doc/wps/pdf/ofd）",
)
@click.option("--unit", "unit_id", help="单位编号（reviewers.yml 的 units 下）")
@click.option("--column", "column_id", help="栏目编号（site.yml 的栏目 id）")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(path_type=Path),
    help="迁移旧网站：保存下来的旧 CMS 页面所在目录",
)
@click.option("--dry-run", is_flag=True, help="只显示识别结果，不写文件")
@root_option
def import_(
    files: tuple[Path, ...],
    unit_id: str | None,
    column_id: str | None,
    site_dir: Path | None,
    dry_run: bool,
    root: Path,
) -> None:
    """导入公文（.docx .doc .wps .pdf .ofd），每个文件生成一篇文章；或用 --site 迁移旧网站。

    \b
    示例：
      govsite import --unit zfb --column gfxwj 示政办发〔2025〕8号.docx
      govsite import --unit zfb --column tzgg --dry-run 通知.pdf 函.ofd
      govsite import --site 旧网站/ --unit zfb --column qtwj
    标题、发文字号、发文机构、成文日期、公开方式、附件从公文本身识别；索引号自动分配；
    公开日期写为“待填写”，填写前检查不会通过。识别不了的内容会逐条列出，请编辑核对。
    """
    site, policy = load_config(root)
    if unit_id is None or column_id is None:
        raise ConfigError(
            Problem(
                "缺少 --unit 或 --column",
                key="--unit",
                fix="如 govsite import --unit zfb --column tzgg 文件.docx",
            )
        )
    unit, column = unit_and_column(site, policy, unit_id, column_id)
    if site_dir is not None:
        from govsite.commands.import_site import import_site

        raise SystemExit(
            import_site(
                root,
                site_dir,
                site=site,
                policy=policy,
                unit=unit,
                column_id=column_id,
                dry_run=dry_run,
            )
        )
    if not files:
        raise ConfigError(
            Problem(
                "没有指定要导入的文件",
                key="FILE",
                fix="如 govsite import --unit zfb --column tzgg 通知.docx",
            )
        )
    credit_code = require_credit_code(unit_id, unit)

    from govsite.importer import appendix, attach, documents
    from govsite.importer.compose import compose
    from govsite.importer.gongwen import recognise, split_appendix

    limits = limits_config.load(root / "hooks")
    now = clock.now()
    used: list[IndexNumber] = used_index_numbers(root, unit_id, site.index_rule)
    failed = False
    for path in files:
        try:
            source = documents.read(path, limits)
        except documents.ReadError as exc:
            click.echo(f"错误：{exc.problem.render()}", err=True)
            failed = True
            continue
        rec = recognise(source.blocks, has_layout=source.has_layout)
        serial = next_serial(used, credit_code, now.year)
        try:
            index_no = site.index_rule.format(credit_code, now.year, serial)
        except ValueError:
            raise ConfigError(
                Problem(
                    "本站的索引号格式是自定义的，无法自动分配索引号",
                    path="site.yml",
                    key="索引号.格式",
                    fix="使用默认格式，或导入后手工填写索引号",
                )
            ) from None
        beside = sorted(
            p.name
            for p in path.parent.iterdir()
            if p.is_file() and p != path and not p.name.startswith(".")
        )
        found = attach.match(rec.attachments, beside)
        # Names depend on the stem, which depends on what compose recognises: two passes.
        probe = compose(
            rec,
            source=str(path),
            unit=unit,
            units=policy.units,
            column=column_id,
            catalogue=column.catalogue,
            topic=site.topics[0] if site.topics else None,
            index_no=index_no,
            attachments={},
            images={},
            year=now.year,
        )
        stem = probe.stem
        links = {
            name: attach.target_name(stem, n, found[name])
            for n, name in enumerate(rec.attachments, 1)
            if name in found
        }
        # 附件 printed in the 公文 itself become attachment files of their own.
        extracted: dict[str, bytes] = {}
        sections = split_appendix(rec.appendix)
        if sections and len(sections) <= len(rec.attachments):
            for n, (name, section) in enumerate(zip(rec.attachments, sections, strict=False), 1):
                if name not in links:
                    links[name] = attach.target_name(stem, n, "appendix.docx")
                    extracted[links[name]] = appendix.to_docx(section, source.images)
            rec.appendix = []
        shown = {b.image for b in [*rec.body, *rec.appendix] if b.kind == "image"}
        images = {
            key: f"{stem}-tu{n}.{key.rsplit('.', 1)[-1]}"
            for n, key in enumerate((k for k in source.images if k in shown), 1)
        }
        plan = compose(
            rec,
            source=str(path),
            unit=unit,
            units=policy.units,
            column=column_id,
            catalogue=column.catalogue,
            topic=site.topics[0] if site.topics else None,
            index_no=index_no,
            attachments=links,
            images=images,
            year=now.year,
        )
        plan.undecided += source.notes
        plan.undecided += [
            f"附件“{name}”印在公文正文之后，已另存为 {file}，请核对"
            for name, file in links.items()
            if file in extracted
        ]
        if plan.refused:
            for problem in plan.refused:
                click.echo(f"错误：{problem.render()}", err=True)
            failed = True
            continue
        folder = root / CONTENT / unit_id / str(now.year)
        target = folder / f"{plan.stem}.md"
        if target.exists():
            click.echo(
                f"错误：{_rel(target, root)}: 文件已存在。修改方法：该公文可能已导入过；"
                "确需重新导入，先删除或改名原文章",
                err=True,
            )
            failed = True
            continue
        if not dry_run:
            for name, file in links.items():
                data = extracted.get(file)
                create(
                    folder / file,
                    data if data is not None else (path.parent / found[name]).read_bytes(),
                )
            for key, file in images.items():
                create(folder / file, source.images[key])
            create(target, plan.text.encode("utf-8"))
        parsed = site.index_rule.parse(index_no)
        if parsed is not None:
            used.append(parsed)
        verb = "将创建" if dry_run else "已创建"
        click.echo(f"{verb} {_rel(target, root)}（{path.name}，索引号 {index_no}）")
        for line in plan.found:
            click.echo(f"  识别：{line}")
        for file in [*links.values(), *images.values()]:
            click.echo(f"  附件：{_rel(folder / file, root)}")
        click.echo("  需要编辑确认：")
        for n, line in enumerate(plan.undecided, 1):
            click.echo(f"    {n}. {line}")
    if failed:
        raise SystemExit(EXIT_FINDINGS)
