"""Atomic publishing: releases side by side, one symlink swap, rollback.

Layout of the target DIR (the web server's document root points at DIR/current)::

    DIR/releases/20261122-020000/   one complete, checked build each
        manifest.json               SHA-256 of every file (govsite verify)
    DIR/releases/20261122-020000.json   commit, tree, manifest digest, time: written last
                                        (beside the release, so the web server never serves it)
    DIR/releases/.pending-NAME      a publish of NAME is under way (or was killed)
    DIR/current -> releases/20261122-020000

A release is built in place under its final name, with a ``.pending-NAME`` marker
written first. Only when the gate passed is ``NAME.json`` written (atomically)
and the marker removed: a release without its ``NAME.json``, or with a marker, is
never listed, never picked by a rollback, and is deleted by the next publish. So a
publish killed at any moment leaves no unchecked release a rollback could switch to.

Releases are immutable: the build hard-links unchanged pages from the release
online, and those links are then broken (each file copied), so editing a file of
one release on the server never changes another; files are made read-only
(world-readable for the web server). A rollback verifies the release it switches to
against its manifest first. ``current`` is replaced by os.replace of a fresh symlink,
atomic on POSIX: a visitor sees the old site or the new one, never a mixture.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from govsite import atomic
from govsite.errors import ConfigError, ContentError, Problem
from govsite.files import exclusive
from govsite.release import manifest

RELEASES = "releases"
CURRENT = "current"
PENDING = ".pending-"
KEEP = 5
FILE_MODE = 0o444  # read-only, world-readable
DIR_MODE = 0o755  # world-readable and traversable (an rsync copy keeps it: no 403)
Gate = Callable[[Path], list[Problem]]  # checks a finished release; problems block the swap
Prepare = Callable[[Path], bool]  # edits a built release before the gate; True: files changed


@dataclass(frozen=True)
class ReleaseInfo:
    name: str
    commit: str | None
    tree: str | None
    rev: str | None
    manifest_sha256: str
    created: str
    checked: bool = False
    findings: list[list[str]] | None = None  # (rule, path) of its health findings


def releases(to: Path) -> list[str]:
    """Finished, checked releases (with NAME.json and no pending marker), oldest first."""
    folder = Path(to) / RELEASES
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir()
        and not p.name.startswith(".")
        and record_path(to, p.name).is_file()
        and not (folder / f"{PENDING}{p.name}").exists()
    )


def record_path(to: Path, name: str) -> Path:
    return Path(to) / RELEASES / f"{name}.json"


def info(to: Path, name: str) -> ReleaseInfo | None:
    try:
        data = json.loads(record_path(to, name).read_text(encoding="utf-8"))
        return ReleaseInfo(
            name=name,
            commit=data.get("commit"),
            tree=data.get("tree"),
            rev=data.get("rev"),
            manifest_sha256=str(data["manifest_sha256"]),
            created=str(data["created"]),
            checked=bool(data.get("checked")),
            findings=data.get("findings"),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def current(to: Path) -> str | None:
    link = Path(to) / CURRENT
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def _new_name(to: Path) -> str:
    base = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    name, n = base, 1
    while (Path(to) / RELEASES / name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _check_target(to: Path) -> None:
    if (to / "PREVIEW.json").exists():  # govsite.release.preview.MARKER_FILE
        raise ConfigError(
            Problem(
                f"{to} 是合并请求预览的目录（有 PREVIEW.json），预览不能发布为正式网站",
                path=str(to),
                fix="发布到正式网站的目录；预览只放在产物或内网预览主机上",
            )
        )
    link = to / CURRENT
    if link.exists() and not link.is_symlink():
        raise ConfigError(
            Problem(
                f"{link} 是普通目录，不是发布用的符号链接",
                path=str(link),
                fix=f"把它移到 {to / RELEASES}/ 下，再运行 govsite publish",
            )
        )


def _rmtree(path: Path) -> None:
    """Delete a release even though its files are read-only."""

    def writable(func: Callable[..., Any], p: str, _exc: Any) -> None:
        os.chmod(os.path.dirname(p), 0o755)
        os.chmod(p, 0o755) if os.path.isdir(p) else os.chmod(p, 0o644)
        func(p)

    if path.is_symlink() or not path.exists():
        return
    shutil.rmtree(path, onerror=writable)


def clean_partial(to: Path) -> list[str]:
    """Remove what a killed publish left: build temp trees and releases still pending."""
    folder = to / RELEASES
    removed: list[str] = []
    if not folder.is_dir():
        return removed
    for p in folder.iterdir():
        if p.name.startswith(".output-"):
            _rmtree(p)
        elif p.name.startswith(PENDING):
            name = p.name[len(PENDING) :]
            if name and name != current(to):
                record_path(to, name).unlink(missing_ok=True)
                _rmtree(folder / name)
                removed.append(name)
            p.unlink(missing_ok=True)
    return removed


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def live_changes(to: Path) -> manifest.Verification | None:
    """The release online against its own manifest (None: nothing online or no manifest)."""
    name = current(to)
    if name is None or not (to / RELEASES / name / manifest.MANIFEST).is_file():
        return None
    release = to / RELEASES / name
    return manifest.verify(manifest.load(release / manifest.MANIFEST), release)


def publish(
    root: Path,
    to: Path,
    *,
    keep: int = KEEP,
    gate: Gate | None = None,
    publish_urls: bool = True,
    search: bool = True,
    meta: dict[str, Any] | None = None,
    prepare: Prepare | None = None,
    copy_live: bool = False,
) -> str:
    """Build ``root`` into a new release of ``to``, run ``gate``, switch; returns its name.

    ``meta``: commit, tree, rev (and anything else) recorded in NAME.json; it is read
    after ``gate`` ran, so the gate may add what it found. ``prepare`` edits the built
    release first (撤稿); ``copy_live`` starts from a copy of the release online instead
    of a build (``govsite publish --withdraw``: minutes, not a full build).
    """
    to = Path(to).resolve()
    _check_target(to)
    (to / RELEASES).mkdir(parents=True, exist_ok=True)
    os.chmod(to / RELEASES, DIR_MODE)
    with _lock(to):
        return _publish_locked(
            root,
            to,
            keep=keep,
            gate=gate,
            publish_urls=publish_urls,
            search=search,
            meta=meta or {},
            prepare=prepare,
            copy_live=copy_live,
        )


def _lock(to: Path) -> AbstractContextManager[None]:
    """One publish or rollback at a time per target (the nightly job and a person by hand)."""
    return exclusive(
        to / ".publish.lock",
        Problem(f"{to} 正在发布或回退中", path=str(to), fix="等待正在进行的发布结束后再运行"),
    )


def _publish_locked(
    root: Path,
    to: Path,
    *,
    keep: int,
    gate: Gate | None,
    publish_urls: bool,
    search: bool,
    meta: dict[str, Any],
    prepare: Prepare | None,
    copy_live: bool,
) -> str:
    from govsite.release import build_record
    from govsite.release.build import build_site

    clean_partial(to)
    name = _new_name(to)
    release = to / RELEASES / name
    marker = to / RELEASES / f"{PENDING}{name}"
    marker.write_text("", encoding="utf-8")
    online = current(to)
    live = live_changes(to)
    # Pages unchanged since the release online are hard-linked from it (govsite.site.reuse),
    # unless it was edited on the server: then nothing of it is trusted.
    trusted = online is not None and live is not None and live.clean
    try:
        if copy_live:
            if not (trusted and online):
                raise ConfigError(
                    Problem(
                        "线上版本不存在或与清单不符，不能只做撤稿更新",
                        path=str(to / CURRENT),
                        fix="不加 --withdraw，完整发布一次",
                    )
                )
            shutil.copytree(to / RELEASES / online, release, symlinks=True)
        else:
            build_site(
                root,
                release,
                publish=publish_urls,
                search=search,
                reuse_from=to / RELEASES / online if trusted and online else None,
                reuse_previous=trusted,
            )
        copied_from = to / RELEASES / online if copy_live and online else None
        if prepare is not None and prepare(release):
            manifest.write(release)
            build_record.adopt(root, release, copied_from)  # the next build reuses what is unedited
        elif copied_from is not None:
            build_record.adopt(root, release, copied_from)
        problems = gate(release) if gate else []
        if problems:
            raise ContentError(*problems)
        freeze(release)
        record = {
            "format": 1,
            "name": name,
            "created": datetime.now(UTC).isoformat(),
            "manifest_sha256": digest(release / manifest.MANIFEST),
            "checked": gate is not None,
            **meta,
        }
        atomic.fsync_dir(release)
        write_readonly(record_path(to, name), json.dumps(record, ensure_ascii=False, indent=1))
    except BaseException:
        _rmtree(release)
        record_path(to, name).unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
        raise
    marker.unlink()
    atomic.fsync_dir(to / RELEASES)
    switch(to, name)
    prune(to, keep)
    return name


def freeze(release: Path) -> None:
    """Own copy of every file (no hard link shared with another release), read-only."""
    for dirpath, dirs, files in os.walk(release):
        os.chmod(dirpath, DIR_MODE)
        for d in dirs:
            os.chmod(os.path.join(dirpath, d), DIR_MODE)
        for fname in files:
            path = os.path.join(dirpath, fname)
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
                tmp = os.path.join(dirpath, f".{fname}.copy")
                shutil.copy2(path, tmp)  # keeps mtime: the build's reuse keys stay valid
                os.replace(tmp, path)
            os.chmod(path, FILE_MODE)


def write_readonly(path: Path, text: str) -> None:
    atomic.write_text(path, text, mode=FILE_MODE)


def switch(to: Path, name: str) -> None:
    if name not in releases(to):
        raise ConfigError(
            Problem(
                f"发布版本 {name} 不存在或未通过检查",
                path=str(to / RELEASES),
                fix=f"可用的版本：{'、'.join(releases(to)) or '无'}",
            )
        )
    tmp = to / f".{CURRENT}.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    os.symlink(f"{RELEASES}/{name}", tmp)
    os.replace(tmp, to / CURRENT)


def prune(to: Path, keep: int) -> list[str]:
    """Delete releases beyond the newest ``keep`` (the current one is always kept)."""
    names = releases(to)
    live = current(to)
    old = [n for n in names[:-keep] if n != live] if keep > 0 else []
    for n in old:
        record_path(to, n).unlink(missing_ok=True)  # first: a half-deleted one is never listed
        _rmtree(to / RELEASES / n)
    return old


def verify_release(to: Path, name: str) -> list[Problem]:
    """A release is intact when its manifest is the one recorded and every file matches it."""
    release = to / RELEASES / name
    meta = info(to, name)
    if meta is None:
        return [Problem(f"发布版本 {name} 没有可读的发布记录", path=str(record_path(to, name)))]
    if (
        not (release / manifest.MANIFEST).is_file()
        or digest(release / manifest.MANIFEST) != meta.manifest_sha256
    ):
        return [
            Problem(
                f"发布版本 {name} 的清单与发布时记录的不符（被改动）",
                path=str(release / manifest.MANIFEST),
            )
        ]
    result = manifest.verify(manifest.load(release / manifest.MANIFEST), release)
    out = [Problem(f"发布版本 {name} 中的文件被改动", path=rel) for rel in result.changed]
    out += [Problem(f"发布版本 {name} 中缺少文件", path=rel) for rel in result.missing]
    out += [Problem(f"发布版本 {name} 中多出文件", path=rel) for rel in result.added]
    return out


def rollback(to: Path, release: str | None = None) -> str:
    """Point ``current`` at ``release`` or at the release before the current one,
    after verifying it is intact."""
    to = Path(to).resolve()
    _check_target(to)
    with _lock(to):
        names = releases(to)
        live = current(to)
        if release is None:
            older = [n for n in names if live is None or n < live]
            if not older:
                raise ConfigError(
                    Problem(
                        f"{to} 没有比当前版本（{live or '无'}）更早的发布版本",
                        path=str(to / RELEASES),
                        fix="用 --release 指定版本，或重新发布",
                    )
                )
            release = older[-1]
        if release not in names:
            raise ConfigError(
                Problem(
                    f"发布版本 {release} 不存在或未通过检查",
                    path=str(to / RELEASES),
                    fix=f"可用的版本：{'、'.join(names) or '无'}（govsite rollback --list）",
                )
            )
        problems = verify_release(to, release)
        if problems:
            raise ContentError(
                *problems,
                Problem(
                    f"发布版本 {release} 已被改动，不回退到它",
                    path=str(to / RELEASES / release),
                    fix="回退到另一个版本，或用 govsite publish --rev <提交> 重新发布",
                ),
            )
        switch(to, release)
    return release
