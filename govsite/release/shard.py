"""Build one share of the site on each of N machines and merge the shares (``--shard``/``--merge``).

``govsite build --shard I/N --out DIR`` renders share I of N into DIR with a partial
manifest (``govsite-shard.json``: commit, configuration digest, govsite version, build
day, I, N and the SHA-256 of every file it holds); ``govsite build --merge DIR…``
checks that the N shares fit together and swaps their union into the output exactly
as ``govsite build`` does (govsite.release.build: temporary tree, manifest, renames).

How the pages are shared out. The unit of work is a search shard (``pagefind/<n>``,
govsite.site.search_index): all article pages of one search shard go to the same
build shard, so that shard can run Pagefind on them itself and no page is ever
rendered twice; a page-by-page hash would scatter every search shard over all
machines and leave the indexing to the merge, one machine again. Search shards are
given out by longest-processing-time first (largest to the least loaded build shard,
ties by number), which keeps the shares within one search shard (~1,000 pages) of
each other, closer than ``n mod N`` does with the uneven sizes a hash gives.
Every page that depends on the whole library (home, listings, 主动公开目录, feeds,
sitemap, the search page, Pelican's pages, theme files and attachments) is made by
build shard 1 alone, which therefore starts with their estimated count as its load.
Every shard still reads and validates the whole library, so a share is rendered from
exactly the data a single build has and the merged release is byte for byte the
single-machine one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from govsite import oserrors
from govsite.errors import ConfigError, ContentError, GovsiteError, Problem, SystemProblem

PARTIAL = "govsite-shard.json"
FORMAT = 1
DESIGNATED = 1  # the build shard that makes the pages every shard would need
_SPEC = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
# What must be equal in every share for their union to be one build.
AGREED = ("count", "commit", "configuration", "govsite", "day", "search", "publish")
_LABELS = {
    "count": "分片总数 N",
    "commit": "提交",
    "configuration": "配置摘要（site.yml、reviewers.yml、主题模板、govsite 代码与依赖版本）",
    "govsite": "govsite 版本",
    "day": "构建日期",
    "search": "是否建立搜索索引",
    "publish": "是否使用正式网址（--publish）",
}


# -- pure: the share of each build shard -------------------------------------------


@dataclass(frozen=True)
class Spec:
    index: int  # 1-based, as a CI matrix counts
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse(text: str) -> Spec:
    """``I/N`` with 1 ≤ I ≤ N; a ConfigError in Chinese otherwise."""
    found = _SPEC.fullmatch(text or "")
    if found:
        index, count = int(found[1]), int(found[2])
        if 1 <= index <= count:
            return Spec(index, count)
    raise ConfigError(
        Problem(
            f"--shard 的值“{text}”不是“序号/总数”",
            key="--shard",
            fix="写成 I/N，I 从 1 数到 N，例如 --shard 2/4 表示 4 个分片中的第 2 个",
        )
    )


def assign(sizes: Sequence[int], count: int, preload: int = 0) -> list[int]:
    """Build shard (1-based) of each search shard: largest first to the least loaded.

    ``preload``: the work build shard 1 has already (the shared pages). Deterministic:
    ties go by search shard number and then by build shard number."""
    loads = [0] * count
    loads[DESIGNATED - 1] = preload
    out = [0] * len(sizes)
    for number in sorted(range(len(sizes)), key=lambda n: (-sizes[n], n)):
        target = min(range(count), key=lambda b: (loads[b], b))
        out[number] = target + 1
        loads[target] += sizes[number]
    return out


def shared_estimate(articles: int, page_size: int) -> int:
    """Pages of the designated shard besides articles: each article is listed in about
    four paginated listings (its column, its unit, the catalogue and one of its
    groups), plus a few dozen fixed pages. An estimate: it only weighs the shares."""
    return 4 * -(-articles // max(page_size, 1)) + 30


@dataclass
class Share:
    """What one build shard writes; consulted by the generator (``data.share``)."""

    spec: Spec
    search: frozenset[int]  # the search shards (pagefind/<n>) it indexes
    articles: frozenset[str]  # the article pages it renders

    @property
    def shared(self) -> bool:
        """Whether this shard makes the pages that depend on the whole library."""
        return self.spec.index == DESIGNATED

    def article(self, path: str) -> bool:
        return path in self.articles


def share_of(spec: Spec, pages: Sequence[str], page_size: int) -> Share:
    from govsite.site import search_index

    count = search_index.shard_count(len(pages))
    members: list[list[str]] = [[] for _ in range(count)]
    for path in pages:
        members[search_index.shard_of(path, count)].append(path)
    owner = assign([len(m) for m in members], spec.count, shared_estimate(len(pages), page_size))
    mine = frozenset(n for n, b in enumerate(owner) if b == spec.index)
    return Share(spec, mine, frozenset(p for n in mine for p in members[n]))


def restrict(index: Any, share: Share) -> None:
    """Let the search index of this build wait only for this share's search shards."""
    for number in range(index.count):
        if number not in share.search:
            for path in index.members[number]:
                index.shard.pop(path, None)
            index.members[number] = []
            index.remaining[number] = 0


def kept(rel: str, share: Share, written: Mapping[str, str]) -> bool:
    """Whether a file of the shard's tree belongs to its share (the rest is shard 1's)."""
    if share.shared:
        return True
    if rel in written:
        return True
    parts = rel.split("/")
    return (
        len(parts) > 2
        and parts[0] == "pagefind"
        and parts[1].isdigit()
        and (int(parts[1]) in share.search)
    )


# -- checking the shares of a merge (pure) -----------------------------------------


@dataclass(frozen=True)
class Partial:
    folder: str  # as given on the command line, for the messages
    data: dict[str, Any]

    @property
    def index(self) -> int:
        return int(self.data["shard"])

    @property
    def files(self) -> dict[str, str]:
        return dict(self.data["files"])


def agreement(partials: Sequence[Partial]) -> list[Problem]:
    """Every share present exactly once, all from one commit and one configuration."""
    if not partials:
        return [Problem("没有指定分片目录", key="--merge", fix="列出每个分片的目录")]
    first = partials[0]
    problems: list[Problem] = []
    for other in partials[1:]:
        for name in AGREED:
            if other.data.get(name) != first.data.get(name):
                problems.append(
                    Problem(
                        f"分片目录 {other.folder} 的{_LABELS[name]}与分片目录 {first.folder} "
                        f"不同（{other.data.get(name)} ≠ {first.data.get(name)}）",
                        path=f"{other.folder}/{PARTIAL}",
                        key=name,
                        fix="所有分片须由同一次提交、同一配置、同一 govsite 版本在同一天构建："
                        "重新运行整个分片构建（CI 中重跑整个工作流，而不是单个分片）",
                    )
                )
    if problems:
        return problems
    count = int(first.data["count"])
    seen: dict[int, str] = {}
    for part in partials:
        if part.index in seen:
            problems.append(
                Problem(
                    f"分片 {part.index}/{count} 出现了两次：分片目录 {seen[part.index]} 和 "
                    f"{part.folder}",
                    path=f"{part.folder}/{PARTIAL}",
                    key="shard",
                    fix="每个分片只列一次",
                )
            )
        seen.setdefault(part.index, part.folder)
    for missing in sorted(set(range(1, count + 1)) - set(seen)):
        problems.append(
            Problem(
                f"缺少分片 {missing}/{count}（已有：{'、'.join(sorted(seen.values()))}）",
                key="--merge",
                fix=f"列出全部 {count} 个分片的目录；分片构建失败时先重新运行它",
            )
        )
    owner: dict[str, str] = {}
    for part in partials:
        for rel in part.files:
            if rel in owner:
                problems.append(
                    Problem(
                        f"文件 {rel} 同时在分片目录 {owner[rel]} 和 {part.folder} 中",
                        path=f"{part.folder}/{rel}",
                        fix="分片目录被改动过：重新运行整个分片构建",
                    )
                )
            else:
                owner[rel] = part.folder
    return problems


# -- I/O: one share, the merge -----------------------------------------------------


@dataclass(frozen=True)
class ShardResult:
    out: Path
    spec: Spec
    articles: int  # article pages this share rendered
    search: int  # search shards it indexed
    files: int
    seconds: float


@dataclass(frozen=True)
class MergeResult:
    output: Path
    shards: int
    files: int
    commit: str
    seconds: float


def source_commit(root: Path, out: Path | None = None) -> str:
    """HEAD of ``root``'s repository; a share of uncommitted content is refused, since
    no other machine could build the rest of the same site. What builds write there
    themselves (the cache, an output folder, its temporary trees) is not content."""
    import git

    excluded = [":(exclude,glob)**/.govsite-cache/**", ":(exclude,glob)**/.output-*/**"]
    excluded.append(":(exclude,glob)**/.govsite-lock-*")
    try:
        repo = git.Repo(root, search_parent_directories=True)
        top = Path(repo.working_tree_dir or root).resolve()
        for folder in (out, root / "output"):
            if folder is not None and folder.resolve().is_relative_to(top):
                excluded.append(f":(exclude){folder.resolve().relative_to(top).as_posix()}")
        commit = repo.head.commit.hexsha
        dirty = repo.git.status("--porcelain", "--untracked-files=all", "--", str(root), *excluded)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, ValueError) as exc:
        raise ConfigError(
            Problem(
                f"{root} 不是有提交的 git 仓库，无法分片构建（{type(exc).__name__}）",
                path=str(root),
                fix="在网站仓库的检出目录中运行 govsite build --shard",
            )
        ) from exc
    except git.GitCommandError as exc:
        raise ConfigError(
            Problem(f"无法读取 git 仓库（{exc.stderr.strip()}）", path=str(root))
        ) from exc
    if dirty.strip():
        changed = [line[3:] for line in dirty.splitlines()[:5]]
        raise ConfigError(
            Problem(
                f"工作区有未提交的改动（{'、'.join(changed)}…），各分片无法保证构建同一内容",
                path=changed[0],
                fix="提交或撤销这些改动后再运行 govsite build --shard",
            )
        )
    return str(commit)


def build_shard(
    root: Path, spec: Spec, out: Path, *, publish: bool = False, search: bool = True
) -> ShardResult:
    """Render ``spec``'s share of ``root`` into ``out`` (swapped in atomically)."""
    from govsite.release import build

    started = time.monotonic()
    root = Path(root).resolve()
    out = Path(out).resolve()
    umask = os.umask(0o022)
    try:
        commit = source_commit(root, out)
        out.parent.mkdir(parents=True, exist_ok=True)
        with build._exclusive(out):
            build.recover(out)
            result = _build_share(root, spec, out, commit, publish=publish, search=search)
    except OSError as exc:
        raise SystemProblem(oserrors.problem(exc, root, doing=f"构建分片 {spec}")) from exc
    finally:
        os.umask(umask)
    return ShardResult(out, spec, *result, time.monotonic() - started)


def _build_share(
    root: Path, spec: Spec, out: Path, commit: str, *, publish: bool, search: bool
) -> tuple[int, int, int]:
    """The steps of govsite.release.build._build for one share: always a full render
    (a CI runner has no previous build), the tree pruned to the share, a partial manifest."""
    from pelican.settings import read_settings

    from govsite.checks import disclosure
    from govsite.gitlog import file_dates
    from govsite.library import load_library
    from govsite.release import build
    from govsite.site import generator, pagefind_canon, search_index, state, urls
    from govsite.site.fingerprint import bundle_key
    from govsite.site.reuse import PageStore
    from govsite.site.settings import pelican_settings
    from govsite.site.theme_globals import build_day

    library = load_library(root, cache=False)
    problems = library.problems + build.html_problems(library)
    problems += disclosure.structure(
        library.site,
        library.policy.units,
        [p.slug for p in library.pages],
        [p.title for p in library.pages],
    )
    if problems:
        raise ContentError(*problems)
    pages = [urls.article_path(a) for a in library.articles]
    share = share_of(spec, pages, library.site.page_size)
    tmp = Path(tempfile.mkdtemp(prefix=build._prefix(out, "new"), dir=out.parent))
    os.chmod(tmp, 0o755)
    store = PageStore(tmp, None)
    index = None
    if search:
        index = search_index.SearchIndex(
            tmp,
            pages,
            store.digests,
            None,
            staging=Path(tempfile.mkdtemp(prefix=build._prefix(out, "search"), dir=out.parent)),
        )
        restrict(index, share)
    done = False
    try:
        data = state.prime(library, file_dates(root), store=store, search=index)
        data.share = share
        settings = read_settings(None, override=pelican_settings(root, publish=publish))
        configuration = bundle_key(generator.bundle_parts(settings, data))
        build._run_pelican(root, tmp, publish=publish)
        known = dict(store.digests)
        if index is not None:
            known.update(index.finish().digests)
            for rel in pagefind_canon.tree(tmp / search_index.FOLDER):  # as build._build does
                known.pop(rel, None)
        files = _prune(tmp, share, known)
        build.readable(tmp)
        partial = {
            "format": FORMAT,
            "shard": spec.index,
            "count": spec.count,
            "commit": commit,
            "configuration": configuration,
            "govsite": metadata.version("govsite"),
            "day": build_day().isoformat(),
            "search": search,
            "publish": publish,
            "files": files,
        }
        target = tmp / PARTIAL
        target.write_text(json.dumps(partial, ensure_ascii=False, indent=1), encoding="utf-8")
        os.chmod(target, 0o644)
        build._swap(tmp, out)
        done = True
    finally:
        if index is not None:
            index.close()
        if not done:
            shutil.rmtree(tmp, ignore_errors=True)
        state.forget(root)
    return len(share.articles), len(share.search), len(files)


def _prune(tmp: Path, share: Share, known: Mapping[str, str]) -> dict[str, str]:
    """Remove what is not this share's; the sha256 of every file that stays."""
    from govsite.release import manifest

    digests = manifest.hash_tree(tmp, known)
    for rel in [r for r in digests if not kept(r, share, known)]:
        os.unlink(tmp / rel)
        del digests[rel]
    for dirpath, _dirs, _files in sorted(os.walk(tmp), reverse=True):  # children first
        if dirpath != str(tmp) and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return digests


def read_partial(folder: Path, shown: str) -> Partial:
    path = Path(folder) / PARTIAL
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(
            Problem(
                f"分片目录 {shown} 中没有 {PARTIAL}，不是 govsite build --shard 的输出",
                path=shown,
                fix="指定 govsite build --shard I/N --out 目录 生成的目录（CI 中为下载的制品）",
            )
        ) from exc
    except (OSError, ValueError) as exc:
        raise ConfigError(
            Problem(
                f"无法读取分片目录 {shown} 的部分清单（{exc}）",
                path=f"{shown}/{PARTIAL}",
                fix="重新运行这个分片的构建",
            )
        ) from exc
    ok = (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and isinstance(data.get("shard"), int)
        and isinstance(data.get("count"), int)
        and isinstance(data.get("files"), dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in data["files"].items())
    )
    if not ok:
        raise ConfigError(
            Problem(
                f"分片目录 {shown} 的部分清单格式不对（缺少 format/shard/count/files，"
                "或由另一版本的 govsite 生成）",
                path=f"{shown}/{PARTIAL}",
                fix="用同一版本的 govsite 重新运行整个分片构建",
            )
        )
    return Partial(shown, data)


def _complete(folder: Path, part: Partial) -> list[Problem]:
    """The folder holds exactly the files its partial manifest lists, with those bytes
    (a truncated, altered or mixed-up artifact never goes online): every file is read
    once here, the price of not trusting what came over the network."""
    from govsite.release import manifest

    listed = part.files
    present = manifest.hash_tree(Path(folder))
    present.pop(PARTIAL, None)
    problems = [
        Problem(
            f"分片目录 {part.folder} 缺少部分清单中列出的文件 {rel}",
            path=f"{part.folder}/{rel}",
            fix="制品不完整：重新运行这个分片的构建或重新下载制品",
        )
        for rel in sorted(set(listed) - set(present))[:20]
    ]
    problems += [
        Problem(
            f"分片目录 {part.folder} 中有部分清单没有列出的文件 {rel}",
            path=f"{part.folder}/{rel}",
            fix="分片目录被改动过：重新运行这个分片的构建",
        )
        for rel in sorted(set(present) - set(listed))[:20]
    ]
    problems += [
        Problem(
            f"分片目录 {part.folder} 中的文件 {rel} 与部分清单记录的 SHA-256 不同",
            path=f"{part.folder}/{rel}",
            fix="制品在构建后被改动或损坏：重新运行这个分片的构建",
        )
        for rel in sorted(set(present) & set(listed))
        if present[rel] != listed[rel]
    ][:20]
    return problems


def merge(folders: Sequence[Path], output: Path, *, shown: Sequence[str] = ()) -> MergeResult:
    """Check the shares and swap their union into ``output`` like ``govsite build``."""
    from govsite.release import build, manifest
    from govsite.site.reuse import link

    started = time.monotonic()
    names = list(shown) or [str(f) for f in folders]
    partials = []
    problems: list[Problem] = []
    for folder, name in zip(folders, names, strict=True):
        if not Path(folder).is_dir():
            problems.append(
                Problem(f"分片目录 {name} 不存在", path=name, fix="检查目录名或下载的制品")
            )
            continue
        partials.append(read_partial(Path(folder), name))
    if problems:
        raise ConfigError(*problems)
    problems = agreement(partials)
    for folder, part in zip(folders, partials, strict=True):
        problems += _complete(Path(folder), part)
    if problems:
        raise ConfigError(*problems)
    output = Path(output).resolve()
    umask = os.umask(0o022)
    files: dict[str, str] = {}
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with build._exclusive(output):
            build.recover(output)
            tmp = Path(tempfile.mkdtemp(prefix=build._prefix(output, "new"), dir=output.parent))
            os.chmod(tmp, 0o755)
            done = False
            try:
                for folder, part in zip(folders, partials, strict=True):
                    base = str(Path(folder).resolve())
                    for rel in part.files:
                        link(os.path.join(base, rel), os.path.join(tmp, rel))
                    files.update(part.files)
                build.readable(tmp)
                manifest.write(tmp, files)
                os.chmod(tmp / manifest.MANIFEST, 0o644)
                build._swap(tmp, output)
                done = True
            finally:
                if not done:
                    shutil.rmtree(tmp, ignore_errors=True)
    except GovsiteError:
        raise
    except OSError as exc:
        raise SystemProblem(oserrors.problem(exc, doing="合并分片", path=str(output))) from exc
    finally:
        os.umask(umask)
    return MergeResult(
        output,
        len(partials),
        len(files),
        str(partials[0].data["commit"]),
        time.monotonic() - started,
    )
