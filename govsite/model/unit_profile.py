"""机构概况 (pure): a unit's duties, internal bodies, leaders and contacts (SITE-02).

条例 第二十条（二） asks every organ to publish 机关职能、机构设置、办公地址、办公时间、
联系方式、负责人姓名; the 指引 asks for leaders' photos and portfolios, in one uniform
format. Each unit keeps them as data in ``content/<unit>/机构概况.yml``::

    主要职责:
      - 拟订并组织实施全县国民经济和社会发展规划……
    内设机构:
      - 名称: 办公室
        职责: 负责机关日常运转……
    办公地址: 示例县人民路1号
    办公时间: 工作日 8:30—12:00，14:30—17:30
    联系电话: 0479-5201306
    领导:
      - 姓名: 王某某
        职务: 主任
        分工: 主持全面工作
        照片: lingdao-wang.jpg   # optional, a file beside this one

Every problem names its key path (``领导[0].姓名``) and line; all are reported together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from govsite.errors import Problem
from govsite.model.keys import Collector

FILE_NAME = "机构概况.yml"
KEYS = ("主要职责", "内设机构", "办公地址", "办公时间", "联系电话", "领导")
BODY_KEYS = ("名称", "职责", "电话")
LEADER_KEYS = ("姓名", "职务", "分工", "照片", "简历")
LEADER_REQUIRED = ("姓名", "职务", "分工")
PHOTO_TYPES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class Body:
    name: str
    duties: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Leader:
    name: str
    post: str
    portfolio: str
    photo: str | None = None  # file beside 机构概况.yml
    resume: str = ""


@dataclass(frozen=True)
class UnitProfile:
    unit: str
    path: str  # content/<unit>/机构概况.yml
    duties: tuple[str, ...]
    bodies: tuple[Body, ...]
    address: str
    hours: str
    phone: str
    leaders: tuple[Leader, ...]

    def photo_path(self, leader: Leader) -> str | None:
        """content/<unit>/x.jpg for the leader's photo."""
        return f"{self.path.rsplit('/', 1)[0]}/{leader.photo}" if leader.photo else None


def _text(
    c: Collector, data: Mapping[str, Any], key: str, where: str, *, required: bool, fix: str
) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:  # a missing key has no line: point at its item (领导[0]) instead
            parent = where.rpartition(".")[0]
            line = c.lines.get(where) or (c.lines.get(parent) if parent else None)
            c.problems.append(Problem(f"缺少“{key}”", path=c.path, line=line, key=where, fix=fix))
        return ""
    if not isinstance(value, str | int):
        c.add(where or key, f"“{key}”应是一段文字", fix)
        return ""
    return str(value).strip()


def validate(
    data: Any, lines: dict[str, int], path: str, unit: str
) -> tuple[UnitProfile | None, list[Problem]]:
    c = Collector(path, lines=lines)
    if not isinstance(data, dict):
        c.add(
            "",
            "机构概况应是一个映射（主要职责、内设机构、办公地址、办公时间、联系电话、领导）",
            "参照 docs/编辑指南.md“机构概况”一节的示例书写",
        )
        return None, c.problems
    c.unknown_keys(data, KEYS, "")
    duties_raw = data.get("主要职责")
    duties: list[str] = []
    if not isinstance(duties_raw, list) or not duties_raw:
        c.add("主要职责", "缺少“主要职责”，或不是列表", "每条职责一行，写成“- 拟订……”")
    else:
        for i, item in enumerate(duties_raw):
            if not isinstance(item, str) or not item.strip():
                c.add(f"主要职责[{i}]", "每条职责应是一段文字", "写成“- 拟订……”")
            else:
                duties.append(item.strip())
    contact = {
        key: _text(c, data, key, key, required=True, fix=f"填写“{key}: …”（条例第二十条）")
        for key in ("办公地址", "办公时间", "联系电话")
    }

    bodies: list[Body] = []
    raw_bodies = data.get("内设机构") or []
    if not isinstance(raw_bodies, list):
        c.add("内设机构", "“内设机构”应是列表", "每个机构写成“- 名称: 办公室”，下一行“  职责: …”")
        raw_bodies = []
    for i, raw in enumerate(raw_bodies):
        where = f"内设机构[{i}]"
        if not isinstance(raw, dict):
            c.add(where, "每个内设机构应写“名称”和“职责”", "写成“- 名称: 办公室”")
            continue
        c.unknown_keys(raw, BODY_KEYS, where)
        name = _text(c, raw, "名称", f"{where}.名称", required=True, fix="填写机构名称")
        if name:
            bodies.append(
                Body(
                    name,
                    _text(c, raw, "职责", f"{where}.职责", required=False, fix="写成一段文字"),
                    _text(c, raw, "电话", f"{where}.电话", required=False, fix="写成一段文字"),
                )
            )

    leaders: list[Leader] = []
    raw_leaders = data.get("领导")
    if not isinstance(raw_leaders, list) or not raw_leaders:
        c.add(
            "领导",
            "缺少“领导”（负责人信息），或不是列表",
            "每位领导写成“- 姓名: …”，下面写“职务”“分工”，可加“照片”",
        )
        raw_leaders = []
    for i, raw in enumerate(raw_leaders):
        where = f"领导[{i}]"
        if not isinstance(raw, dict):
            c.add(where, "每位领导应写“姓名”“职务”“分工”", "写成“- 姓名: …”")
            continue
        c.unknown_keys(raw, LEADER_KEYS, where)
        values = {
            key: _text(
                c, raw, key, f"{where}.{key}", required=key in LEADER_REQUIRED, fix=f"填写{key}"
            )
            for key in LEADER_KEYS
        }
        photo = values["照片"] or None
        if photo and ("/" in photo or "\\" in photo or not photo.lower().endswith(PHOTO_TYPES)):
            c.add(
                f"{where}.照片",
                f"照片“{photo}”应是与机构概况.yml 同目录的图片文件名",
                f"只写文件名，格式为 {'、'.join(PHOTO_TYPES)}",
            )
            photo = None
        if values["姓名"] and values["职务"] and values["分工"]:
            leaders.append(
                Leader(values["姓名"], values["职务"], values["分工"], photo, values["简历"])
            )
    if c.problems:
        return None, c.problems
    return UnitProfile(
        unit=unit,
        path=path,
        duties=tuple(duties),
        bodies=tuple(bodies),
        address=contact["办公地址"],
        hours=contact["办公时间"],
        phone=contact["联系电话"],
        leaders=tuple(leaders),
    ), []
