"""Working days on the official calendar (holidays and 调休), SITE-07 / META-08.

chinesecalendar carries the State Council's notices up to its last release
(2026 at the time of writing). A later year is added by the platform unit in
``hooks/holidays/<year>.yml`` (format in hooks/holidays/README.md). A year known
to neither is a configuration error: a Monday–Friday guess would silently
miscount every deadline around 春节 and 国庆.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import chinese_calendar
import yaml

from govsite.errors import ConfigError, Problem

HOLIDAY_DIR = "hooks/holidays"
OFF_KEY = "放假"
WORK_KEY = "调休上班"
_DAY = r"(\d{4}-\d{1,2}-\d{1,2})"
_RANGE = re.compile(rf"^\s*{_DAY}\s*(?:至|~|～|--|到)\s*{_DAY}\s*$")


@dataclass(frozen=True)
class YearData:
    """One year's holidays (days off) and 调休 working days (weekend days worked)."""

    year: int
    off: frozenset[date]
    worked: frozenset[date]


@dataclass
class WorkCalendar:
    """Pure once built: ``extra`` years from data files take precedence over the library."""

    extra: dict[int, YearData] = field(default_factory=dict)

    def is_workday(self, day: date) -> bool:
        data = self.extra.get(day.year)
        if data is not None:
            if day in data.worked:
                return True
            return day.weekday() < 5 and day not in data.off
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            raise missing_year(day.year) from None

    def roll_forward(self, day: date) -> date:
        """``day`` if it is a working day, else the next one: a statutory period whose last
        day is a 法定休假日 ends on the first day after it (民法典第二百零三条)."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (start itself not counted)."""
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count


def missing_year(year: int) -> ConfigError:
    return ConfigError(
        Problem(
            f"没有 {year} 年的节假日安排：chinesecalendar 只收录到 "
            f"{_library_last_year()} 年，{HOLIDAY_DIR}/{year}.yml 也不存在，无法计算工作日",
            path=f"{HOLIDAY_DIR}/{year}.yml",
            fix=f"按国务院办公厅关于 {year} 年部分节假日安排的通知，新建 {HOLIDAY_DIR}/{year}.yml，"
            f"写明“年份: {year}”、“{OFF_KEY}:”（放假日期，可写“{year}-10-01 至 {year}-10-07”）"
            f"和“{WORK_KEY}:”（调休上班的周末日期），格式见 {HOLIDAY_DIR}/README.md",
        )
    )


def _library_last_year() -> int:
    return max(chinese_calendar.holidays).year


def load_calendar(root: Path) -> WorkCalendar:
    """Read every hooks/holidays/<year>.yml under ``root``; all errors in one pass."""
    folder = Path(root) / HOLIDAY_DIR
    extra: dict[int, YearData] = {}
    problems: list[Problem] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.yml")):
            rel = f"{HOLIDAY_DIR}/{path.name}"
            try:
                raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:
                problems.append(
                    Problem(
                        f"无法读取（{exc}）", path=rel, fix=f"按 {HOLIDAY_DIR}/README.md 的格式改正"
                    )
                )
                continue
            data, found = parse_year(raw, path.stem, rel)
            problems.extend(found)
            if data is not None:
                extra[data.year] = data
    if problems:
        raise ConfigError(*problems)
    return WorkCalendar(extra)


def parse_year(raw: Any, stem: str, rel: str) -> tuple[YearData | None, list[Problem]]:
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        return None, [
            Problem(
                "应是一个映射（年份、放假、调休上班）",
                path=rel,
                fix=f"按 {HOLIDAY_DIR}/README.md 的示例书写",
            )
        ]
    year = raw.get("年份")
    if not isinstance(year, int) or str(year) != stem:
        problems.append(
            Problem(
                f"“年份”应为 {stem}（与文件名一致）",
                path=rel,
                key="年份",
                fix=f"写成“年份: {stem}”，文件名为 <年份>.yml",
            )
        )
        return None, problems
    off = _dates(raw.get(OFF_KEY), year, rel, OFF_KEY, problems)
    worked = _dates(raw.get(WORK_KEY) or [], year, rel, WORK_KEY, problems)
    for day in worked:
        if day.weekday() < 5:
            problems.append(
                Problem(
                    f"{day} 不是周末，不需要写成调休上班",
                    path=rel,
                    key=WORK_KEY,
                    fix="只列出需要上班的星期六、星期日",
                )
            )
    if not off:
        problems.append(
            Problem(
                "没有列出放假日期",
                path=rel,
                key=OFF_KEY,
                fix="按国务院办公厅通知列出元旦、春节等全部放假日期",
            )
        )
    return YearData(year, frozenset(off), frozenset(worked)), problems


def _dates(raw: Any, year: int, rel: str, key: str, problems: list[Problem]) -> set[date]:
    out: set[date] = set()
    if not isinstance(raw, list):
        problems.append(
            Problem(
                "应是日期列表",
                path=rel,
                key=key,
                fix=f"写成“{key}:”下每行“- {year}-10-01”或“- {year}-10-01 至 {year}-10-07”",
            )
        )
        return out
    for item in raw:
        if isinstance(item, date):
            days = [item]
        else:
            m = _RANGE.match(str(item))
            try:
                if m:
                    first, last = date.fromisoformat(_pad(m[1])), date.fromisoformat(_pad(m[2]))
                else:
                    first = last = date.fromisoformat(_pad(str(item).strip()))
            except ValueError:
                problems.append(
                    Problem(
                        f"“{item}”不是日期或日期范围",
                        path=rel,
                        key=key,
                        fix=f"写成 {year}-10-01 或 {year}-10-01 至 {year}-10-07",
                    )
                )
                continue
            if last < first:
                problems.append(Problem(f"“{item}”的结束日期早于开始日期", path=rel, key=key))
                continue
            days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        for day in days:
            if day.year != year:
                problems.append(
                    Problem(
                        f"{day} 不在 {year} 年",
                        path=rel,
                        key=key,
                        fix=f"{year}.yml 只写 {year} 年的日期",
                    )
                )
            else:
                out.add(day)
    return out


def _pad(text: str) -> str:
    y, m, d = text.split("-")
    return f"{y}-{int(m):02d}-{int(d):02d}"
