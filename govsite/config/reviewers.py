"""reviewers.yml: the units (单位), their paths and the people at each review level.

The shape is the review-gate issue's. The site build reads only the units
(id, name, credit_code, paths); the gate reads the rest. Every key is declared in
``TOP`` and ``UNIT`` (key, type, default, reader, help; the table in
docs/平台配置.md comes from them). Every error, an unknown key included, is a
configuration error (exit 2), never a silent pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pathspec

from govsite.config.schema import Collector, Option, flag, load_yaml, parse_yaml, read_options
from govsite.model import credit_code

LEVELS = (1, 2, 3)
UNIT_ID = re.compile(r"^[a-z][a-z0-9_-]*$")
LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
# Who may approve a withdrawal (撤稿) alone: a level of the owning unit, or any reviewer of a unit.
WITHDRAWAL_DEFAULT = ("3", "platform")


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    credit_code: str | None
    paths: tuple[str, ...]
    reviewers: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def people(self) -> set[str]:
        return {p.lower() for level in self.reviewers.values() for p in level}


@dataclass(frozen=True)
class ReviewPolicy:
    units: dict[str, Unit]
    leaders: tuple[str, ...] = ()
    ordered: bool = True
    names: dict[str, str] = field(default_factory=dict)  # login (lower case) -> 姓名
    withdrawal: tuple[str, ...] = WITHDRAWAL_DEFAULT

    def withdrawal_approvers(self, unit: Unit) -> list[str]:
        out: list[str] = []
        for entry in self.withdrawal:
            people = (
                unit.reviewers.get(int(entry), ())
                if entry.isdigit()
                else sorted(self.units[entry].people())
                if entry in self.units
                else ()
            )
            out += [p for p in people if p.lower() not in {o.lower() for o in out}]
        return out

    def display(self, login: str) -> str:
        name = self.names.get(login.lower())
        return f"{name}（{login}）" if name else login

    def owner_of(self, path: str) -> Unit | None:
        """The unit whose matching pattern is longest (rule 2 of the gate)."""
        best: tuple[int, Unit] | None = None
        for unit in self.units.values():
            for pattern in unit.paths:
                if path_matches(path, pattern) and (best is None or len(pattern) > best[0]):
                    best = (len(pattern), unit)
        return best[1] if best else None


def path_matches(path: str, pattern: str) -> bool:
    """Glob with ``**`` spanning directories, ``*`` and ``?`` within one segment.

    Patterns are gitignore patterns (pathspec), always anchored at the repository
    root: ``Makefile`` owns the root Makefile only, not ``docs/Makefile``.
    """
    return _spec(pattern).match_file(path)


@functools.lru_cache(maxsize=4096)
def _spec(pattern: str) -> pathspec.PathSpec:
    # "gitignore" is pathspec's name for gitwildmatch since 1.0 (the old name is deprecated).
    # Its basic pattern keeps a single "*" inside one segment: content/* owns content/a.md,
    # never content/zfb/a.md. The leading "/" anchors names without a slash at the root.
    return pathspec.PathSpec.from_lines("gitignore", ["/" + pattern.lstrip("/")])


UNIT: tuple[Option, ...] = (
    Option(
        "name",
        "文字",
        "单位全称",
        required="缺少单位名称",
        fix="写 name: 单位全称，如 示例县人民政府办公室",
    ),
    Option("short_name", "文字", "单位简称"),
    Option(
        "credit_code",
        "文字",
        "统一社会信用代码（18 位，通过 GB 32100 校验）；核对索引号用",
    ),
    Option(
        "paths",
        "文字列表",
        "该单位拥有的路径模式（相对仓库根目录，`**` 跨目录，`*` 不跨目录）",
        shown_default="`content/<单位编号>/**`",
    ),
    Option(
        "reviewers",
        "映射",
        "三级审核人：1（一审 信息员）、2（二审 分管负责人）、3（三审 主要负责人），每级登录名列表",
        required="缺少三级审核人",
        fix="写 reviewers: {1: [一审], 2: [二审], 3: [三审]}",
    ),
)
TOP: tuple[Option, ...] = (
    Option(
        "ordered",
        "true/false",
        "三审须依次进行（后一级的批准晚于前一级）",
        default=True,
        read=flag(True),
    ),
    Option(
        "units",
        "映射",
        "单位编号（与 content/ 下的目录名一致）→ 单位；每个单位的键见“units.<单位>”",
        required="缺少 units，或 units 为空",
        fix="至少列出一个单位及其三级审核人",
        children=tuple(replace(o, key=f"<单位>.{o.key}") for o in UNIT),
    ),
    Option("leaders", "文字列表", "可代任何一级批准的领导登录名", default=[]),
    Option("names", "映射", "登录名 → 姓名，审核记录和台账中显示", default={}),
    Option(
        "withdrawal",
        "列表",
        "可单独批准撤稿的人：审核级别（文章所属单位的这一级）或单位编号（该单位任一审核人）",
        shown_default="`[3, platform]`",
    ),
)


def load(path: Path, display: str = "reviewers.yml") -> ReviewPolicy:
    data, lines = load_yaml(path, display)
    return validate(data, lines, display)


def loads(text: str, display: str = "reviewers.yml") -> ReviewPolicy:
    data, lines = parse_yaml(text, display)
    return validate(data, lines, display)


def validate(data: Any, lines: dict[str, int], display: str) -> ReviewPolicy:
    c = Collector(display, lines=lines)
    if not isinstance(data, dict):
        c.add(
            "", "reviewers.yml 应是一个映射，至少包含 units", "参照 docs/审核门禁.md 中的示例书写"
        )
        c.raise_if_any()
    v = read_options(c, data, TOP, "")
    ordered = v["ordered"]
    leaders = _logins(c, v["leaders"] or [], "leaders")
    raw_units = v["units"]
    units: dict[str, Unit] = {}
    if raw_units is not None and (not isinstance(raw_units, dict) or not raw_units):
        c.add("units", "缺少 units，或 units 为空", "至少列出一个单位及其三级审核人")
    elif raw_units is not None:
        for uid, raw in raw_units.items():
            unit = _unit(c, str(uid), raw)
            if unit is not None:
                units[unit.id] = unit
        seen: dict[str, str] = {}
        for unit in units.values():
            for pattern in unit.paths:
                if pattern in seen:
                    c.add(
                        f"units.{unit.id}.paths",
                        f"路径模式 {pattern} 同时属于单位 {seen[pattern]} 和 {unit.id}",
                        "每个路径模式只能归属一个单位",
                    )
                else:
                    seen[pattern] = unit.id
        codes: dict[str, str] = {}
        for unit in units.values():
            if unit.credit_code and unit.credit_code in codes:
                c.add(
                    f"units.{unit.id}.credit_code",
                    f"统一社会信用代码与单位 {codes[unit.credit_code]} 重复",
                    "每个单位填写自己的统一社会信用代码",
                )
            elif unit.credit_code:
                codes[unit.credit_code] = unit.id
    names: dict[str, str] = {}
    raw_names = v["names"] or {}
    if not isinstance(raw_names, dict):
        c.add("names", "names 应是“登录名: 姓名”的映射", "写成 names: {wang-xy: 王小燕}")
    else:
        for login, name in raw_names.items():
            if not isinstance(name, str) or not name.strip():
                c.add(f"names.{login}", "姓名应是非空文字", f"写成 {login}: 姓名")
            else:
                names[str(login).lower()] = name.strip()
    raw_w = v["withdrawal"]
    if raw_w is None:
        raw_w = [e for e in WITHDRAWAL_DEFAULT if e.isdigit() or e in units]
    withdrawal: list[str] = []
    if not isinstance(raw_w, list) or not raw_w:
        c.add("withdrawal", "withdrawal 应是非空列表", "写成 withdrawal: [3, platform]")
    else:
        for i, entry in enumerate(raw_w):
            text = str(entry)
            if text in ("1", "2", "3") or text in units:
                withdrawal.append(text)
            else:
                c.add(
                    f"withdrawal[{i}]",
                    f"“{text}”既不是审核级别也不是单位编号",
                    "写审核级别（1、2、3，指文章所属单位的这一级）或单位编号（该单位任一审核人）",
                )
    c.raise_if_any()
    return ReviewPolicy(
        units=units,
        leaders=tuple(leaders),
        ordered=ordered,
        names=names,
        withdrawal=tuple(withdrawal),
    )


def _logins(c: Collector, raw: Any, key: str) -> list[str]:
    if not isinstance(raw, list):
        c.add(key, "应是登录名列表", f"写成 {key}: [alice, bob]")
        return []
    out = []
    for i, login in enumerate(raw):
        if not isinstance(login, str) or not LOGIN.match(login):
            c.add(
                f"{key}[{i}]",
                f"“{login}”不是合法的代码托管平台登录名",
                "填写审核人在 GitHub/Gitea 上的用户名（字母、数字、-、_、.）",
            )
        else:
            out.append(login)
    return out


def _unit(c: Collector, uid: str, raw: Any) -> Unit | None:
    key = f"units.{uid}"
    if not UNIT_ID.match(uid):
        c.add(
            key,
            f"单位编号“{uid}”不合法",
            "单位编号用小写字母开头，只含小写字母、数字、-、_，并与 content/ 下的目录名一致",
        )
    if not isinstance(raw, dict):
        c.add(key, "单位应是一个映射（name、credit_code、reviewers …）")
        return None
    u = read_options(c, raw, UNIT, key)
    name = u["name"]
    if name is not None and (not isinstance(name, str) or not name.strip()):
        c.add(f"{key}.name", "缺少单位名称", "写 name: 单位全称，如 示例县人民政府办公室")
    if not isinstance(name, str) or not name.strip():
        name = uid
    code = u["credit_code"]
    if code is not None:
        code = str(code).strip()
        why = credit_code.explain(code)
        if why:
            c.add(f"{key}.credit_code", why, "核对单位的统一社会信用代码证书")
    paths_raw = u["paths"] if u["paths"] is not None else [f"content/{uid}/**"]
    paths: list[str] = []
    if not isinstance(paths_raw, list) or not paths_raw:
        c.add(f"{key}.paths", "paths 应是非空的路径模式列表", '如 paths: ["content/zfb/**"]')
    else:
        for i, p in enumerate(paths_raw):
            if not isinstance(p, str) or not p or p.startswith("/"):
                c.add(
                    f"{key}.paths[{i}]",
                    f"路径模式“{p}”不合法",
                    "写相对于仓库根目录的路径，如 content/zfb/**",
                )
            else:
                paths.append(p)
    reviewers: dict[int, tuple[str, ...]] = {}
    levels_raw = u["reviewers"]
    if levels_raw is None:
        pass  # reported by read_options
    elif not isinstance(levels_raw, dict):
        c.add(
            f"{key}.reviewers", "缺少三级审核人", "写 reviewers: {1: [一审], 2: [二审], 3: [三审]}"
        )
    else:
        for lv_key in levels_raw:
            if str(lv_key) not in {"1", "2", "3"}:
                c.add(
                    f"{key}.reviewers.{lv_key}",
                    f"审核级别“{lv_key}”不存在",
                    "只有 1（一审 信息员）、2（二审 分管负责人）、3（三审 主要负责人）",
                )
        for level in LEVELS:
            people = levels_raw.get(level, levels_raw.get(str(level)))
            lkey = f"{key}.reviewers.{level}"
            if not people:
                c.add(lkey, f"第 {level} 级审核没有人", f"在 reviewers.{level} 下至少列一人")
                continue
            reviewers[level] = tuple(_logins(c, people, lkey))
    return Unit(
        id=uid, name=str(name), credit_code=code or None, paths=tuple(paths), reviewers=reviewers
    )


__all__ = ["LEVELS", "ReviewPolicy", "Unit", "load", "loads", "path_matches"]
