"""Files -> findings: used by ``govsite check``, the pre-commit hooks and the nightly report.

Public entry points:
- ``scan_text(text, path, lists)``: the content rules (pii, secret, ad, typo, name) on any text;
- ``scan_html_prohibited(html, path, lists)``: prohibited content in rendered HTML (QA-03);
- ``check_paths(paths, options)``: files and directories on disk;
- ``check_blobs(blobs, options)``: contents not on disk (staged blobs: ``checks.staged``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from govsite import atomic
from govsite import files as repo_files
from govsite.checks import (
    attachments,
    links,
    markdown,
    numbering,
    pii,
    prohibited,
    punctuation,
    repairs,
    secret,
    suppressions,
    words,
)
from govsite.checks.base import Finding, TextDoc, dedupe, with_levels
from govsite.checks.formatting import finding, unique_index
from govsite.checks.sitectx import SiteContext, find_root
from govsite.checks.wordlists import Wordlists
from govsite.checks.wordlists import load as load_lists
from govsite.config import limits
from govsite.errors import ConfigError, ContentError, Problem
from govsite.library import PAGES, check_article
from govsite.model.article import Article, over_limits, read_page
from govsite.model.frontmatter import FENCE, decode, split

MARKDOWN = (".md", ".markdown")


@dataclass
class Options:
    fix: bool = False
    inline_allow: bool = True
    # Only these lines count, per display path (``--staged``: the added lines).
    only_lines: dict[str, set[int]] = field(default_factory=dict)
    fixed: dict[str, list[str]] = field(default_factory=dict)  # --fix: changes per file


def content_rules(doc: TextDoc, lists: Wordlists) -> list[Finding]:
    claimed: pii.Spans = []
    allow = lists.link_allowlist

    def email_ok(domain: str) -> bool:
        return links.host_allowed(domain, allow)

    return [
        *pii.id_cards(doc, claimed),
        *pii.mobiles(doc, claimed, lists.public_numbers),
        *pii.landlines(doc, claimed, lists.public_numbers),
        *pii.bank_cards(doc, claimed),
        *pii.emails(doc, claimed, email_ok),
        *pii.addresses(doc, claimed),
        *pii.passports(doc, claimed),
        *secret.markings(doc),
        *secret.not_for_publication(doc),
        *secret.drafts(doc),
        *links.commercial_links(doc, allow),
        *prohibited.prohibited(doc, lists.prohibited),
        *words.typos(doc, lists),
        *words.names(doc, lists),
        *words.sensitive(doc, lists),
    ]


def _default_lists() -> Wordlists:
    return load_lists(None)


def scan_text(text: str, path: str, lists: Wordlists | None = None) -> list[Finding]:
    """The content rules on arbitrary text (an article body, extracted page text)."""
    lists = lists or _default_lists()
    return dedupe(with_levels(content_rules(TextDoc(path, text), lists), lists.levels))


def scan_html_prohibited(html: str, path: str, lists: Wordlists | None = None) -> list[Finding]:
    """ad.prohibited-content in rendered HTML: injected spam and hidden markup."""
    return prohibited.scan_html(html, path, (lists or _default_lists()).prohibited)


def _body_start(text: str) -> int:
    """Where the body begins: the text after the closing fence; none of a file that opens a
    front matter and never closes it (nothing there is ours to repair)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return 0
    pos = len(lines[0]) + 1
    for line in lines[1:]:
        pos += len(line) + 1
        if line.rstrip() == FENCE:
            return min(pos, len(text))
    return len(text)


def check_markdown(
    text: str, display: str, lists: Wordlists
) -> tuple[list[Finding], list[punctuation.Edit]]:
    """Every text rule of one Markdown file (not the front-matter schema); ``text`` as
    ``model.frontmatter.decode`` gives it. The edits are what ``--fix`` may apply."""
    doc = TextDoc(display, text)
    start = _body_start(text)
    skip = markdown.skipped_ranges(text, start)
    found = content_rules(doc, lists)
    found += markdown.raw_html(doc, start, skip)
    found += markdown.unsafe_html(doc, start, skip)
    found += markdown.image_alt(doc, start, skip)
    found += markdown.sign_off_dates(doc, start, skip)
    found += markdown.body_doc_numbers(doc, start, skip)
    found += numbering.check(doc, start, skip)
    punct, edits = punctuation.check(doc, start, skip)
    edits += repairs.body(text, start, skip)
    try:
        edits += repairs.front_doc_no(split(text, display))
    except ContentError:
        pass  # the schema reports it; nothing in a broken front matter is repaired
    return found + punct, edits


# A fix that moved the text on must end: every repair removes what matched it.
MAX_FIX_PASSES = 5


def fix_text(text: str, display: str, lists: Wordlists) -> tuple[str, list[str]]:
    """The text with every safe repair applied (idempotent), and each change made,
    as "第 N 行：“旧” → “新”" for the editor to read."""
    changes: list[str] = []
    for _ in range(MAX_FIX_PASSES):
        _, edits = check_markdown(text, display, lists)
        kept = punctuation.kept(edits)
        if not kept:
            break
        for e in kept:
            line = text.count("\n", 0, e.start) + 1
            changes.append(f"第 {line} 行：“{text[e.start : e.end]}” → “{e.text}”")
        fixed = punctuation.apply(text, kept)
        if fixed == text:
            break
        text = fixed
    return text, changes


def check_attachment(
    data: bytes, display: str, lists: Wordlists, work_limits: limits.Limits = limits.DEFAULT
) -> list[Finding]:
    """保密审查 of one attachment: read (or refused: fail closed), then the content rules."""
    return attachments.check(data, display, lambda doc: content_rules(doc, lists), work_limits)


@dataclass
class _Site:
    ctx: SiteContext
    checked: dict[str, Article] = field(default_factory=dict)
    rels: dict[str, str] = field(default_factory=dict)  # display -> site-relative


class Runner:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.sites: dict[Path | None, _Site] = {}
        self.by_dir: dict[str, _Site] = {}
        self.follow_attachments = False  # check_paths: an article brings its attachments
        self.seen: set[str] = set()  # display paths already checked in this run

    def site_for(self, path: Path) -> _Site:
        directory = os.path.dirname(os.path.abspath(path))
        site = self.by_dir.get(directory)
        if site is None:
            root = find_root(Path(directory).resolve())
            if root not in self.sites:
                self.sites[root] = _Site(SiteContext.load(root))
            site = self.by_dir[directory] = self.sites[root]
        return site

    def check_file(self, path: Path, display: str, data: bytes) -> list[Finding]:
        site = self.site_for(path)
        rel = site.ctx.rel(path)
        if rel is not None:
            site.rels[display] = rel
        lists = site.ctx.lists
        if path.suffix.lower() not in MARKDOWN:
            return with_levels(
                check_attachment(data, display, lists, site.ctx.limits), lists.levels
            )
        source, unreadable = decode(data, display)
        if source is None:
            return [finding(p, display) for p in unreadable]
        text = source.text
        start = _body_start(text)
        limited = over_limits(
            text[start:], text.count("\n", 0, start) + 1, display, site.ctx.limits
        )
        if limited:
            # Over a work limit: say so, and spend no more time on this file.
            return [finding(p, display) for p in limited]
        found, edits = check_markdown(text, display, lists)
        if self.options.fix and edits:
            text, changes = fix_text(text, display, lists)
            if changes:
                data = source.encode(text)  # the file's own BOM and line ends kept
                atomic.write_bytes(path, data)  # its mode kept
                self.options.fixed.setdefault(display, []).extend(changes)
                found, _ = check_markdown(text, display, lists)
        allows, bad = suppressions.parse(text, display)
        if rel is not None and rel.startswith("content/") and site.ctx.site and site.ctx.policy:
            found += self._model(site, path, rel, display, data)
        if self.options.inline_allow:
            found = suppressions.apply_inline(found, allows)
        return with_levels(found, lists.levels) + bad

    def _model(self, site: _Site, path: Path, rel: str, display: str, data: bytes) -> list[Finding]:
        """The front-matter schema, through the core ``govsite build`` uses."""
        assert site.ctx.site is not None and site.ctx.policy is not None
        parts = rel.split("/")
        if len(parts) >= 3 and parts[1] == PAGES:
            _, problems = read_page(data, display, site.ctx.limits)
            return [finding(p, display) for p in problems]
        if len(parts) < 3:
            return []
        parsed = check_article(
            path,
            rel,
            data,
            site=site.ctx.site,
            policy=site.ctx.policy,
            limits=site.ctx.limits,
            display=display,
        )
        if parsed.article is not None:
            site.checked[display] = parsed.article
        return [finding(p, display) for p in parsed.problems] + _refused_attachments(
            path, display, parsed.attachments, parsed.attachments_line
        )

    def _listed_attachments(self, path: Path, article: Article) -> list[Finding]:
        """``govsite check 文章.md`` checks the attachments the article lists (附件) too."""
        out: list[Finding] = []
        for name in article.attachments:
            attachment = path.parent / name
            display = _display(attachment)
            if (
                "/" in name
                or name.startswith(".")
                or display in self.seen
                or not os.path.lexists(attachment)
            ):
                continue  # a bad or missing name is reported by the front-matter checks
            self.seen.add(display)
            out += self.check_path(attachment)
        return out

    def read(self, path: Path, display: str) -> bytes | list[Finding]:
        """The bytes of a regular file of the repository (never a link, FIFO or device:
        govsite.files), or the findings that refuse it; never more than the size limit."""
        limit = self.site_for(path).ctx.limits.file_bytes
        try:
            size = os.lstat(path).st_size
        except OSError:
            size = 0  # read_bytes says what is wrong with it
        if size > limit:
            return [
                attachments.unreadable_finding(
                    display,
                    None,
                    attachments.over_limit(
                        "file_bytes", f"文件 {attachments.mb(size)}", attachments.mb(limit)
                    ),
                    b"",
                )
            ]
        try:
            return repo_files.read_bytes(path, repo_files.repo_root(path), display)
        except repo_files.NotRegular as exc:
            return [not_regular(exc.refused)]
        except OSError as exc:
            return [
                not_regular(
                    repo_files.Refused(display, f"无法读取（{exc.strerror}）", "检查文件权限")
                )
            ]

    def check_path(self, path: Path, display: str | None = None) -> list[Finding]:
        """Read a file of the working tree (only a regular file, within the size limit) and
        check it; an article brings the attachments it lists when ``follow_attachments``."""
        display = display or _display(path)
        self.seen.add(display)
        site = self.site_for(path)
        data = self.read(path, display)
        if isinstance(data, list):
            return data
        found = self.check_file(path, display, data)
        if (too_long := repo_files.long_name(str(path), display)) is not None:
            found.append(not_regular(too_long))  # the build could not write its page
        article = site.checked.get(display)
        if article is not None and self.follow_attachments:
            found += self._listed_attachments(path, article)
        return found

    def finish(self) -> list[Finding]:
        out: list[Finding] = []
        for site in self.sites.values():
            out += words.stale_names(site.ctx.lists, date.today())
            if any(a.index_no for a in site.checked.values()):
                checked_rels = {site.rels[d] for d in site.checked}
                others = site.ctx.index_numbers(checked_rels)
                out += unique_index(site.checked, others)
        return out

    def allowlisted(self, findings: list[Finding]) -> list[Finding]:
        for site in self.sites.values():
            findings = suppressions.apply_allowlist(findings, site.ctx.lists.allowlist, site.rels)
        return findings


def _refused_attachments(
    path: Path, display: str, names: tuple[str, ...], line: int
) -> list[Finding]:
    """Attachments that exist but are not regular files (links, FIFOs, devices): the
    build refuses them while walking content/; check names them on the article."""
    out = []
    for name in names:
        beside = path.parent / name
        if not os.path.lexists(beside) or beside.is_dir():
            continue  # missing: reported by the core (library.check_article)
        if refused := repo_files.refusal(beside, shown=f"{display}: 附件“{name}”"):
            out.append(
                Finding(
                    "format.file-type",
                    display,
                    line,
                    1,
                    f"附件“{name}”{refused.reason}",
                    refused.fix,
                    key="附件",
                )
            )
    return out


def lists_for_site(root: Path | None) -> Wordlists:
    """The hooks/ data a site's checks use (the nightly report passes it to scan_*)."""
    return SiteContext(root).lists


def expand(paths: Iterable[str]) -> list[Path]:
    """Files to check: the files given, and under each directory the Markdown and attachments.

    Links, FIFOs and devices are listed too (never entered or read): reading them
    (``read``) reports them as errors."""
    out: list[Path] = []
    missing = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir() and not p.is_symlink():
            found, refused = repo_files.walk(p, hidden=False)
            out.extend(
                Path(f)
                for f in sorted(found + [r.path for r in refused], key=lambda f: f.split(os.sep))
            )
        elif os.path.lexists(p):
            out.append(p)
        else:
            missing.append(Problem("文件或目录不存在", path=raw, fix="检查路径是否写错"))
    if missing:
        raise ConfigError(*missing)
    return out


def not_regular(refused: repo_files.Refused) -> Finding:
    return Finding("format.file-type", refused.path, 1, 1, refused.reason, refused.fix)


def _display(path: Path) -> str:
    return path.as_posix()


def _filter_lines(findings: list[Finding], only: dict[str, set[int]]) -> list[Finding]:
    if not only:
        return findings
    return [
        f
        for f in findings
        if f.path not in only or f.location is not None or f.line in only[f.path]
    ]


# Below this many files one process is quicker than starting workers (a pre-commit run).
PARALLEL_MIN = 400


def _check_chunk(
    files: list[Path], options: Options
) -> tuple[list[Finding], list[tuple[Path | None, dict[str, Article], dict[str, str]]]]:
    runner = Runner(options)
    runner.follow_attachments = True
    found: list[Finding] = []
    for path in files:
        if _display(path) not in runner.seen:
            found += runner.check_path(path)
    return found, [(root, s.checked, s.rels) for root, s in runner.sites.items()]


def check_paths(paths: Iterable[str], options: Options | None = None) -> list[Finding]:
    options = options or Options()
    files = expand(paths)
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_MIN or workers < 2 or options.fix:
        results = [_check_chunk(files, options)]
    else:
        # Each file is checked on its own; only 索引号 uniqueness needs them all (finish()).
        from concurrent.futures import ProcessPoolExecutor

        chunks = [files[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            results = list(pool.map(_check_chunk, chunks, [options] * workers))
    runner = Runner(options)
    found: list[Finding] = []
    for chunk_found, sites in results:
        found += chunk_found
        for root, checked, rels in sites:
            if root not in runner.sites:
                runner.sites[root] = _Site(SiteContext.load(root))
            runner.sites[root].checked.update(checked)
            runner.sites[root].rels.update(rels)
    found += runner.finish()
    found = _filter_lines(runner.allowlisted(found), options.only_lines)
    return dedupe(found)


def check_blobs(blobs: Iterable[tuple[Path, str, bytes]], options: Options) -> list[Finding]:
    """Like check_paths, for contents that are not the working tree (staged blobs)."""
    runner = Runner(options)
    found: list[Finding] = []
    for path, display, data in blobs:
        found += runner.check_file(path, display, data)
    found += runner.finish()
    return dedupe(_filter_lines(runner.allowlisted(found), options.only_lines))
