"""Reads each unit's 机构概况.yml for the site (adapter: files -> model.unit_profile).

A unit without the file has no 机构概况 page; a file that cannot be read or does not
validate stops the build with every problem (file, line, key path, fix).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from govsite import files
from govsite.config.schema import parse_yaml
from govsite.errors import ConfigError, ContentError, Problem
from govsite.model.unit_profile import FILE_NAME, UnitProfile, validate

CONTENT = "content"


def load(root: Path, unit_ids: Iterable[str]) -> dict[str, UnitProfile]:
    found: dict[str, UnitProfile] = {}
    problems: list[Problem] = []
    for uid in unit_ids:
        rel = f"{CONTENT}/{uid}/{FILE_NAME}"
        path = root / rel
        if not os.path.lexists(path):
            continue
        try:
            text = files.read_bytes(path, root, rel).decode("utf-8")  # never a link or FIFO
        except files.NotRegular as exc:
            problems.append(exc.refused.problem())
            continue
        except UnicodeDecodeError:
            problems.append(Problem("文件不是 UTF-8 编码", path=rel, fix="用 UTF-8 编码另存该文件"))
            continue
        except OSError as exc:
            problems.append(
                Problem(
                    f"无法读取文件（{exc.strerror}）",
                    path=rel,
                    fix="确认这是一个普通文件并且可以读取",
                )
            )
            continue
        try:
            data, lines = parse_yaml(text, rel)
        except ConfigError as exc:
            problems += exc.problems
            continue
        profile, bad = validate(data, lines, rel, uid)
        problems += bad
        if profile is None:
            continue
        for i, leader in enumerate(profile.leaders):
            photo = profile.photo_path(leader)
            if photo and not (root / photo).is_file():
                problems.append(
                    Problem(
                        f"照片“{leader.photo}”不存在",
                        path=rel,
                        line=lines.get(f"领导[{i}].照片"),
                        key=f"领导[{i}].照片",
                        fix=f"把照片放到 {CONTENT}/{uid}/ 下，或删除这一行",
                    )
                )
        found[uid] = profile
    if problems:
        raise ContentError(*problems)
    return found
