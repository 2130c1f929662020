"""Atomic publishing: releases side by side, one symlink swap, rollback.

Layout of the target DIR (the web server's document root points at DIR/current)::

    DIR/releases/20261122-020000/   one complete build each (with manifest.json)
    DIR/current -> releases/20261122-020000

A new release is built in a temporary directory under DIR/releases and renamed
into place only when complete (govsite.build); ``current`` is then replaced by
os.replace of a freshly made symlink, which is atomic on POSIX: a visitor sees
the old site or the new one, never a mixture. A failed (or killed) build or a
failed report never touches ``current``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from govsite.errors import ConfigError, ContentError, Problem

RELEASES = "releases"
CURRENT = "current"
KEEP = 5
Gate = Callable[[Path], list[Problem]]  # checks a finished release; problems block the swap


def releases(to: Path) -> list[str]:
    folder = Path(to) / RELEASES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


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
    link = to / CURRENT
    if link.exists() and not link.is_symlink():
        raise ConfigError(Problem(f"{link} 是普通目录，不是发布用的符号链接", path=str(link),
                                  fix=f"把它移到 {to / RELEASES}/ 下，再运行 govsite publish"))


def clean_partial(to: Path) -> None:
    """Remove temporary trees left by a build that was killed (never a finished release)."""
    folder = to / RELEASES
    if folder.is_dir():
        for p in folder.iterdir():
            if p.name.startswith(".output-"):
                shutil.rmtree(p, ignore_errors=True)


def publish(root: Path, to: Path, *, keep: int = KEEP, gate: Gate | None = None,
            publish_urls: bool = True, search: bool = True) -> str:
    """Build ``root`` into a new release of ``to``, run ``gate``, switch; returns its name."""
    to = Path(to).resolve()
    _check_target(to)
    (to / RELEASES).mkdir(parents=True, exist_ok=True)
    with _lock(to):
        return _publish_locked(root, to, keep=keep, gate=gate, publish_urls=publish_urls,
                               search=search)


@contextmanager
def _lock(to: Path) -> Iterator[None]:
    """One publish or rollback at a time per target (the nightly job and a person by hand)."""
    with (to / ".publish.lock").open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(Problem(f"{to} 正在发布或回退中", path=str(to),
                                      fix="等待正在进行的发布结束后再运行")) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _publish_locked(root: Path, to: Path, *, keep: int, gate: Gate | None,
                    publish_urls: bool, search: bool) -> str:
    from govsite.build import build_site

    clean_partial(to)
    name = _new_name(to)
    release = to / RELEASES / name
    online = current(to)
    # Pages unchanged since the release online are hard-linked from it (govsite.site.reuse).
    build_site(root, release, publish=publish_urls, search=search,
               reuse_from=to / RELEASES / online if online else None)
    os.chmod(release, 0o755)  # built in a mkdtemp (0700); the web server must read it
    try:
        problems = gate(release) if gate else []
    except BaseException:
        shutil.rmtree(release, ignore_errors=True)
        raise
    if problems:
        shutil.rmtree(release, ignore_errors=True)
        raise ContentError(*problems)
    switch(to, name)
    prune(to, keep)
    return name


def switch(to: Path, name: str) -> None:
    if not (to / RELEASES / name).is_dir():
        raise ConfigError(Problem(f"发布版本 {name} 不存在", path=str(to / RELEASES),
                                  fix=f"可用的版本：{'、'.join(releases(to)) or '无'}"))
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
        shutil.rmtree(to / RELEASES / n, ignore_errors=True)
    return old


def rollback(to: Path, release: str | None = None) -> str:
    """Point ``current`` at ``release`` or at the release before the current one."""
    to = Path(to).resolve()
    _check_target(to)
    names = releases(to)
    live = current(to)
    if release is None:
        older = [n for n in names if live is None or n < live]
        if not older:
            raise ConfigError(Problem(f"{to} 没有比当前版本（{live or '无'}）更早的发布版本",
                                      path=str(to / RELEASES),
                                      fix="用 --release 指定版本，或重新发布"))
        release = older[-1]
    with _lock(to):
        switch(to, release)
    return release
