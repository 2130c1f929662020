"""newmedia.yml: the 政务新媒体 accounts of the county (the 矩阵), validated.

Every error carries its key path (``账号[2].主办单位``). Checks: 主办单位 is a
unit of reviewers.yml; one active account per platform per unit unless
``多账号理由`` says why; a 关停/注销 account has its 关停日期 and is never listed
as active; 备案 fields present for an active account.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from govsite.config.schema import Collector, load_yaml
from govsite.errors import ConfigError, Problem

FILE = "newmedia.yml"
PLATFORMS = ("微信公众号", "微博", "抖音", "快手", "今日头条", "微信视频号", "其他")
ACTIVE, CLOSED, CANCELLED = "正常", "关停", "注销"
STATES = (ACTIVE, CLOSED, CANCELLED)
KEYS = (
    "账号名称",
    "平台",
    "主办单位",
    "开设日期",
    "状态",
    "关停日期",
    "备案编号",
    "备案日期",
    "多账号理由",
    "链接",
)


@dataclass(frozen=True)
class Account:
    name: str
    platform: str
    unit: str
    opened: date
    state: str
    closed: date | None = None
    filing_no: str = ""
    filed: date | None = None
    reason: str = ""
    url: str = ""

    @property
    def active(self) -> bool:
        return self.state == ACTIVE


def _date(c: Collector, raw: Any, key: str) -> date | None:
    if raw is None:
        return None
    if isinstance(raw, date):
        return raw
    c.add(key, f"“{raw}”不是有效的日期", "写成 年-月-日，如 2021-03-01")
    return None


def validate(raw: Any, lines: dict[str, int], units: Mapping[str, Any]) -> list[Account]:
    c = Collector(FILE, lines=lines)
    if not isinstance(raw, dict) or not isinstance(raw.get("账号"), list):
        c.add("账号", "newmedia.yml 应有“账号”列表", "参照 docs/平台配置.md 的示例书写")
        c.raise_if_any()
    c.unknown_keys(raw, ("账号",), "")
    out: list[Account] = []
    for i, item in enumerate(raw["账号"]):
        key = f"账号[{i}]"
        if not isinstance(item, dict):
            c.add(key, "每个账号应是一个映射（账号名称、平台、主办单位 …）")
            continue
        c.unknown_keys(item, KEYS, key)
        name = str(item.get("账号名称") or "").strip()
        if not name:
            c.add(f"{key}.账号名称", "缺少账号名称", "填写账号在平台上显示的名称")
        platform = str(item.get("平台") or "")
        if platform not in PLATFORMS:
            c.add(f"{key}.平台", f"“{platform}”不是可用的平台", f"只能填写 {' / '.join(PLATFORMS)}")
        unit = str(item.get("主办单位") or "")
        if unit not in units:
            c.add(
                f"{key}.主办单位",
                f"单位“{unit}”不在 reviewers.yml 中",
                f"填写 reviewers.yml 中 units 下的单位编号：{'、'.join(units)}",
            )
        opened = _date(c, item.get("开设日期"), f"{key}.开设日期")
        if opened is None and item.get("开设日期") is None:
            c.add(f"{key}.开设日期", "缺少开设日期", "写成 年-月-日")
        state = str(item.get("状态") or "")
        if state not in STATES:
            c.add(f"{key}.状态", f"“{state}”不是可用的状态", f"只能填写 {' / '.join(STATES)}")
        closed = _date(c, item.get("关停日期"), f"{key}.关停日期")
        if state in (CLOSED, CANCELLED) and closed is None:
            c.add(
                f"{key}.关停日期",
                f"状态为“{state}”的账号须填写关停日期",
                "添加“关停日期: 年-月-日”（应提前 15 个工作日发布关停公告）",
            )
        if state == ACTIVE and item.get("关停日期") is not None:
            c.add(
                f"{key}.状态",
                "填写了关停日期，状态却是“正常”",
                "账号已关停的把状态改为“关停”或“注销”；仍在运营的删除关停日期",
            )
        filing_no = str(item.get("备案编号") or "").strip()
        filed = _date(c, item.get("备案日期"), f"{key}.备案日期")
        if state == ACTIVE and (not filing_no or filed is None):
            c.add(
                f"{key}.备案编号" if not filing_no else f"{key}.备案日期",
                "运营中的账号须填写备案编号和备案日期",
                "在全国政务新媒体信息报送系统备案后填写“备案编号”和“备案日期”",
            )
        if opened and closed and closed < opened:
            c.add(f"{key}.关停日期", "关停日期早于开设日期", "核对两个日期")
        if name and platform in PLATFORMS and unit in units and opened and state in STATES:
            out.append(
                Account(
                    name,
                    platform,
                    unit,
                    opened,
                    state,
                    closed,
                    filing_no,
                    filed,
                    str(item.get("多账号理由") or "").strip(),
                    str(item.get("链接") or "").strip(),
                )
            )
    per: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, a in enumerate(out):
        if a.active:
            per[(a.unit, a.platform)].append(i)
    for (unit, platform), idx in per.items():
        if len(idx) > 1 and not all(out[i].reason for i in idx):
            names = "、".join(out[i].name for i in idx)
            c.add(
                "账号",
                f"单位 {unit} 在{platform}上有 {len(idx)} 个运营中的账号（{names}）",
                "同一单位在同一平台原则上只开设一个账号：关停多余的账号，"
                "或在每个账号下写明“多账号理由”",
            )
    c.raise_if_any()
    return out


def load(root: Path, units: Mapping[str, Any]) -> list[Account] | None:
    """The accounts, or None when the site has no newmedia.yml. ConfigError if invalid."""
    path = Path(root) / FILE
    if not path.exists():
        return None
    raw, lines = read(path)
    return validate(raw, lines, units)


def read(path: Path, display: str = FILE) -> tuple[Any, dict[str, int]]:
    """load_yaml, and an impossible date (2021-13-01), which PyYAML raises as ValueError,
    as a located error rather than a traceback."""
    try:
        return load_yaml(path, display)
    except ValueError as exc:
        raise ConfigError(
            Problem(
                f"不是合法的 YAML（{exc}）",
                path=display,
                fix="检查文件中的日期是否真实存在，写成 年-月-日",
            )
        ) from None
