"""Working days on the official calendar, with 调休, and holiday files for later years."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from govsite.config.calendar import WorkCalendar, load_calendar
from govsite.errors import ConfigError

REPO = Path(__file__).resolve().parents[2]
D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        ("2025-09-26", True),  # Friday
        ("2025-09-27", False),  # Saturday
        ("2025-09-28", True),  # Sunday, worked (调休 for National Day)
        ("2025-09-30", True),
        ("2025-10-01", False),
        ("2025-10-03", False),
        ("2025-10-06", False),  # Monday, holiday
        ("2025-10-08", False),  # Wednesday, holiday
        ("2025-10-09", True),
        ("2025-10-11", True),  # Saturday, worked (调休)
        ("2025-10-12", False),
    ],
)
def test_national_day_2025(day: str, workday: bool) -> None:
    assert WorkCalendar().is_workday(D(day)) is workday


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2025-09-26", 1, "2025-09-28"),  # the 调休 Sunday counts
        ("2025-09-26", 3, "2025-09-30"),  # 28 (Sunday), 29, 30
        ("2025-09-26", 4, "2025-10-09"),  # then Oct 1–8 off
        ("2025-09-30", 1, "2025-10-09"),
        ("2025-10-09", 2, "2025-10-11"),  # Fri 10, Sat 11 (worked)
        ("2025-10-09", 3, "2025-10-13"),
        ("2025-06-02", 5, "2025-06-09"),  # an ordinary week
    ],
)
def test_add_workdays(start: str, n: int, expected: str) -> None:
    assert WorkCalendar().add_workdays(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-09-26", "2025-10-09", 4),  # 28, 29, 30, Oct 9
        ("2025-09-26", "2025-10-11", 6),  # + 10, 11
        ("2025-10-01", "2025-10-08", 0),
        ("2025-10-09", "2025-10-09", 0),
        ("2025-10-10", "2025-10-09", 0),
    ],
)
def test_workdays_between(start: str, end: str, expected: int) -> None:
    assert WorkCalendar().workdays_between(D(start), D(end)) == expected


MISSING_2027 = (
    "hooks/holidays/2027.yml: 没有 2027 年的节假日安排：chinesecalendar 只收录到 2026 年，"
    "hooks/holidays/2027.yml 也不存在，无法计算工作日。修改方法：按国务院办公厅关于 2027 年"
    "部分节假日安排的通知，新建 hooks/holidays/2027.yml，写明“年份: 2027”、“放假:”（放假日期，"
    "可写“2027-10-01 至 2027-10-07”）和“调休上班:”（调休上班的周末日期），"
    "格式见 hooks/holidays/README.md"
)

HOLIDAYS_2027 = """\
年份: 2027
放假:
  - 2027-01-01
  - 2027-10-01 至 2027-10-07
调休上班:
  - 2027-09-26
"""


def test_2027_unknown_then_added(tmp_path: Path) -> None:
    shutil.copytree(REPO / "hooks", tmp_path / "hooks")
    cal = load_calendar(tmp_path)
    with pytest.raises(ConfigError) as err:
        cal.is_workday(D("2027-03-01"))
    assert err.value.render() == MISSING_2027
    assert err.value.exit_code == 2

    (tmp_path / "hooks/holidays/2027.yml").write_text(HOLIDAYS_2027, encoding="utf-8")
    cal = load_calendar(tmp_path)
    assert cal.is_workday(D("2027-03-01"))
    assert not cal.is_workday(D("2027-01-01"))
    assert cal.is_workday(D("2027-09-26"))  # Sunday, worked
    assert not cal.is_workday(D("2027-10-04"))
    assert cal.add_workdays(D("2027-09-30"), 1) == D("2027-10-08")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "年份: 2026\n放假: [2027-01-01]\n",
            "hooks/holidays/2027.yml: 年份: “年份”应为 2027（与文件名一致）",
        ),
        (
            "年份: 2027\n放假: ['2027-13-01']\n",
            "hooks/holidays/2027.yml: 放假: “2027-13-01”不是日期或日期范围",
        ),
        ("年份: 2027\n放假: [2027-13-01]\n", "hooks/holidays/2027.yml: 无法读取（"),
        (
            "年份: 2027\n放假: [2027-01-01]\n调休上班: [2027-01-04]\n",
            "hooks/holidays/2027.yml: 调休上班: 2027-01-04 不是周末，不需要写成调休上班",
        ),
        (
            "年份: 2027\n放假: [2026-12-31]\n",
            "hooks/holidays/2027.yml: 放假: 2026-12-31 不在 2027 年",
        ),
    ],
)
def test_bad_holiday_file(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "hooks/holidays").mkdir(parents=True)
    (tmp_path / "hooks/holidays/2027.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_calendar(tmp_path)
    assert err.value.render().startswith(message)
