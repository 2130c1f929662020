"""data/标准目录.yml: the county's 基层政务公开标准目录, validated (国办发〔2019〕54号).

The 26 领域's 标准指引 each give a table whose columns are 公开事项 (一级/二级事项),
公开内容（要素）, 公开依据, 公开时限, 公开主体, 公开渠道和载体, 公开对象 (全社会/特定
群体), 公开方式 (主动/依申请) and 公开层级 (县级/乡级). Each 事项 here has those fields
and the 栏目 of site.yml that carries it on the site. Every error names its key path
(``领域[0].事项[2].公开时限``) and line, all in one pass.

公开时限 is kept as the guideline words it (shown on the page) and read into a rule the
build and the nightly can count: ``N个工作日`` (after the 成文日期, on the working-day
calendar), ``N日`` (calendar days after the 成文日期), ``每年M月D日前`` (this year's item
by that day, moved to the next working day), or 实时/及时/长期 (no deadline: only a blank
事项 is reported). A 公开时限 none of these reads is an error: a guess would miscount.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govsite.config.schema import Collector
from govsite.errors import ConfigError, Problem

FILE = "data/标准目录.yml"
AREA_KEYS = ("名称", "标准指引", "事项")
ITEM_KEYS = (
    "一级事项",
    "事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道",
    "公开对象",
    "公开方式",
    "公开层级",
    "栏目",
)
REQUIRED = (
    "事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道",
    "公开对象",
    "公开方式",
)
AUDIENCES = ("全社会", "特定群体")
MANNERS = ("主动", "依申请")
LEVELS = ("县级", "乡级")
CHANNELS = (
    "政府网站",
    "政务新媒体",
    "公开查阅点",
    "政务服务中心",
    "便民服务站",
    "入户/现场",
    "社区/企事业单位/村公示栏（电子屏）",
    "精准推送",
    "广播电视",
    "纸质媒体",
    "其他",
)
WORKDAYS, DAYS, ANNUAL, NONE = "workdays", "days", "annual", "none"

_WORKDAYS = re.compile(r"(\d+)\s*个?\s*工作日")
_DAYS = re.compile(r"(\d+)\s*[日天]内")
_ANNUAL = re.compile(r"每年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_OPEN_ENDED = ("实时", "及时", "长期", "常态")
TIME_FIX = (
    "按标准指引书写，并含下列一种写法：“…20个工作日内”（自成文日期起的工作日）、"
    "“…20日内”（自成文日期起的自然日）、“每年3月31日前”，"
    "或“实时”“及时”“长期”（不计期限，只检查是否空白）"
)


@dataclass(frozen=True)
class TimeLimit:
    """The 公开时限 as a rule: ``kind`` and ``n`` days, or ``month``/``day`` each year."""

    kind: str
    n: int = 0
    month: int = 0
    day: int = 0


@dataclass(frozen=True)
class Item:
    area: str  # 领域, e.g. 财政预决算
    group: str  # 一级事项 ('' when the guideline has none)
    name: str  # 事项 (二级事项)
    content: str
    basis: str
    time_text: str
    time: TimeLimit
    subject: str
    channels: tuple[str, ...]
    audience: str
    manner: str
    levels: tuple[str, ...]
    column: str | None  # None only for a 依申请 事项
    key: str  # key path in the file, for findings
    line: int | None
    time_line: int | None = None  # the 公开时限's line, for an overdue 事项

    @property
    def proactive(self) -> bool:
        return self.manner == "主动"


@dataclass(frozen=True)
class Area:
    name: str
    guideline: str
    items: tuple[Item, ...]


def parse_time(text: str) -> TimeLimit | None:
    """The 公开时限's rule, or None when it has none of the forms (pure, tested by tables)."""
    m = _ANNUAL.search(text)
    if m:
        month, day = int(m[1]), int(m[2])
        if 1 <= month <= 12 and 1 <= day <= (
            29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
        ):
            return TimeLimit(ANNUAL, month=month, day=day)
        return None
    m = _WORKDAYS.search(text)
    if m and int(m[1]) > 0:
        return TimeLimit(WORKDAYS, n=int(m[1]))
    m = _DAYS.search(text)
    if m and int(m[1]) > 0:
        return TimeLimit(DAYS, n=int(m[1]))
    if any(word in text for word in _OPEN_ENDED):
        return TimeLimit(NONE)
    return None


def _text(c: Collector, item: dict[str, Any], key: str, name: str) -> str:
    raw = item.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if name in REQUIRED:
            c.add(f"{key}.{name}", f"缺少“{name}”", f"按标准指引填写“{name}”")
        return ""
    if not isinstance(raw, (str, int)):
        c.add(f"{key}.{name}", f"“{name}”应是一段文字", f"写成“{name}: 文字”")
        return ""
    return str(raw).strip()


def _choices(
    c: Collector, item: dict[str, Any], key: str, name: str, allowed: Iterable[str]
) -> tuple[str, ...]:
    allowed = tuple(allowed)
    raw = item.get(name)
    if raw is None:
        if name in REQUIRED:
            c.add(
                f"{key}.{name}",
                f"缺少“{name}”",
                f"写成“{name}: [{allowed[0]}]”，可选 {'、'.join(allowed)}",
            )
        return ()
    values = raw if isinstance(raw, list) else [raw]
    out = []
    for i, v in enumerate(values):
        where = f"{key}.{name}[{i}]" if isinstance(raw, list) else f"{key}.{name}"
        if str(v) not in allowed:
            c.add(where, f"“{v}”不是可用的{name}", f"只能填写 {'、'.join(allowed)}")
        else:
            out.append(str(v))
    if not out and values:
        return ()
    if not values:
        c.add(f"{key}.{name}", f"“{name}”是空列表", f"至少填写一项：{'、'.join(allowed)}")
    return tuple(out)


def validate(raw: Any, lines: dict[str, int], columns: Iterable[str]) -> list[Area]:
    """The 目录; ConfigError with every problem (key path and line) when it is wrong."""
    column_ids = set(columns)
    c = Collector(FILE, lines=lines)
    if not isinstance(raw, dict) or not isinstance(raw.get("领域"), list) or not raw["领域"]:
        c.add("领域", f"{FILE} 应有“领域”列表", "参照 docs/标准目录.md 的示例书写")
        c.raise_if_any()
    c.unknown_keys(raw, ("领域",), "")
    areas: list[Area] = []
    seen: dict[tuple[str, str, str], str] = {}
    for i, area in enumerate(raw["领域"]):
        akey = f"领域[{i}]"
        if not isinstance(area, dict):
            c.add(akey, "每个领域应是一个映射（名称、标准指引、事项）")
            continue
        c.unknown_keys(area, AREA_KEYS, akey)
        aname = _text(c, area, akey, "名称")
        if not aname:
            c.add(
                f"{akey}.名称", "缺少领域名称", "如“财政预决算”，按国办发〔2019〕54号的 26 个领域"
            )
        guideline = str(area.get("标准指引") or "").strip()
        raw_items = area.get("事项")
        if not isinstance(raw_items, list) or not raw_items:
            c.add(f"{akey}.事项", "应有“事项”列表", "每个领域至少列出一个公开事项")
            continue
        items = []
        for j, item in enumerate(raw_items):
            key = f"{akey}.事项[{j}]"
            if not isinstance(item, dict):
                c.add(key, "每个事项应是一个映射（事项、公开内容、公开依据、公开时限 …）")
                continue
            c.unknown_keys(item, ITEM_KEYS, key)
            for name in ITEM_KEYS:  # a missing key is reported on its 事项's line
                c.lines.setdefault(f"{key}.{name}", c.lines.get(key, 0))
            name = _text(c, item, key, "事项")
            group = _text(c, item, key, "一级事项")
            time_text = _text(c, item, key, "公开时限")
            time = parse_time(time_text) if time_text else None
            if time_text and time is None:
                c.add(f"{key}.公开时限", f"无法从“{time_text}”读出公开期限", TIME_FIX)
            audience = _choices(c, item, key, "公开对象", AUDIENCES)
            manner = _choices(c, item, key, "公开方式", MANNERS)
            if len(manner) > 1:
                c.add(f"{key}.公开方式", "公开方式只能填写一种", "填写“主动”或“依申请”")
            if len(audience) > 1:
                c.add(f"{key}.公开对象", "公开对象只能填写一种", "填写“全社会”或“特定群体”")
            column = item.get("栏目")
            if column is not None and str(column) not in column_ids:
                c.add(
                    f"{key}.栏目",
                    f"栏目“{column}”不在 site.yml 中",
                    "填写 site.yml 中发布该事项的栏目 id",
                )
            elif column is None and manner == ("主动",):
                c.add(
                    f"{key}.栏目",
                    f"主动公开的事项“{name}”没有指定栏目",
                    "添加“栏目: <site.yml 中的栏目 id>”，写明网站上哪个栏目发布该事项",
                )
            if name and aname:
                dup = (aname, group, name)
                if dup in seen:
                    c.add(f"{key}.事项", f"事项“{name}”与 {seen[dup]} 重复", "合并为一个事项")
                seen[dup] = key
            item_obj = Item(
                area=aname,
                group=group,
                name=name,
                content=_text(c, item, key, "公开内容"),
                basis=_text(c, item, key, "公开依据"),
                time_text=time_text,
                time=time or TimeLimit(NONE),
                subject=_text(c, item, key, "公开主体"),
                channels=_choices(c, item, key, "公开渠道", CHANNELS),
                audience=audience[0] if audience else "",
                manner=manner[0] if manner else "",
                levels=_choices(c, item, key, "公开层级", LEVELS),
                column=str(column) if column is not None else None,
                key=key,
                line=lines.get(key),
                time_line=lines.get(f"{key}.公开时限"),
            )
            items.append(item_obj)
        areas.append(Area(aname, guideline, tuple(items)))
    c.raise_if_any()
    return areas


def load(root: Path, columns: Iterable[str]) -> list[Area] | None:
    """The 目录, or None when the site has no data/标准目录.yml. ConfigError if invalid."""
    from govsite.config.newmedia import read  # same reader: impossible dates located

    path = Path(root) / FILE
    if not path.exists():
        return None
    if not path.is_file():
        raise ConfigError(Problem(f"{FILE} 不是普通文件", path=FILE, fix="改为普通的 YAML 文件"))
    raw, lines = read(path, FILE)
    return validate(raw, lines, columns)
