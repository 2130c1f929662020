"""Write a file whole or not at all: the one temp-file-and-rename of govsite.

A reader (a web server, a parallel build, an editor) sees the old file or the new
one, never half of each, and a write killed halfway leaves only a stray temporary
file beside the target. The temporary file has a unique name in the target's folder
(``tempfile.mkstemp``: two processes writing the same file never share it, and its
name does not grow with the target's, see ``files.NAME_MAX``), and a new inode, so
a file hard-linked from another build or release is never written through.

``durable``: the data and the rename are on disk when the call returns (fsync of the
file, then of the folder), for what a person keeps (content files, reports, release
metadata). Caches and pages of a build that is swapped in whole skip it: they are
remade if lost, and an fsync per page would cost more than the page.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

TEMP_PREFIX = ".govsite-"  # with a random part and ".tmp": what a killed write leaves
TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    # Read without changing it where Linux says it (os.umask sets while it reads, which a
    # thread creating a file at that moment would see).
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def default_mode(path: Path) -> int:
    """The mode a new file gets: an existing target's own, else 0666 less the umask
    (as ``open()`` would give it; mkstemp alone makes every file 0600)."""
    try:
        st = os.stat(path)
    except OSError:
        return 0o666 & ~_umask()
    return stat.S_IMODE(st.st_mode)


def write_bytes(
    path: Path | str,
    data: bytes,
    *,
    durable: bool = True,
    mode: int | None = None,
    exclusive: bool = False,
) -> None:
    """Write ``data`` as ``path`` atomically (parent folders made as needed).

    ``mode``: the file's permission bits (default: see ``default_mode``).
    ``exclusive``: never replace an existing file (FileExistsError), even one that
    appears while writing.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    bits = default_mode(target) if mode is None else mode
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fchmod(fh.fileno(), bits)
            if durable:
                os.fsync(fh.fileno())
        if exclusive:
            os.link(tmp, target)  # fails if the name exists, however it came to be
        else:
            os.replace(tmp, target)
    finally:
        if os.path.lexists(tmp):  # not renamed (an error), or linked (exclusive)
            os.unlink(tmp)
    if durable:
        fsync_dir(target.parent)


def write_text(
    path: Path | str,
    text: str,
    *,
    encoding: str = "utf-8",
    durable: bool = True,
    mode: int | None = None,
    exclusive: bool = False,
) -> None:
    """``write_bytes`` of ``text`` encoded, line ends as they are in ``text``."""
    write_bytes(path, text.encode(encoding), durable=durable, mode=mode, exclusive=exclusive)


def fsync_dir(path: Path | str) -> None:
    """Put a folder's entries (a rename, a new file) on disk."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
