"""A labelled corpus for 保密审查: county-government texts with and without personal data.

Each document says which findings it must produce, as (rule, line) pairs (for a
.csv attachment the line is the row). At least half of the documents are clean
look-alikes: office phones and hotlines, project and budget numbers, 信用代码,
organisations' accounts (some Luhn-valid), venues and office addresses, masked
values, office mailboxes, 保密宣传 quoting a marking, regulations that forbid
gambling. Deterministic for a seed.

    .venv/bin/python benchmarks/pii_corpus.py            # precision/recall per kind
    .venv/bin/python benchmarks/pii_corpus.py --out DIR  # also write the documents

The figures are recorded in benchmarks/README.md; tests/checks/test_corpus.py holds
the thresholds.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from govsite.checks.idnumbers import check_character, luhn_ok  # noqa: E402

KINDS = (
    "pii.id-card",
    "pii.mobile",
    "pii.landline",
    "pii.bank-card",
    "pii.email",
    "pii.address",
    "pii.passport",
    "secret.classified-marking",
    "secret.not-for-publication",
    "ad.commercial-link",
    "ad.prohibited-content",
)
# Recall must be 1.00 on these (issue 11): a miss here is a leak.
MUST_FIND = (
    "pii.id-card",
    "pii.mobile",
    "pii.bank-card",
    "secret.classified-marking",
    "secret.not-for-publication",
)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文海波宁春雪峰琳斌婷"
UNITS = [
    "县财政局",
    "县教育局",
    "县民政局",
    "县人力资源和社会保障局",
    "县农牧局",
    "县卫生健康委员会",
    "县自然资源局",
    "县住房和城乡建设局",
    "县市场监督管理局",
    "县政务服务与数据管理局",
]
TOWNS = ["巴彦镇", "城关镇", "新华街道", "红旗苏木", "白音嘎查", "阿拉坦镇"]
STREETS = ["人民路", "建设街", "文化路", "团结路", "新华街", "幸福路"]
COMPANIES = [
    "示例县宏达建筑工程有限公司",
    "示例县绿源物业服务有限公司",
    "内蒙古草原印务有限责任公司",
    "示例县惠民农牧业专业合作社",
    "示例县天诚会计师事务所",
]
BANKS = [
    "中国农业银行示例县支行",
    "中国工商银行示例县支行",
    "内蒙古农村信用社示例县联社",
    "中国建设银行示例县支行",
]
MOBILE_PREFIXES = ["138", "139", "150", "151", "158", "186", "187", "135", "177", "199", "153"]
REGIONS = ["152522", "152501", "152502", "152523", "150102", "110105", "130102"]


@dataclass
class Doc:
    name: str
    text: str
    expected: set[tuple[str, int]] = field(default_factory=set)

    @property
    def clean(self) -> bool:
        return not self.expected


class Writer:
    """Lines of a document, remembering which line holds what must be found."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.expected: set[tuple[str, int]] = set()

    def add(self, line: str, *kinds: str) -> None:
        self.lines.append(line)
        for kind in kinds:
            self.expected.add((kind, len(self.lines)))

    def doc(self, name: str) -> Doc:
        return Doc(name, "\n".join(self.lines) + "\n", self.expected)


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def person(self) -> str:
        return self.r.choice(SURNAMES) + "".join(
            self.r.choice(GIVEN) for _ in range(self.r.choice((1, 2)))
        )

    def birth(self) -> date:
        return date(1950, 1, 1) + timedelta(days=self.r.randrange(0, 365 * 55))

    def id_card(self) -> str:
        first = f"{self.r.choice(REGIONS)}{self.birth():%Y%m%d}{self.r.randrange(1000):03d}"
        return first + check_character(first)

    def bad_id(self) -> str:
        good = self.id_card()
        return good[:17] + ("0" if good[17] != "0" else "1")

    def bad_budget_code(self) -> str:
        first = f"152522{self.r.randrange(2024, 2027)}0101{self.r.randrange(100, 999)}"
        good = check_character(first)
        return first + self.r.choice([c for c in "0123456789" if c != good])

    def mobile(self) -> str:
        return self.r.choice(MOBILE_PREFIXES) + f"{self.r.randrange(10**8):08d}"

    def office_phone(self) -> str:
        return f"0479-52{self.r.randrange(10**5):05d}"

    def card(self, prefix: str | None = None) -> str:
        prefix = prefix or self.r.choice(["622848", "621700", "622202", "436742", "625965"])
        body = prefix + "".join(str(self.r.randrange(10)) for _ in range(18 - len(prefix)))
        return next(body + d for d in "0123456789" if luhn_ok(body + d))

    def spaced(self, number: str) -> str:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))

    def masked_id(self) -> str:
        number = self.id_card()
        return number[:6] + "********" + number[14:]

    def masked_mobile(self) -> str:
        number = self.mobile()
        return number[:3] + "****" + number[7:]

    def house(self) -> str:
        return (
            f"示例县{self.r.choice(TOWNS)}{self.r.choice(STREETS)}{self.r.randrange(1, 200)}号"
            f"{self.r.randrange(1, 12)}单元{self.r.randrange(1, 7)}0{self.r.randrange(1, 4)}室"
        )

    def village_house(self) -> str:
        return (
            f"示例县{self.r.choice(TOWNS)}{self.r.choice(['红旗', '团结', '前进'])}嘎查"
            f"{self.r.choice('一二三四')}组{self.r.randrange(1, 60)}号"
        )

    def local_mail(self) -> str:
        return self.r.choice(["zhang", "li", "wang", "liu", "chen", "yang"]) + str(
            self.r.randrange(1970, 2005)
        )

    def unit(self) -> str:
        return self.r.choice(UNITS)

    def day(self) -> str:
        d = date(2025, 1, 1) + timedelta(days=self.r.randrange(0, 600))
        return f"{d.year}年{d.month}月{d.day}日"

    # -- documents with findings ---------------------------------------------------------------

    def id_list(self, i: int) -> Doc:
        w = Writer()
        w.add(f"# {self.unit()}2025年城乡居民最低生活保障对象公示")
        w.add("")
        w.add("| 序号 | 姓名 | 身份证号 | 保障人数 | 月保障金（元） |")
        w.add("|---|---|---|---|---|")
        leak = self.r.randrange(1, 6)
        for n in range(1, 7):
            number = self.id_card() if n == leak else self.masked_id()
            shape = self.r.choice(["plain", "spaced", "wide"]) if n == leak else "plain"
            if shape == "spaced":
                number = f"{number[:6]} {number[6:14]} {number[14:]}"
            elif shape == "wide":
                number = number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789X"})
            kinds = ("pii.id-card",) if n == leak else ()
            w.add(
                f"| {n} | {self.person()} | {number} | {self.r.randrange(1, 5)} | "
                f"{self.r.randrange(300, 900)} |",
                *kinds,
            )
        w.add("")
        w.add(f"公示期为7天，监督电话：{self.office_phone()}。")
        return w.doc(f"id-list-{i}.md")

    def id_text(self, i: int) -> Doc:
        w = Writer()
        w.add(f"# 关于{self.person()}申请行政复议的决定")
        w.add("")
        number = self.id_card()
        how = self.r.choice(
            [
                "申请人：{p}，男，{y}年出生，身份证号{n}。",
                "被申请人{p}（公民身份号码：{n}）",
                "{p}，身份证号码 {n}，住示例县。",
            ]
        )
        w.add(how.format(p=self.person(), y=self.r.randrange(1960, 2000), n=number), "pii.id-card")
        w.add("")
        w.add(f"本机关于{self.day()}受理。")
        if self.r.random() < 0.4:
            weak = self.id_card()[:14] + "****"
            w.add(f"第三人身份证号：{weak}", "pii.id-card")
        return w.doc(f"id-text-{i}.md")

    def mobile_contact(self, i: int) -> Doc:
        w = Writer()
        w.add(f"# {self.unit()}关于开展2026年春季植树活动的通知")
        w.add("")
        w.add("各苏木镇、县直各部门：")
        w.add("")
        w.add("现将有关事项通知如下。")
        number = self.mobile()
        shape = self.r.choice(
            [
                number,
                f"{number[:3]}-{number[3:7]}-{number[7:]}",
                f"+86 {number[:3]} {number[3:7]} {number[7:]}",
                f"{number[:3]} {number[3:7]} {number[7:]}",
            ]
        )
        w.add("")
        w.add(
            f"联系人：{self.person()}，联系电话：{self.office_phone()}，手机：{shape}", "pii.mobile"
        )
        return w.doc(f"mobile-contact-{i}.md")

    def mobile_table(self, i: int) -> Doc:
        w = Writer()
        w.add("# 2026年度防汛抗旱责任人名单")
        w.add("")
        w.add("| 单位 | 责任人 | 职务 | 联系电话 |")
        w.add("|---|---|---|---|")
        leak = self.r.randrange(0, 4)
        for n in range(4):
            if n == leak:
                w.add(f"| {self.unit()} | {self.person()} | 局长 | {self.mobile()} |", "pii.mobile")
            else:
                w.add(f"| {self.unit()} | {self.person()} | 副局长 | {self.office_phone()} |")
        return w.doc(f"mobile-table-{i}.md")

    def card_payroll(self, i: int) -> Doc:
        w = Writer()
        w.add(f"# {self.r.choice(TOWNS)}2025年草原生态保护补助奖励资金发放明细")
        w.add("")
        w.add("| 序号 | 户主姓名 | 代发账号 | 金额（元） |")
        w.add("|---|---|---|---|")
        leak = self.r.randrange(1, 5)
        for n in range(1, 5):
            if n == leak:
                w.add(
                    f"| {n} | {self.person()} | {self.card()} | {self.r.randrange(1000, 9000)} |",
                    "pii.bank-card",
                )
            else:
                w.add(
                    f"| {n} | {self.person()} | 6228 48** **** **** {self.r.randrange(100, 999)}"
                    f" | {self.r.randrange(1000, 9000)} |"
                )
        return w.doc(f"card-payroll-{i}.md")

    def card_procurement(self, i: int) -> Doc:
        """A personal card on a row beside companies' 对公账户 rows."""
        w = Writer()
        w.add(f"# {self.unit()}2025年度零星采购资金支付情况")
        w.add("")
        w.add("| 序号 | 收款单位（人） | 账户性质 | 开户银行 | 账号 |")
        w.add("|---|---|---|---|---|")
        rows = [(c, "对公账户", self.card("622848")) for c in self.r.sample(COMPANIES, 3)]
        pos = self.r.randrange(1, 4)
        rows.insert(pos, (self.person(), self.r.choice(["个人银行卡", "个人账户"]), self.card()))
        for n, (who, kind, number) in enumerate(rows, 1):
            kinds = ("pii.bank-card",) if n == pos + 1 else ()
            w.add(f"| {n} | {who} | {kind} | {self.r.choice(BANKS)} | {number} |", *kinds)
        return w.doc(f"card-procurement-{i}.md")

    def card_official(self, i: int) -> Doc:
        """公务卡 list of named staff, digits in groups of four."""
        w = Writer()
        w.add(f"# {self.unit()}公务卡持卡人变更情况")
        w.add("")
        w.add("公务卡持卡人名单如下：")
        w.add("")
        for _ in range(self.r.randrange(2, 5)):
            w.add(
                f"{self.person()}　{self.r.choice(['办公室', '财务股', '综合股'])}　"
                f"{self.spaced(self.card(self.r.choice(['625965', '436742', '622700'])))}",
                "pii.bank-card",
            )
        return w.doc(f"card-official-{i}.md")

    def landline(self, i: int) -> Doc:
        w = Writer()
        w.add("# 关于送达行政处罚决定书的公告")
        w.add("")
        w.add(f"当事人{self.person()}：因无法联系，现依法公告送达。")
        w.add(f"当事人原登记住宅电话：0479-52{self.r.randrange(10**5):05d}", "pii.landline")
        w.add(f"咨询电话：{self.office_phone()}")
        return w.doc(f"landline-{i}.md")

    def email_candidates(self, i: int) -> Doc:
        w = Writer()
        w.add(f"# {self.unit()}2025年公开招聘工作人员拟聘用人员公示")
        w.add("")
        if self.r.random() < 0.5:
            w.add("| 序号 | 姓名 | 性别 | 报考岗位 | 报名邮箱 |")
            w.add("|---|---|---|---|---|")
            for n in range(1, 4):
                w.add(
                    f"| {n} | {self.person()} | {self.r.choice('男女')} | 综合管理 | "
                    f"{self.local_mail()}@{self.r.choice(['qq.com', '163.com', '126.com'])} |",
                    "pii.email",
                )
        else:
            for n in range(1, 4):
                w.add(
                    f"{n}. {self.person()}，{self.r.choice('男女')}，{self.r.randrange(1990, 2003)}"
                    f"年生，报考岗位：专业技术，邮箱：{self.local_mail()}@qq.com",
                    "pii.email",
                )
        w.add("")
        w.add(f"监督电话：{self.office_phone()}；监督邮箱：sxrsj@163.com（县人社局）")
        return w.doc(f"email-candidates-{i}.md")

    def address(self, i: int) -> Doc:
        w = Writer()
        w.add("# 2025年农村牧区危房改造对象公示")
        w.add("")
        if self.r.random() < 0.5:
            w.add(
                f"| 序号 | 姓名 | {self.r.choice(['住址', '家庭住址', '现住址'])} | 补助金额（元） |"
            )
            w.add("|---|---|---|---|")
            for n in range(1, 4):
                w.add(
                    f"| {n} | {self.person()} | {self.r.choice([self.house(), self.village_house()])}"
                    f" | {self.r.randrange(5000, 30000)} |",
                    "pii.address",
                )
        else:
            w.add(f"申请人{self.person()}，家庭住址：{self.house()}。", "pii.address")
        return w.doc(f"address-{i}.md")

    def passport(self, i: int) -> Doc:
        w = Writer()
        w.add("# 因公出国（境）人员公示")
        w.add("")
        w.add(
            f"{self.person()}，{self.unit()}干部，护照号码 E{self.r.randrange(10**8):08d}。",
            "pii.passport",
        )
        return w.doc(f"passport-{i}.md")

    def marking(self, i: int) -> Doc:
        w = Writer()
        head = self.r.choice(
            [
                f"{self.r.randrange(1, 999999):06d}　机密★1年　特急",
                "密级：秘密★1年",
                "秘密★3年",
                "**绝密★长期**",
                "工作秘密，不得外传",
                "内部资料，注意保存",
                "机密★2026年12月31日",
                "秘 密 ★ 2 年",
            ]
        )
        w.add(head, "secret.classified-marking")
        w.add("")
        w.add(f"# {self.unit()}关于做好重点人员稳控工作的通知")
        w.add("")
        w.add("各苏木镇：")
        w.add("现将有关要求通知如下。")
        return w.doc(f"marking-{i}.md")

    def not_public(self, i: int) -> Doc:
        w = Writer()
        if self.r.random() < 0.5:
            w.add("---")
            w.add("标题: 关于调整干部职务的通知")
            w.add(
                "公开方式: " + self.r.choice(["不予公开", "免予公开（涉及个人隐私）"]),
                "secret.not-for-publication",
            )
            w.add("---")
            w.add("")
            w.add("经研究决定，调整以下干部职务。")
        else:
            w.add("# 关于调整干部职务的通知")
            w.add("")
            w.add("经研究决定，调整以下干部职务。")
            w.add("")
            w.add(
                self.r.choice(["（此件不予公开）", "（此件不公开）", "公开属性：不予公开"]),
                "secret.not-for-publication",
            )
        return w.doc(f"not-public-{i}.md")

    def link(self, i: int) -> Doc:
        w = Writer()
        w.add("# 示例县文化旅游节活动安排")
        w.add("")
        host = self.r.choice(["xxlyjq", "caoyuanlv", "naadam-tour", "shop-mall"])
        w.add(
            self.r.choice(
                [
                    f"游客可登录www.{host}.com预订门票。",
                    f"详见 https://{host}.com.cn/activity 。",
                    f"[点击报名](https://item.taobao.com/item.htm?id={self.r.randrange(10**9)})",
                ]
            ),
            "ad.commercial-link",
        )
        return w.doc(f"link-{i}.md")

    def spam(self, i: int) -> Doc:
        w = Writer()
        w.add("# 示例县召开2026年优化营商环境工作会议")
        w.add("")
        w.add("会议强调，要持续优化营商环境。")
        w.add(
            self.r.choice(
                [
                    '<div id="h4sia">澳门百家乐 真人视频 时时彩 北京赛车</div>',
                    "365bet体育官网平台 注册推荐码8888",
                    "开云体育app下载 首存送100元彩金",
                    '<p style="display:none">澳门新葡京娱乐城</p>',
                ]
            ),
            "ad.prohibited-content",
        )
        return w.doc(f"spam-{i}.md")

    def card_csv(self, i: int) -> Doc:
        """A .csv attachment: rows of companies and one person (line = row)."""
        w = Writer()
        w.add("序号,收款人,账户类型,账号")
        pos = self.r.randrange(2, 5)
        for n in range(2, 6):
            if n == pos:
                w.add(f"{n - 1},{self.person()},个人银行卡,{self.card()}", "pii.bank-card")
            else:
                w.add(f"{n - 1},{self.r.choice(COMPANIES)},对公账户,{self.card('622848')}")
        return w.doc(f"card-attachment-{i}.csv")

    def hard_mixed(self, i: int) -> Doc:
        """Personal data inside running text that also names organisations."""
        w = Writer()
        w.add(f"# 关于{self.r.choice(COMPANIES)}拖欠农民工工资问题的处理情况通报")
        w.add("")
        w.add(
            f"经核实，该公司法定代表人{self.person()}将工程款{self.r.randrange(10, 90)}万元转入其"
            f"个人银行卡{self.card('621700')}。",
            "pii.bank-card",
        )
        w.add(f"该公司对公账户为{self.card('622848')}（户名：{self.r.choice(COMPANIES)}）。")
        w.add(
            f"现居住地：{self.r.choice(TOWNS)}幸福小区{self.r.randrange(1, 20)}号楼"
            f"{self.r.randrange(1, 6)}单元{self.r.randrange(1, 6)}01",
            "pii.address",
        )
        w.add(f"项目负责人{self.person()}（{self.mobile()}）已被约谈。", "pii.mobile")
        return w.doc(f"hard-mixed-{i}.md")

    def id_csv(self, i: int) -> Doc:
        w = Writer()
        w.add("序号,姓名,身份证号码,补贴金额")
        for n in range(2, 5):
            w.add(
                f"{n - 1},{self.person()},{self.id_card()},{self.r.randrange(500, 3000)}",
                "pii.id-card",
            )
        return w.doc(f"id-attachment-{i}.csv")

    # -- clean look-alikes ---------------------------------------------------------------------

    def clean_notice(self, i: int) -> Doc:
        w = Writer()
        w.add(f"# {self.unit()}关于开展安全生产大检查的通知")
        w.add("")
        w.add(
            f"咨询电话：{self.office_phone()}，值班电话：{self.office_phone()}，"
            "投诉举报请拨打12345政务服务便民热线。"
        )
        w.add(
            f"联系人：{self.person()}，办公电话：{self.office_phone()}，手机：{self.masked_mobile()}"
        )
        w.add(f"邮箱：{self.r.choice(['sxczj', 'sxjyj', 'sxmzj'])}@163.com（{self.unit()}办公室）")
        w.add(f"地址：示例县{self.r.choice(STREETS)}1号政府大楼{self.r.randrange(2, 6)}楼")
        return w.doc(f"clean-notice-{i}.md")

    def clean_project(self, i: int) -> Doc:
        w = Writer()
        w.add("# 2026年政府投资项目计划")
        w.add("")
        w.add("| 项目编号 | 项目名称 | 总投资（万元） |")
        w.add("|---|---|---|")
        for _ in range(4):
            w.add(
                f"| {self.bad_id()} | {self.r.choice(STREETS)}改造工程 | "
                f"{self.r.randrange(100, 9000):,} |"
            )
        w.add("")
        w.add("统一社会信用代码：11152522MB1234567X，索引号：11152522MB0000011G/2026-00012")
        # A budget code with a real region and date that fails the ID check (confidentiality.md:
        # clean); one that passed the check would be reported, by design.
        w.add(f"预算编码 {self.bad_budget_code()} 已下达。")
        w.add(f"合同金额 {self.r.randrange(10**9, 10**10):,} 元。")
        return w.doc(f"clean-project-{i}.md")

    def clean_account(self, i: int) -> Doc:
        w = Writer()
        w.add("# 关于缴纳2026年度城乡居民医疗保险费的通告")
        w.add("")
        if self.r.random() < 0.5:
            w.add(f"户名：{self.unit()}")
            w.add(f"开户行：{self.r.choice(BANKS)}")
            w.add(f"账号：{self.card('622848')}")
        else:
            w.add("| 户名 | 开户银行 | 账号 |")
            w.add("|---|---|---|")
            for c in self.r.sample(COMPANIES, 2):
                w.add(f"| {c} | {self.r.choice(BANKS)} | {self.card('622848')} |")
        w.add("")
        w.add(f"咨询电话：{self.office_phone()}")
        return w.doc(f"clean-account-{i}.md")

    def clean_venue(self, i: int) -> Doc:
        w = Writer()
        w.add("# 2026年示例县那达慕大会公告")
        w.add("")
        w.add(f"时间：{self.day()} 9:30")
        w.add(f"地点：示例县{self.r.choice(STREETS)}{self.r.randrange(1, 99)}号（县体育中心）")
        w.add(
            f"住所：示例县工业园区创业路{self.r.randrange(1, 30)}号（{self.r.choice(COMPANIES)}）"
        )
        w.add(f"办公地址：示例县{self.r.choice(STREETS)}1号政府大楼3楼")
        w.add("住宿：示例县宾馆，地址：示例县人民路8号。")
        w.add("详见[示例县人民政府网](https://www.shixian.gov.cn/)和 www.news.cn 的报道。")
        return w.doc(f"clean-venue-{i}.md")

    def clean_masked(self, i: int) -> Doc:
        w = Writer()
        w.add("# 2025年临时救助对象公示")
        w.add("")
        w.add("| 序号 | 姓名 | 身份证号 | 联系电话 | 银行卡号 |")
        w.add("|---|---|---|---|---|")
        for n in range(1, 5):
            w.add(
                f"| {n} | {self.person()[0]}* | {self.masked_id()} | {self.masked_mobile()} | "
                f"尾号{self.r.randrange(1000, 9999)} |"
            )
        w.add("")
        w.add("考生须持本人居民身份证、准考证参加考试。准考证号：2025010203")
        return w.doc(f"clean-masked-{i}.md")

    def clean_secret_talk(self, i: int) -> Doc:
        w = Writer()
        w.add("# 保密宣传月：这些保密常识要知道")
        w.add("")
        w.add(
            "文件标注“秘密★1年”的，不得上网发布；严禁在互联网上存储、处理绝密、机密、秘密级文件。"
        )
        w.add("加强内部控制，完善内部资料管理制度，坚决保守国家秘密和工作秘密。")
        w.add("本年度不予公开的申请共 3 件，主要原因是属于国家秘密。")
        w.add("| 处理结果 | 件数 |")
        w.add("|---|---|")
        w.add("| 不予公开 | 3 |")
        return w.doc(f"clean-secret-talk-{i}.md")

    def clean_rules(self, i: int) -> Doc:
        w = Writer()
        w.add("# 示例县政府网站管理办法")
        w.add("")
        w.add("第一条　网站不得发布或链接反动、暴力、色情等内容。")
        w.add("第二条　禁止发布色情、赌博信息，严厉打击网络赌博。")
        w.add(
            f"2025年全县查处赌博案件{self.r.randrange(5, 30)}起，"
            "开展扫黄打非专项行动，清理色情、赌博等有害信息2300余条。"
        )
        w.add("第三条　本办法所称赌博，是指以营利为目的聚众赌博的行为。")
        return w.doc(f"clean-rules-{i}.md")

    def clean_hard(self, i: int) -> Doc:
        w = Writer()
        w.add("# 示例县政务服务中心办事指南")
        w.add("")
        w.add(f"户名：{self.r.choice(COMPANIES)}　账号：{self.card('622848')}")
        w.add("服务热线 400-123-4567，95518；时间：20251112093000。")
        w.add("合同编号 C20250001，设备型号 G12345678。")
        w.add("电子邮箱：xzfw@shixian.gov.cn；投稿邮箱：sxxwb@163.com。")
        w.add("| 值班日期 | 值班领导 | 值班电话 |")
        w.add("|---|---|---|")
        for _ in range(3):
            w.add(f"| {self.day()} | {self.person()} | {self.office_phone()} |")
        w.add(f"全年改造危房{self.r.randrange(5, 40)}户，涉及幸福小区3号楼。")
        w.add("办理往来港澳通行证需携带身份证。")
        return w.doc(f"clean-hard-{i}.md")

    def clean_csv(self, i: int) -> Doc:
        w = Writer()
        w.add("序号,户名,开户银行,账号")
        for n in range(1, 4):
            w.add(f"{n},{self.r.choice(COMPANIES)},{self.r.choice(BANKS)},{self.card('622848')}")
        return w.doc(f"clean-account-{i}.csv")


POSITIVE: tuple[tuple[str, int], ...] = (
    ("id_list", 12),
    ("id_text", 12),
    ("mobile_contact", 10),
    ("mobile_table", 10),
    ("card_payroll", 8),
    ("card_procurement", 10),
    ("card_official", 8),
    ("card_csv", 5),
    ("landline", 5),
    ("email_candidates", 8),
    ("address", 8),
    ("passport", 4),
    ("marking", 10),
    ("not_public", 8),
    ("link", 6),
    ("spam", 6),
    ("hard_mixed", 8),
    ("id_csv", 4),
)
CLEAN: tuple[tuple[str, int], ...] = (
    ("clean_notice", 25),
    ("clean_project", 20),
    ("clean_account", 20),
    ("clean_venue", 20),
    ("clean_masked", 20),
    ("clean_secret_talk", 10),
    ("clean_rules", 10),
    ("clean_csv", 5),
    ("clean_hard", 15),
)


def generate(seed: int = 2026) -> list[Doc]:
    gen = Gen(seed)
    docs = []
    for name, count in (*POSITIVE, *CLEAN):
        make: Callable[[int], Doc] = getattr(gen, name)
        docs.extend(make(i) for i in range(count))
    return docs


def found(doc: Doc) -> set[tuple[str, int]]:
    """What govsite reports for the document, as (rule, line or csv row)."""
    from govsite.checks.runner import _default_lists, check_attachment, scan_text

    if doc.name.endswith(".csv"):
        findings = check_attachment(doc.text.encode("utf-8"), doc.name, _default_lists())
        out = set()
        for f in findings:
            row = (f.location or "").removeprefix("第").split("行", 1)[0]
            out.add((f.rule, int(row) if row.isdigit() else 0))
        return {x for x in out if x[0] in KINDS}
    return {(f.rule, f.line) for f in scan_text(doc.text, doc.name) if f.rule in KINDS}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Result:
    scores: dict[str, Score]
    documents: int
    clean: int
    clean_quiet: int
    misses: list[tuple[str, str, int]]  # document, rule, line
    false_alarms: list[tuple[str, str, int]]


def measure(docs: list[Doc]) -> Result:
    scores = {k: Score() for k in KINDS}
    misses, alarms = [], []
    clean = quiet = 0
    for doc in docs:
        got = found(doc)
        for rule, line in doc.expected | got:
            score = scores[rule]
            if (rule, line) in doc.expected and (rule, line) in got:
                score.tp += 1
            elif (rule, line) in got:
                score.fp += 1
                alarms.append((doc.name, rule, line))
            else:
                score.fn += 1
                misses.append((doc.name, rule, line))
        if doc.clean:
            clean += 1
            quiet += not got
    return Result(scores, len(docs), clean, quiet, misses, alarms)


def table(result: Result) -> str:
    lines = [
        "| 规则 | 应报告 | 正确报告 | 误报 | 漏报 | 精确率 | 召回率 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for rule, s in result.scores.items():
        lines.append(
            f"| {rule} | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.fn} | "
            f"{s.precision:.2f} | {s.recall:.2f} |"
        )
    lines.append("")
    lines.append(
        f"文档 {result.documents} 篇，其中无问题的相似文档 {result.clean} 篇，"
        f"未报告任何问题的 {result.clean_quiet} 篇"
        f"（{result.clean_quiet / result.clean:.1%}）。"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, help="把文档写到这个目录")
    args = parser.parse_args()
    docs = generate(args.seed)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            (args.out / doc.name).write_text(doc.text, encoding="utf-8")
    result = measure(docs)
    print(table(result))
    for name, rule, line in result.misses:
        print(f"漏报 {name}:{line} {rule}")
    for name, rule, line in result.false_alarms:
        print(f"误报 {name}:{line} {rule}")


if __name__ == "__main__":
    main()
