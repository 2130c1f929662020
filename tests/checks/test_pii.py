"""pii.* rules: the true and false positives of confidentiality.md, traps included."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsite.checks.runner import scan_text
from tests.checks.helpers import CARD, ID, ID_X, bad_card, bad_id, kinds, make_card, make_id, rules

FULLWIDTH = ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


@pytest.mark.parametrize(
    "text",
    [
        f"申请人张三，身份证号{ID}。",
        f"身份证号码：{ID_X}",
        f"身份证号码：{ID_X.lower()}",
        f"{ID[:6]} {ID[6:14]} {ID[14:]}",  # 6-8-4 with spaces
        f"公示名单：王五 {FULLWIDTH} 合格",  # full-width digits
        f"永久居留身份证 {make_id('91512519800101123')}",  # 2023 permanent-residence card
        "身份证号 15252219980306****",  # weakly masked: date visible
        "身份证号：152522680306051",  # 15-digit pre-1999 ID, 身份证 on the line
        f"| 姓名 | 身份证号 |\n|---|---|\n| 张三 | {ID} |",
    ],
)
def test_id_card_found(text: str) -> None:
    assert ("pii.id-card", "error") in {(r, s) for r, _, s in kinds(text)}


@pytest.mark.parametrize(
    "text",
    [
        "身份证号：152522********0519",  # properly de-identified
        "身份证号：152522****0306****",
        "身份证号：152522××××××××1213",
        "身份证号：152522＊＊＊＊＊＊＊＊0519",
        f"项目编号 {bad_id('15252219980306051')}",  # fails the check: project number
        "预算编码 152522202501010013 已下达",  # valid-looking date, wrong check
        "索引号：11152599MB0000011G/2025-00002",
        "统一社会信用代码 11152599MB0000011G",
        "营业执照注册号 152522000012345",  # 15 digits without 身份证: business number
        "示政办发〔2025〕8号",
        "合同金额 152,522,199,803 元",
        "2025年5月28日 10:30",
        f"编号 {make_id('15252218000306051')}",  # birth year 1800: not a real ID date
        f"编号 {make_id('99252219980306051')}",  # region 99 does not exist
    ],
)
def test_id_card_clean(text: str) -> None:
    assert "pii.id-card" not in rules(text)


def test_check_failing_number_next_to_id_word_is_a_warning() -> None:
    text = f"身份证号 {bad_id('15252219980306051')}"
    assert kinds(text) == [("pii.id-card", 1, "warning")]


def test_valid_id_is_not_also_a_bank_card() -> None:
    # A Luhn-valid ID number: reported as id-card only.
    from govsite.checks.idnumbers import is_valid_id18, luhn_ok

    candidates = (make_id(f"15252219900101{n:03d}") for n in range(1000))
    number = next(c for c in candidates if c.isdigit() and luhn_ok(c) and is_valid_id18(c))
    assert [r for r, _, _ in kinds(f"卡号 {number}")] == ["pii.id-card"]


@pytest.mark.parametrize(
    "text",
    [
        "联系人：李明，手机 13812345678",
        "采购代理机构联系人：王工 138-1234-5678",
        "+86 135 1234 5678",
        "电话：8613912345678",
        "手机：１３８１２３４５６７８",
        "工作人员 199 1234 5678 负责",
    ],
)
def test_mobile_found(text: str) -> None:
    assert rules(text) == {"pii.mobile"}


@pytest.mark.parametrize(
    "text",
    [
        "联系电话：138****5678",
        "账号 62220213812345678901234",  # embedded in a longer run
        "金额 13,812,345,678 元",  # thousands separators
        "咨询电话：0479-5212345",
        "12345 政务服务便民热线",
        "编号 11152599MB0000011G",
        "时间：20251112093000",
        "号段 12012345678",  # 120 is not a mobile prefix
    ],
)
def test_mobile_clean(text: str) -> None:
    assert "pii.mobile" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "原登记住宅电话：0479-5213386",
        "家庭电话 (0479)5218806",
        "办公电话：0479-5212345，住宅电话：0479-5213386",
        "| 姓名 | 住宅电话 |\n|---|---|\n| 张三 | 0479-5213386 |",
    ],
)
def test_landline_found(text: str) -> None:
    assert "pii.landline" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "咨询电话：0479-5212345",
        "联系人：王科长，办公电话：0479-5212345",
        "监督电话 0479-5218806；举报电话 12388",
        "值班电话：(0479)5213386，传真：0479-5213387",
        "服务热线 400-123-4567，95518",
        "县政府办公室 0479-5200000",
    ],
)
def test_landline_clean(text: str) -> None:
    assert "pii.landline" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        f"代发账号：{CARD}",
        f"公务卡号 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}",
        f"个人银行卡 {make_card('621700123456789012')}",
        f"收款人张三 {make_card('622202123456789')}",
    ],
)
def test_bank_card_found(text: str) -> None:
    assert rules(text) == {"pii.bank-card"}


@pytest.mark.parametrize(
    "text",
    [
        "银行卡号 6228 48** **** **** 172",
        "尾号1037 的银行卡",
        f"户名：示例县财政局\n开户行：农业银行示例县支行\n账号：{CARD}",  # Luhn-valid, organisation
        f"户名：示例县教育发展基金会\n账号：{CARD}",
        f"对公账户 {CARD}",
        f"代发账号 {bad_card('622848001234567890')}",  # fails Luhn
        "项目编号 1234567890123456",
    ],
)
def test_bank_card_clean(text: str) -> None:
    assert "pii.bank-card" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "联系人：张伟，邮箱：zhangwei1985@163.com",
        "申请人电子邮箱 wangmou@qq.com",
        "个人邮箱：li.ming@126.com",
    ],
)
def test_email_found(text: str) -> None:
    assert rules(text) == {"pii.email"}


@pytest.mark.parametrize(
    "text",
    [
        "县财政局邮箱：sxczj@163.com",
        "监督举报邮箱：sxjw@126.com",
        "来稿请发送至 zfb@shixian.gov.cn",
        "联系人：张伟，邮箱：z***@163.com",
        "投稿邮箱：sxxwb@163.com",
    ],
)
def test_email_clean(text: str) -> None:
    assert "pii.email" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "家庭住址：示例县人民路12号3单元501室",
        "现住址：示例县巴彦镇红旗嘎查三组15号",
        "户籍地址：示例县城关镇建设街7号楼2单元",
        "| 姓名 | 住址 |\n|---|---|\n| 张三 | 示例县新华街道幸福小区5栋302室 |",
    ],
)
def test_address_found(text: str) -> None:
    assert "pii.address" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "家庭住址：示例县巴彦镇红旗嘎查",  # cut to the village
        "住址：示例县新华街道",
        "办公地址：示例县人民路1号政府大楼3楼",
        "住所：示例县工业园区创业路8号（某某有限公司）",
        "坐落：示例县文化路12号（县图书馆）",
        "送达地址：示例县人民路1号县司法局",
        "经营场所：示例县商业街18号",
        "根据示政办发〔2025〕8号文件",
    ],
)
def test_address_clean(text: str) -> None:
    assert "pii.address" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "护照号码 E12345678",
        "护照 EA1234567",
        "持往来港澳通行证 C12345678",
        "往来台湾通行证 L12345678 入境",
        "回乡证 H12345678",
        "公务护照 SE1234567",
        "军官证 北字第1234567号",
    ],
)
def test_passport_found(text: str) -> None:
    assert "pii.passport" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "护照号码 L********",
        "办理往来港澳通行证需携带身份证",
        "合同编号 C20250001",
        "型号 G12345678 设备",
        "E12345678 号项目合同",
    ],
)
def test_passport_clean(text: str) -> None:
    assert "pii.passport" not in rules(text)


def test_finding_line_counts_from_the_top_and_message_masks_the_value() -> None:
    from govsite.checks.runner import scan_text

    found = scan_text(f"---\n标题: 名单\n---\n\n张三 {ID}\n", "content/zfb/x.md")
    assert [(f.rule, f.line, f.column) for f in found] == [("pii.id-card", 5, 4)]
    assert ID not in found[0].message
    assert found[0].message == "发现未脱敏的身份证号 1525**********0519"


# -- property tests ---------------------------------------------------------------------------

# Chinese text around the number: characters, full-width punctuation, spaces, line breaks.
_AROUND = st.text(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.sampled_from(list("，。：；、（）“”《》 \n\u3000")),
    ),
    max_size=12,
)
_ids = st.builds(
    lambda region, date, seq: make_id(f"{region}{date:%Y%m%d}{seq:03d}"),
    st.sampled_from(
        ["110105", "152522", "152501", "440305", "650102", "710000", "810000", "915125"]
    ),
    st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(0, 999),
)
_WIDE = {ord(c): ord(c) + 0xFEE0 for c in "0123456789X"}


def _shape(number: str, shape: str) -> str:
    if shape == "spaced":
        return f"{number[:6]} {number[6:14]} {number[14:]}"
    if shape == "full-width":
        return number.translate(_WIDE)
    if shape == "lower":
        return number.lower()
    return number


@settings(max_examples=300, deadline=None)
@given(
    before=_AROUND,
    number=_ids,
    after=_AROUND,
    shape=st.sampled_from(["plain", "spaced", "full-width", "lower"]),
)
def test_every_checksum_valid_id_is_found(before: str, number: str, after: str, shape: str) -> None:
    found = scan_text(before + _shape(number, shape) + after, "t.md")
    assert [(f.rule, f.severity) for f in found if f.rule.startswith("pii.")] == [
        ("pii.id-card", "error")
    ]


@settings(max_examples=300, deadline=None)
@given(
    before=_AROUND,
    number=_ids,
    after=_AROUND,
    mark=st.sampled_from(["*", "＊", "×"]),
    masked=st.sets(st.integers(0, 17), min_size=8, max_size=18),
)
def test_every_properly_masked_id_is_clean(
    before: str, number: str, after: str, mark: str, masked: set[int]
) -> None:
    text = "".join(mark if i in masked else ch for i, ch in enumerate(number))
    found = scan_text(before + text + after, "t.md")
    assert [f.rule for f in found if f.rule.startswith("pii.")] == []


@pytest.mark.parametrize(
    "text",
    [
        "全年实现住房保障对象应保尽保，改造危房12户，涉及幸福小区3号楼。",
        "| 序号 | 姓名 | 联系电话 |\n|---|---|---|\n| 1 | 张* | 0479-5212345 |",
        "考生须持本人居民身份证、准考证参加考试。准考证号：2025010203",
    ],
)
def test_public_notices_are_clean(text: str) -> None:
    assert not {r for r in rules(text) if r.startswith("pii.")}


# -- records in tables and lists: the row decides, not the lines above -----------------------

ORG_CARD = make_card("622848009876543210")
STAFF_CARD = make_card("436742001234567890")


def _spaced(number: str) -> str:
    return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        # A personal card on a row beside companies' 对公账户 rows.
        (
            f"| 序号 | 收款单位（人） | 账户 | 账号 |\n|---|---|---|---|\n"
            f"| 1 | 示例县宏达建筑工程有限公司 | 对公账户 | {ORG_CARD} |\n"
            f"| 2 | 示例县绿源物业服务有限公司 | 对公账户 | {CARD} |\n"
            f"| 3 | 张三 | 个人银行卡 | {make_card('621700123456789012')} |",
            [5],
        ),
        # 公务卡 lists of named staff, digits in groups, under a title.
        (
            f"示例县财政局公务卡持卡人名单\n\n张三　财务股　{_spaced(STAFF_CARD)}\n"
            f"李四　办公室　{_spaced(STAFF_CARD)}\n王五　综合股　{_spaced(STAFF_CARD)}",
            [3, 4, 5],
        ),
        (
            f"| 姓名 | 科室 | 公务卡号 |\n|---|---|---|\n| 张三 | 财务股 | {_spaced(STAFF_CARD)} |",
            [3],
        ),
        # Running text naming a company, the card is the person's.
        (f"该公司法定代表人张三将工程款转入其个人银行卡{make_card('621700123456789012')}。", [1]),
    ],
)
def test_personal_card_in_a_record_is_found(text: str, lines: list[int]) -> None:
    assert [line for rule, line, _ in kinds(text) if rule == "pii.bank-card"] == lines


@pytest.mark.parametrize(
    "text",
    [
        f"| 序号 | 户名 | 开户行 | 账号 |\n|---|---|---|---|\n| 1 | 示例县财政局 | 农业银行示例县支行 | {ORG_CARD} |",
        f"| 户名 | 账号 |\n|---|---|\n| 示例县惠民农牧业专业合作社 | {ORG_CARD} |",
        f"户名：示例县宏达建筑工程有限公司　账号：{ORG_CARD}",
    ],
)
def test_organisation_account_on_its_own_row_is_clean(text: str) -> None:
    assert "pii.bank-card" not in rules(text)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "示例县教育局2025年公开招聘教师拟录用人员名单\n"
            "1. 张三，女，1998年生，报考岗位：小学语文，邮箱：zs1998@qq.com\n"
            "2. 李四，男，1997年生，报考岗位：小学数学，邮箱：ls1997@163.com",
            [2, 3],
        ),
        (
            "| 序号 | 姓名 | 报考岗位 | 报名邮箱 |\n|---|---|---|---|\n| 1 | 张三 | 综合管理 | zhangsan98@163.com |",
            [3],
        ),
    ],
)
def test_candidates_emails_are_personal(text: str, lines: list[int]) -> None:
    assert [line for rule, line, _ in kinds(text) if rule == "pii.email"] == lines


def test_office_mailbox_in_a_table_of_offices_is_clean() -> None:
    text = "| 单位 | 联系人 | 邮箱 |\n|---|---|---|\n| 县财政局 | 张科长 | sxczj@163.com |"
    assert "pii.email" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "| 姓名 | 家庭住址 |\n|---|---|\n| 张三 | 巴彦镇红旗嘎查三组15号 |",
        "| 序号 | 姓名 | 性别 | 住址 | 补贴金额（元） |\n|---|---|---|---|---|\n| 1 | 张三 | 男 | 示例县人民路12号3单元501室 | 1200 |",
        "现居住地：示例县新华街道幸福小区3号楼2单元401",
    ],
)
def test_house_level_address_under_an_address_header(text: str) -> None:
    assert "pii.address" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "游客可登录www.xxlyjq.com预订门票",
        "详情请访问www.xxlyjq.cn。",
    ],
)
def test_bare_www_domain_after_chinese_is_a_link(text: str) -> None:
    assert "ad.commercial-link" in rules(text)


def test_worksheet_rows_are_records() -> None:
    from govsite.checks.runner import _default_lists, check_attachment
    from tests.checks.test_attachments import xlsx

    personal = make_card("621700123456789012")

    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.title = "支付明细"
        ws.append(["序号", "收款单位（人）", "账户性质", "账号"])
        ws.append([1, "示例县宏达建筑工程有限公司", "对公账户", ORG_CARD])
        ws.append([2, "示例县绿源物业服务有限公司", "对公账户", CARD])
        ws.append([3, "张三", "个人银行卡", personal])
        ws.append([4, "示例县财政局", "", ORG_CARD])

    found = check_attachment(xlsx(build), "支付明细.xlsx", _default_lists())
    assert [(f.rule, f.location) for f in found] == [("pii.bank-card", "支付明细!D4")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A number valid as an ID and as a credit code: only a 信用代码 label exempts it.
        ("440305198708291840信用代码", True),
        ("张三 440305198708291840，单位统一社会信用代码见附件", True),
        ("统一社会信用代码：440305198708291840", False),
        ("| 名称 | 统一社会信用代码 |\n|---|---|\n| 某公司 | 440305198708291840 |", False),
    ],
)
def test_credit_code_exemption_needs_the_label(text: str, found: bool) -> None:
    assert ("pii.id-card" in rules(text)) is found
