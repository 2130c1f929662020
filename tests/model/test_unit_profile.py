"""机构概况.yml validation (pure): Chinese errors naming key paths and lines."""

from __future__ import annotations

import pytest

from govsite.config.schema import parse_yaml
from govsite.model.unit_profile import validate

GOOD = """主要职责:
  - 拟订规划。
办公地址: 人民路1号
办公时间: 工作日
联系电话: 0479-5200016
领导:
  - 姓名: 李明远
    职务: 主任
    分工: 主持全面工作。
"""
PATH = "content/zfb/机构概况.yml"


def problems(text: str) -> list[str]:
    data, lines = parse_yaml(text, PATH)
    profile, found = validate(data, lines, PATH, "zfb")
    assert (profile is None) == bool(found)
    return [p.render() for p in found]


def test_good_profile() -> None:
    data, lines = parse_yaml(GOOD, PATH)
    profile, found = validate(data, lines, PATH, "zfb")
    assert found == [] and profile is not None
    assert profile.leaders[0].name == "李明远" and profile.duties == ("拟订规划。",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("    职务: 主任\n", ""),
            [f"{PATH}:7: 领导[0].职务: 缺少“职务”。修改方法：填写职务"],
        ),  # the item's line
        (
            GOOD.replace("    分工: 主持全面工作。\n", "    分工: 主持全面工作。\n    电话: 1\n"),
            [
                f"{PATH}:10: 领导[0].电话: 未知的键“电话”。修改方法：可用的键：姓名、职务、分工、照片、简历"
            ],
        ),
        (
            GOOD.replace("联系电话: 0479-5200016\n", ""),
            [f"{PATH}: 联系电话: 缺少“联系电话”。修改方法：填写“联系电话: …”（条例第二十条）"],
        ),
        (
            GOOD + "内设机构:\n  - 职责: 收发文件\n",
            [f"{PATH}:11: 内设机构[0].名称: 缺少“名称”。修改方法：填写机构名称"],
        ),
        (
            GOOD.replace(
                "    分工: 主持全面工作。\n", "    分工: 主持全面工作。\n    照片: ../a.jpg\n"
            ),
            [
                f"{PATH}:10: 领导[0].照片: 照片“../a.jpg”应是与机构概况.yml 同目录的图片文件名。"
                "修改方法：只写文件名，格式为 .jpg、.jpeg、.png、.webp"
            ],
        ),
        (
            "- 甲\n",
            [
                f"{PATH}: 机构概况应是一个映射（主要职责、内设机构、办公地址、办公时间、联系电话、领导）。"
                "修改方法：参照 docs/编辑指南.md“机构概况”一节的示例书写"
            ],
        ),
    ],
)
def test_bad_profile(text: str, expected: list[str]) -> None:
    assert problems(text) == expected
