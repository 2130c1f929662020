"""Build the site: validate, run Pelican, index with Pagefind, swap output/ atomically.

Everything is written into a temporary directory beside ``output/`` and only
a complete, error-free build replaces it (two renames, the old tree removed
afterwards), so a failed build never leaves a half site and the previous
output stays online. Pages and search shards whose inputs did not change are
hard-linked from the build online instead of made again (govsite.site.reuse),
so a rebuild costs what the edit touches.

A build can be killed at any point (kill -9, power loss). Its temporary trees
are named after the output (``.output-new-<name>-…``, ``.output-old-<name>-…``,
``.output-search-<name>-…``) and the next build of that output, holding a lock
so that no other build is writing them, puts a stranded previous tree back in
place when the output is missing (killed between the two renames) and removes
the rest. The output is made world-readable (0755/0644) whatever the umask, so
that an rsync or web server of another user can read it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import stat
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govsite import files, oserrors
from govsite.checks import disclosure
from govsite.errors import (
    ContentError,
    GovsiteError,
    InternalError,
    Problem,
    SystemProblem,
)
from govsite.gitlog import file_dates
from govsite.library import Library, load_library
from govsite.release import build_record, manifest
from govsite.site import feeds, pagefind_canon, search_index, state, urls
from govsite.site.reuse import PageStore
from govsite.site.settings import pelican_settings

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class BuildResult:
    output: Path
    articles: int
    pages: int
    files: int
    seconds: float
    indexed: bool
    reused: int = 0  # pages linked unchanged from the previous build
    recovered: bool = False  # the previous tree was put back after a killed build
    # Seconds per phase (PHASES), also kept in .govsite-cache/phases.json for benchmarks.
    phases: dict[str, float] = field(default_factory=dict)


# validate: library, html and disclosure checks; key: page keys; render: Pelican and our
# generator less keying (pages rendered or linked); search: waiting for Pagefind after
# rendering; manifest: modes and manifest.json; swap: the renames, removing the old tree
# and the record of page keys.
PHASES = ("validate", "key", "render", "search", "manifest", "swap")
TIMINGS = Path(".govsite-cache") / "phases.json"


# What Pelican logs from inside an ``except Exception`` (with exc_info off unless DEBUG).
_CAUGHT = ("Could not process", "Cannot register plugin", "Cannot load plugin")


class _ErrorCollector(logging.Handler):
    """Any ERROR logged by Pelican or by us fails the build (nothing is half right), and
    so does a file Pelican could not copy (it logs that as a mere warning).

    Pelican catches what a reader or a plugin raises and only logs it ("Could not
    process …"): that exception, still being handled while the record is emitted, is
    classified like a render failure, so a bug of govsite stays a bug (exit 3, its
    traceback kept) and only what the content or theme causes is a content error."""

    def __init__(self, root: Path, classify: Callable[[BaseException], str]) -> None:
        super().__init__(level=logging.WARNING)
        self.root, self.classify = root, classify
        self.messages: list[str] = []
        self.problems: list[Problem] = []
        self.raised: list[GovsiteError] = []

    def emit(self, record: logging.LogRecord) -> None:
        if str(record.msg).startswith("A problem occurred copying") and len(record.args or ()) == 3:
            source, _target, exc = record.args  # type: ignore[misc]
            if isinstance(exc, OSError):
                self.problems.append(
                    oserrors.problem(exc, doing="复制文件到输出目录", path=str(source))
                )
                return
        if record.levelno < logging.ERROR:
            return
        raised = record.exc_info[1] if record.exc_info else None
        if raised is None and str(record.msg).startswith(_CAUGHT):
            raised = sys.exc_info()[1]  # logged inside Pelican's except block, without exc_info
        if raised is None:
            self.messages.append(record.getMessage())
        else:
            self.raised.append(self._error(raised, record))

    def _error(self, exc: BaseException, record: logging.LogRecord) -> GovsiteError:
        if isinstance(exc, GovsiteError):
            return exc
        kind = self.classify(exc)
        if kind == "os" and isinstance(exc, OSError):
            return SystemProblem(oserrors.problem(exc, self.root, doing="生成网站"))
        path = None
        if str(record.msg).startswith("Could not process") and record.args:
            # Pelican names the source relative to content/ (its PATH)
            path, doing = f"content/{record.args[0]}", "读取时出错"  # type: ignore[index]
        else:
            doing = f"生成网站时出错（{record.getMessage().splitlines()[0]}）"
        what = f"{doing}：{type(exc).__name__}: {exc}"
        if kind in ("template", "content"):
            return ContentError(
                Problem(
                    what,
                    path=path,
                    fix="按信息修改内容或模板后重新构建；原有的输出目录未被改动",
                )
            )
        return InternalError(
            Problem(what, path=path),
            detail="".join(traceback.format_exception(exc)),
        )

    def error(self) -> GovsiteError | None:
        """The one error the build stops with: a bug first, then the machine, then content."""
        bugs = [e for e in self.raised if isinstance(e, InternalError)]
        if bugs:
            return bugs[0]
        machine = _problems([e for e in self.raised if isinstance(e, SystemProblem)])
        if machine or self.problems:
            return SystemProblem(*machine, *self.problems)
        problems = _problems(self.raised) + [
            Problem(f"构建出错：{m}", fix="按信息修改后重新构建；原有的 output/ 未被改动")
            for m in self.messages
        ]
        return ContentError(*problems) if problems else None


def _problems(errors: list[GovsiteError]) -> list[Problem]:
    return [p for e in errors for p in e.problems]


def build_site(
    root: Path,
    output: Path | None = None,
    *,
    publish: bool = False,
    search: bool = True,
    progress: Progress | None = None,
    reuse_previous: bool = True,
    reuse_from: Path | None = None,
) -> BuildResult:
    """Build ``root``'s site into ``output`` (default root/output). Raises GovsiteError.

    Unchanged pages are taken from the build in ``reuse_from`` (default: ``output``
    itself; publishing passes the release online). ``reuse_previous=False`` renders
    every page and re-indexes every search shard.
    """
    started = time.monotonic()
    root = Path(root).resolve()
    output = Path(output).resolve() if output else root / "output"
    report = progress or (lambda stage, done, total: None)
    umask = os.umask(0o022)  # pages 0644, folders 0755 whatever the caller's umask
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(output):
            recovered = recover(output)
            result = _build(
                root,
                output,
                publish=publish,
                search=search,
                report=report,
                reuse_previous=reuse_previous,
                reuse_from=reuse_from,
            )
    except OSError as exc:
        raise SystemProblem(oserrors.problem(exc, root, doing="构建网站")) from exc
    finally:
        os.umask(umask)
    articles, pages, files, reused, phases = result
    _save_timings(root, phases)
    return BuildResult(
        output=output,
        articles=articles,
        pages=pages,
        files=files,
        seconds=time.monotonic() - started,
        indexed=search,
        reused=reused,
        recovered=recovered,
        phases=phases,
    )


def _save_timings(root: Path, phases: dict[str, float]) -> None:
    """The phases of the last build, for benchmarks/bench_build.py (a child process)."""
    target = root / TIMINGS
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(phases), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # only a record for benchmarks: the build itself succeeded


def html_problems(library: Library) -> list[Problem]:
    """format.raw-html, format.unsafe-link, format.attr-list of every body: the build
    refuses what ``govsite check`` reports (the page would lose it anyway); and
    characters no feed can hold."""
    from govsite.checks.base import TextDoc
    from govsite.checks.markdown import html_findings, may_hold_html

    out = []
    bodies = [(a.path, a.body, a.body_line) for a in library.articles]
    bodies += [(p.path, p.body, p.body_line) for p in library.pages]
    for path, body, line in bodies:
        if not may_hold_html(body):  # 10,000 bodies: a TextDoc only for the few with markup
            continue
        for f in html_findings(TextDoc(path, body, first_line=line)):
            out.append(Problem(f"{f.rule}: {f.message}", path=f.path, line=f.line, fix=f.fix))
    for art in library.articles:  # what a feed or a page cannot hold stops the build here,
        out += feeds.xml_problems(art)  # naming the article, not inside the generator
    return out


def _build(
    root: Path,
    output: Path,
    *,
    publish: bool,
    search: bool,
    report: Progress,
    reuse_previous: bool,
    reuse_from: Path | None,
) -> tuple[int, int, int, int, dict[str, float]]:
    phases = dict.fromkeys(PHASES, 0.0)
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        phases[phase] += now - clock
        clock = now

    report("校验内容", 0, 1)
    # ConfigError (exit 2) for site.yml / reviewers.yml
    library = load_library(root, cache=reuse_previous)
    problems = library.problems + html_problems(library)
    problems += disclosure.structure(  # SITE-02/03/04/06: a missing 指南 fails the build
        library.site,
        library.policy.units,
        [p.slug for p in library.pages],
        [p.title for p in library.pages],
    )
    if problems:  # ContentError (exit 1): every problem, file:line, key, fix
        raise ContentError(*problems)
    report("校验内容", 1, 1)
    lap("validate")

    previous = build_record.load_previous(root, reuse_from or output) if reuse_previous else None
    tmp = Path(tempfile.mkdtemp(prefix=_prefix(output, "new"), dir=output.parent))
    os.chmod(tmp, 0o755)  # mkdtemp makes it 0700
    store = PageStore(tmp, previous)
    index = (
        search_index.SearchIndex(
            tmp,
            [urls.article_path(a) for a in library.articles],
            store.digests,
            previous,
            staging=Path(tempfile.mkdtemp(prefix=_prefix(output, "search"), dir=output.parent)),
        )
        if search
        else None
    )
    built = False
    try:
        data = state.prime(library, file_dates(root), store=store, progress=report, search=index)
        _run_pelican(root, tmp, publish=publish)
        lap("render")
        keyed = data.timings.get("key", 0.0)  # keying happens inside the generator
        phases["render"] -= keyed
        phases["key"] += keyed
        known = dict(store.digests)
        search_keys: dict[str, str] = {}
        if index is not None:
            report("建立搜索索引", 0, index.count)
            indexed = index.finish()
            report("建立搜索索引", index.count, index.count)
            known.update(indexed.digests)
            search_keys = indexed.keys
            for rel in pagefind_canon.tree(tmp / search_index.FOLDER):  # reproducible shards
                known.pop(rel, None)
        lap("search")
        readable(tmp)
        try:
            manifest.write(tmp, known)  # OPS-02: SHA-256 of every file, verified nightly
        except OSError as exc:  # a write error names no file: say which one
            raise SystemProblem(
                oserrors.problem(
                    exc, doing="写入文件清单", path=f"{output.name}/{manifest.MANIFEST}"
                )
            ) from exc
        os.chmod(tmp / manifest.MANIFEST, 0o644)
        lap("manifest")
        _swap(tmp, output)
        built = True
        try:
            build_record.save(root, output, store.entries, search_keys)
        except OSError:
            pass  # only the record of page keys: the next build renders everything again
        lap("swap")
    finally:
        if index is not None:
            index.close()  # Pagefind must be done writing into tmp before it goes
        if not built:
            shutil.rmtree(tmp, ignore_errors=True)
        state.forget(root)
    return (
        len(library.articles),
        len(library.pages),
        store.reused + store.rendered + len(library.pages),
        store.reused,
        {name: round(seconds, 3) for name, seconds in phases.items()},
    )


def _run_pelican(root: Path, out: Path, *, publish: bool) -> None:
    import jinja2
    from pelican import Pelican
    from pelican.log import console
    from pelican.settings import read_settings

    from govsite.site.generator import RenderFailure, _kind

    overrides = pelican_settings(root, publish=publish)
    overrides["OUTPUT_PATH"] = str(out)
    settings = read_settings(None, override=overrides)
    collector = _ErrorCollector(root, _kind)
    loggers = [logging.getLogger("pelican"), logging.getLogger("govsite")]
    for lg in loggers:
        lg.addHandler(collector)
    quiet, console.quiet = console.quiet, True  # we print our own summary in Chinese
    try:
        Pelican(settings).run()
    except GovsiteError:
        raise
    except RenderFailure as exc:
        raise _failure(exc, root, out) from None
    except OSError as exc:
        raise SystemProblem(oserrors.problem(exc, root, doing="生成网站")) from exc
    except jinja2.TemplateSyntaxError as exc:
        where = _theme_path(root, exc.filename or exc.name or "")
        raise ContentError(
            Problem(
                f"模板有语法错误：{exc.message}",
                path=where,
                line=exc.lineno,
                fix="按信息修改模板后重新构建；原有的输出目录未被改动",
            )
        ) from exc
    except jinja2.TemplateError as exc:
        raise ContentError(
            Problem(
                f"模板出错：{exc}",
                path="theme/templates/",
                fix="按信息修改模板后重新构建；原有的输出目录未被改动",
            )
        ) from exc
    except Exception as exc:
        raise InternalError(
            Problem(f"生成网站时出错（{type(exc).__name__}: {exc}）"), detail=traceback.format_exc()
        ) from exc
    finally:
        console.quiet = quiet
        for lg in loggers:
            lg.removeHandler(collector)
    error = collector.error()
    if error is not None:
        raise error


def _shown(path: str, root: Path) -> str:
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def _theme_path(root: Path, name: str) -> str:
    rel = os.path.relpath(name, root) if os.path.isabs(name) else f"theme/templates/{name}"
    return rel.replace(os.sep, "/")


def _failure(exc: Any, root: Path, out: Path) -> GovsiteError:
    """A RenderFailure as the error a person can act on, naming the article."""
    source = exc.source or None
    page = f"网页 {exc.page}"
    if exc.kind == "os":
        elsewhere = exc.filename and not exc.filename.startswith(str(out))
        found = oserrors.problem(OSError(exc.errno, exc.message), doing=f"写入{page}")
        where = f"（{_shown(exc.filename, root)}）" if elsewhere else ""
        return SystemProblem(Problem(found.message + where, path=source or page, fix=found.fix))
    if exc.kind == "template":
        return ContentError(
            Problem(
                f"用模板 {exc.template}.html 生成{page}时出错：{exc.message}",
                path=source,
                fix="修改模板，或检查本文元数据的写法后重新构建；原有的输出目录未被改动",
            )
        )
    if exc.kind == "content":
        return ContentError(
            Problem(
                f"生成{page}时出错（{exc.message}）",
                path=source,
                fix="检查正文中嵌套过深的列表或引用、控制字符和无法编码的字符后重新构建；"
                "原有的输出目录未被改动",
            )
        )
    return InternalError(
        Problem(f"生成{page}时出错（{exc.message}）", path=source), detail=exc.trace
    )


# -- the output swap and what killed builds leave ------------------------------

_KINDS = ("new", "old", "search")
# Temporary trees of govsite before they were named after their output.
_LEGACY = re.compile(r"\.(?:output-(?:old-)?|search-)[a-z0-9_]{8}")


def _prefix(output: Path, kind: str) -> str:
    return f".output-{kind}-{output.name}-"


def _exclusive(output: Path) -> AbstractContextManager[None]:
    """One build of ``output`` at a time: the cleanup of a killed build's trees must
    never remove those of a build still running."""
    return files.exclusive(
        output.parent / f".govsite-lock-{output.name}",
        Problem(
            f"另一个 govsite build 正在生成 {output}", path=str(output), fix="等它结束后再运行"
        ),
        remove=True,
    )


def recover(output: Path) -> bool:
    """Undo what a killed build of ``output`` left: True if the previous tree was put back.

    Killed between the two renames of the swap, the output is missing and the tree
    that was online is stranded as ``.output-old-<name>-…``: it goes back first.
    Every other temporary tree of this output (a half-written build, a search
    staging folder, an old tree whose replacement is in place) is removed.
    """
    parent = output.parent
    mine: dict[str, list[Path]] = {kind: [] for kind in _KINDS}
    try:
        entries = list(os.scandir(parent))
    except FileNotFoundError:
        return False
    for entry in entries:
        for kind in _KINDS:
            if entry.name.startswith(_prefix(output, kind)):
                mine[kind].append(Path(entry.path))
        if output.name == "output" and _LEGACY.fullmatch(entry.name):
            mine["old" if "-old-" in entry.name else "new"].append(Path(entry.path))
    recovered = False
    if not os.path.lexists(output) and mine["old"]:
        newest = max(mine["old"], key=lambda p: p.lstat().st_mtime_ns)
        if (newest / manifest.MANIFEST).is_file():  # a whole tree, never a half-deleted one
            os.replace(newest, output)
            mine["old"].remove(newest)
            recovered = True
    for path in (p for paths in mine.values() for p in paths):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
    return recovered


def readable(top: Path) -> None:
    """Folders 0755, files 0644 (copied attachments keep their mode otherwise)."""
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames:
            _mode(os.path.join(dirpath, name), 0o755)
        for name in filenames:
            _mode(os.path.join(dirpath, name), 0o644)


def _mode(path: str, want: int) -> None:
    st = os.lstat(path)
    if not stat.S_ISLNK(st.st_mode) and stat.S_IMODE(st.st_mode) != want:
        os.chmod(path, want)


def _swap(new: Path, output: Path) -> None:
    """Replace ``output`` by ``new`` with renames; the old tree is deleted afterwards.

    A kill at any point leaves either the old or the new tree as ``output``, or
    (between the renames) the old one stranded, which ``recover`` puts back.
    """
    old = None
    if os.path.lexists(output):
        old = Path(tempfile.mkdtemp(prefix=_prefix(output, "old"), dir=output.parent))
        os.rmdir(old)
        os.replace(output, old)
    os.replace(new, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
