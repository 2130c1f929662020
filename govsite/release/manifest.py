"""Tamper evidence (OPS-02/03): a SHA-256 manifest of the build and its verification.

``write`` runs on the finished build before it goes online; ``verify`` compares a
deployed directory (or, with network, a base URL) with the manifest kept from the
build, and scans every served HTML page for prohibited content (QA-03), because
the injected spam of a hijacked site is usually new text in existing pages.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from govsite import atomic
from govsite.errors import ConfigError, Problem

MANIFEST = "manifest.json"
VERSION = 1


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_tree(root: Path, known: Mapping[str, str] | None = None) -> dict[str, str]:
    """path -> sha256 of every file under ``root``; ``known`` digests are taken as given."""
    known = known or {}
    out: dict[str, str] = {}
    base = str(root)
    for dirpath, _dirs, files in os.walk(base):
        prefix = os.path.relpath(dirpath, base).replace(os.sep, "/") + "/"
        if prefix == "./":
            prefix = ""
        for name in files:
            rel = prefix + name
            if rel == MANIFEST:
                continue
            if rel in known:
                out[rel] = known[rel]
                continue
            h = hashlib.sha256()
            with open(os.path.join(dirpath, name), "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            out[rel] = h.hexdigest()
    return dict(sorted(out.items()))


def write(output_dir: Path, known: Mapping[str, str] | None = None) -> Path:
    """Write output_dir/manifest.json (atomically) and return its path.

    ``known``: sha256 of files the build wrote or linked itself (it had their
    bytes in hand), so a 10,000-page build does not read them all back.
    """
    output_dir = Path(output_dir)
    data = {
        "version": VERSION,
        "generated": datetime.now(UTC).isoformat(),
        "algorithm": "sha256",
        "files": hash_tree(output_dir, known),
    }
    target = output_dir / MANIFEST
    # Not fsynced: the tree it lists is not either, and a lost one fails verify closed.
    atomic.write_text(target, json.dumps(data, ensure_ascii=False, indent=1), durable=False)
    return target


def load(path: Path) -> dict[str, str]:
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(
            Problem(
                f"无法读取清单（{exc}）",
                path=str(path),
                fix="指定 govsite build 生成的 manifest.json",
            )
        ) from exc
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in files.items()
    ):
        raise ConfigError(
            Problem(
                "不是 govsite 的文件清单（缺少 files 映射）",
                path=str(path),
                fix="指定 govsite build 生成的 manifest.json",
            )
        )
    return dict(files)


@dataclass
class Verification:
    changed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    prohibited: list[tuple[str, int, str]] = field(default_factory=list)  # path, line, message
    notes: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.changed or self.added or self.missing or self.prohibited)


def verify(manifest: dict[str, str], target: str | Path, *, lists: Any = None) -> Verification:
    text = str(target)
    if text.startswith(("http://", "https://")):
        return _verify_url(manifest, text.rstrip("/"), lists)
    return _verify_dir(manifest, Path(target), lists)


def _verify_dir(manifest: dict[str, str], root: Path, lists: Any) -> Verification:
    if not root.is_dir():
        raise ConfigError(Problem(f"目录不存在：{root}", fix="指定已部署网站的目录或网址"))
    result = Verification()
    served = hash_tree(root.resolve())
    for rel, digest in manifest.items():
        if rel not in served:
            result.missing.append(rel)
        elif served[rel] != digest:
            result.changed.append(rel)
    result.added = [rel for rel in served if rel not in manifest]
    for rel in served:
        if rel.endswith((".html", ".htm")) and not rel.startswith("pagefind/"):
            html = (root / rel).read_text(encoding="utf-8", errors="replace")
            _scan(result, rel, html, lists)
    return result


def _verify_url(manifest: dict[str, str], base: str, lists: Any) -> Verification:
    import httpx

    result = Verification(notes=["按网址核对时无法发现新增的文件，只核对清单中的文件"])
    with httpx.Client(timeout=20, follow_redirects=False) as client:
        for rel, digest in manifest.items():
            try:
                resp = client.get(f"{base}/{quote(rel)}")
            except httpx.HTTPError as exc:
                result.notes.append(f"{rel}: 无法访问（{exc}）")
                result.missing.append(rel)
                continue
            if resp.status_code != 200:
                result.missing.append(rel)
                continue
            if _sha256(resp.content) != digest:
                result.changed.append(rel)
            if rel.endswith((".html", ".htm")) and not rel.startswith("pagefind/"):
                _scan(result, rel, resp.text, lists)
    return result


def _scan(result: Verification, rel: str, html: str, lists: Any) -> None:
    from govsite.checks.runner import scan_html_prohibited

    for f in scan_html_prohibited(html, rel, lists):
        result.prohibited.append((rel, f.line, f.message))
