"""Write a synthetic govsite site of N articles, for benchmarks and load tests.

    python benchmarks/generate.py 10000 /tmp/site10k
    python benchmarks/generate.py 10000 /tmp/site10k --pelican /tmp/bare10k

DIR gets a complete site: site.yml, reviewers.yml, theme/, pelicanconf.py and
content/pages/ copied from this repository, and content/<unit>/*.md with valid
front matter (unique 索引号 per unit and year with the unit's credit code,
发文字号, 解读 published with their documents, a few repealed documents). With
--pelican, DIR2 gets the same bodies with Pelican's own metadata
(Title/Date/Category/Slug) and a minimal pelicanconf.py, so bare Pelican with its
default theme and no plugin builds it:  pelican -s DIR2/pelicanconf.py

Deterministic: the same N and --seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from govsite.config import reviewers as reviewers_config  # noqa: E402
from govsite.config import site as site_config  # noqa: E402
from govsite.config.reviewers import Unit  # noqa: E402
from govsite.config.site import Column, SiteConfig  # noqa: E402

START = datetime(2024, 1, 2, 8, 0)
END = datetime(2026, 11, 21, 18, 0)
COPIED = (
    "site.yml",
    "reviewers.yml",
    "pelicanconf.py",
    "publishconf.py",
    "theme",
    "hooks",
    "content/pages",
)

# Relative share of articles per column kind; a leaf column not named here gets 3.
WEIGHTS = {
    "zwyw": 18,
    "bmdt": 24,
    "tzgg": 12,
    "gfxwj": 5,
    "qtwj": 9,
    "czzj": 4,
    "ghjh": 3,
    "rsxx": 5,
    "jyxx": 6,
    "xxgkzd": 2,
    "gknb": 1,
    "wzndbb": 1,
}
NEWS_COLUMNS = ("zwyw", "bmdt")
INTERPRETATION_COLUMNS = ("zcjd",)

TOPICS: tuple[str, ...] = (
    "冬季供暖保障",
    "安全生产",
    "防汛抗旱",
    "森林草原防火",
    "优化营商环境",
    "乡村振兴",
    "高标准农田建设",
    "重点项目建设",
    "招商引资",
    "就业创业",
    "义务教育优质均衡",
    "基层医疗卫生服务",
    "居家社区养老服务",
    "生态环境保护",
    "城乡人居环境整治",
    "政务公开",
    "数字政府建设",
    "粮食安全",
    "文化旅游融合发展",
    "农畜产品质量安全",
    "老旧小区改造",
    "农村牧区供水保障",
    "根治欠薪",
    "预算绩效管理",
    "学生资助",
)
DOC_TYPES = (
    "实施方案",
    "管理办法",
    "工作方案",
    "实施意见",
    "三年行动计划",
    "工作要点",
    "考核办法",
    "应急预案",
)
NEWS_TITLES: tuple[str, ...] = (
    "{short}召开{topic}工作推进会",
    "{county}扎实推进{topic}工作",
    "{short}开展{topic}专项检查",
    "{short}举办{topic}业务培训班",
    "{county}{topic}工作取得阶段性成效",
    "{short}部署{topic}重点工作",
    "{short}赴苏木镇调研{topic}工作",
)
NOTICE_TITLES: tuple[str, ...] = (
    "关于做好{year}年{topic}工作的通知",
    "关于开展{topic}专项行动的通知",
    "关于{topic}有关事项的公告",
    "关于征求《{county}{topic}{doctype}（征求意见稿）》意见的公告",
)
GENERIC_TITLES: tuple[str, ...] = (
    "{county}{year}年{topic}工作情况",
    "{short}{year}年{topic}工作总结",
    "{county}{topic}{doctype}",
)
OPENINGS = (
    "{month}月{day}日，{short}召开{topic}工作推进会，总结前一阶段工作，部署下一步任务。",
    "近日，{short}组织开展{topic}专项检查，深入{n}个苏木镇和有关单位实地查看。",
    "{month}月{day}日，{short}举办{topic}业务培训，县直有关部门和各苏木镇{n}余人参加。",
    "今年以来，{county}坚持把{topic}作为保障和改善民生的重要抓手，各项工作有序推进。",
)
# Sentences of news items and of documents; a body draws them without repeats (a shuffled deck).
NEWS_SENTENCES = (
    "会议指出，{topic}事关群众切身利益，各苏木镇、各有关部门要提高思想认识，切实加强组织领导。",
    "截至{month}月底，全县已完成{topic}相关任务{n}项，完成率{pct}%。",
    "今年全县计划投入资金{amount}万元，重点支持{topic}领域的短板弱项。",
    "检查中共发现问题{n}个，已当场整改{m}个，其余问题已下达整改通知书并明确整改时限。",
    "会议要求，要坚持问题导向，聚焦群众急难愁盼，推动{topic}工作提质增效。",
    "下一步，将持续巩固{topic}工作成果，健全长效机制，确保各项任务落到实处。",
    "会议强调，要统筹发展和安全，守牢安全底线，坚决防范化解各类风险隐患。",
    "参训人员表示，培训内容贴近实际，将把所学运用到日常工作中。",
    "群众有意见建议，可拨打咨询电话0479-52{tel}反映。",
    "检查组逐一查看了工作台账和现场情况，听取了有关负责同志的情况汇报。",
    "与会人员围绕{topic}工作中的难点问题进行了交流讨论，提出了意见建议。",
    "活动期间共发放宣传资料{n}00余份，现场解答群众咨询{m}0余人次。",
    "据统计，今年以来全县{topic}工作惠及群众{n}00余户。",
    "会议通报了前一阶段{topic}工作进展情况，对进度滞后的单位进行了点评。",
    "各苏木镇负责同志分别汇报了本地区{topic}工作开展情况。",
    "调研中了解到，{topic}工作在基层仍面临资金、人员等方面的困难，有关部门将研究解决。",
)
DOC_SENTENCES = (
    "坚持以人民为中心的发展思想，把{topic}作为保障和改善民生的重要抓手。",
    "到{year}年底，{topic}工作机制基本健全，群众满意度明显提升。",
    "各苏木镇、各有关部门要提高思想认识，切实加强组织领导，确保各项任务落到实处。",
    "建立健全工作台账，实行清单化管理、项目化推进，每月调度一次工作进展。",
    "县政府督查室将对{topic}工作推进情况开展专项督查，督查结果纳入年度绩效考核。",
    "要加强政策宣传解读，及时回应社会关切，营造全社会共同参与的良好氛围。",
    "统筹用好各级各类资金，年度安排资金{amount}万元，资金使用情况按规定公开。",
    "各单位要明确专人负责，于每月5日前将上月工作进展报送牵头部门。",
    "对工作推进不力、造成不良影响的，依规依纪严肃追究相关人员责任。",
    "牵头部门要会同有关单位制定具体实施细则，细化任务分工和时间节点。",
    "建立部门联席会议制度，每季度召开一次会议，协调解决重大问题。",
    "鼓励和引导社会力量参与{topic}工作，形成政府主导、社会参与的工作格局。",
    "加强对苏木镇和基层单位的业务指导，每年组织培训不少于{m}次。",
    "完善考核评价办法，将{topic}工作成效作为评先评优的重要依据。",
    "本文件自印发之日起施行，有效期{m}年。",
    "涉及个人信息的，应当依法去标识化处理，不得泄露个人隐私。",
)
ABBREVIATIONS = {
    "人民政府办公室": "政办",
    "人民政府": "政",
    "发展和改革委员会": "发改",
    "财政局": "财",
    "教育局": "教",
}
SECTIONS = (
    "总体要求",
    "工作目标",
    "主要任务",
    "保障措施",
    "职责分工",
    "时间安排",
    "监督检查",
    "附则",
)


@dataclass
class Item:
    """One generated article, before it is written."""

    stem: str
    unit: Unit
    columns: tuple[str, ...]
    kind: str  # news / notice / document / interpretation
    title: str
    published: datetime
    topic: str
    written: date | None = None
    index_no: str | None = None
    doc_no: str | None = None
    needs_interpretation: bool = False
    interprets: str | None = None
    validity: str = "有效"
    repeal_date: date | None = None
    repealed_by: str | None = None
    co_issuers: tuple[str, ...] = ()
    important: bool = False
    body: str = ""
    summary: str = ""


class Generator:
    def __init__(self, site: SiteConfig, units: list[Unit], seed: int) -> None:
        self.site, self.units, self.rng = site, units, random.Random(seed)
        self.county = site.name.removesuffix("人民政府")
        self.leaves = [c for c in site.columns.values() if not c.children]
        self.doc_columns = [
            c for c in self.leaves if c.catalogue and c.id not in INTERPRETATION_COLUMNS
        ]
        self.interp_column = next(
            (c.id for c in self.leaves if c.id in INTERPRETATION_COLUMNS or "解读" in c.title), None
        )
        self.pickable = [c for c in self.leaves if c.id != self.interp_column]
        self.weights = [WEIGHTS.get(c.id, 3) for c in self.pickable]
        self.serials: dict[tuple[str, int], int] = {}
        self.doc_serials: dict[tuple[str, int], int] = {}
        self.topic_of_column = {
            "jyxx": ("义务教育优质均衡", "学生资助"),
            "czzj": ("预算绩效管理",),
            "rsxx": ("就业创业",),
        }

    def short(self, unit: Unit) -> str:
        return "县" + unit.name.removeprefix(self.county)

    def code(self, unit: Unit) -> str:
        """机关代字 such as 示政办发: county initial + the unit's usual abbreviation + 发."""
        rest = unit.name.removeprefix(self.county)
        return f"{self.county[0]}{ABBREVIATIONS.get(rest, rest[:2])}发"

    def dates(self, n: int) -> list[datetime]:
        span = (END - START).total_seconds()
        out = []
        for i in range(n):
            base = START + timedelta(seconds=span * (i + 0.5) / n)
            day = base.date() + timedelta(days=self.rng.randint(-2, 2))
            day = min(max(day, START.date()), END.date())
            out.append(
                datetime(
                    day.year,
                    day.month,
                    day.day,
                    self.rng.randint(8, 17),
                    self.rng.choice((0, 10, 15, 20, 30, 40, 45, 50)),
                )
            )
        return sorted(out)

    def fill(self, text: str, unit: Unit, topic: str, when: datetime) -> str:
        r = self.rng
        n = r.randint(3, 60)
        return text.format(
            short=self.short(unit),
            county=self.county,
            topic=topic,
            year=when.year + (1 if when.month >= 11 else 0),
            month=when.month,
            day=when.day,
            n=n,
            m=r.randint(1, n),
            pct=r.randint(60, 99),
            amount=r.randint(50, 9000),
            tel=f"{r.randint(0, 99999):05d}",
            doctype=r.choice(DOC_TYPES),
        )

    def paragraphs(
        self,
        unit: Unit,
        topic: str,
        when: datetime,
        count: int,
        bank: tuple[str, ...] = DOC_SENTENCES,
    ) -> list[str]:
        deck = self.rng.sample(bank, len(bank))
        out = []
        for _ in range(count):
            take = self.rng.randint(2, 3)
            if len(deck) < take:
                deck = self.rng.sample(bank, len(bank))
            out.append("".join(self.fill(deck.pop(), unit, topic, when) for _ in range(take)))
        return out

    def pick_unit(self, column: Column) -> Unit:
        owners = [u for u in self.units if u.id == column.unit]
        if owners and self.rng.random() < 0.7:
            return owners[0]
        return self.rng.choice(self.units)

    def items(self, n: int) -> list[Item]:
        out: list[Item] = []
        policies: dict[str, list[Item]] = {}
        dates = self.dates(n)
        while len(out) < n:
            when = dates[len(out)]  # a 解读 takes the next slot, so the spread reaches END
            column = self.rng.choices(self.pickable, self.weights)[0]
            unit = self.pick_unit(column)
            topic = self.rng.choice(self.topic_of_column.get(column.id, TOPICS))
            item = self.make(len(out), unit, column, topic, when)
            item.important = self.rng.random() < 0.03
            out.append(item)
            if item.kind != "document" or item.doc_no is None:
                continue
            earlier = policies.setdefault(unit.id, [])
            if earlier and self.rng.random() < 0.06:
                old = earlier.pop(self.rng.randrange(len(earlier)))
                old.validity, old.repealed_by = "废止", item.index_no
                old.repeal_date = item.published.date()
            earlier.append(item)
            if self.interp_column and len(out) < n and self.rng.random() < 0.3:
                item.needs_interpretation = True
                out.append(self.interpretation(len(out), item))
        return out

    def next_index(self, unit: Unit, year: int) -> str | None:
        if not unit.credit_code:
            return None
        key = (unit.id, year)
        self.serials[key] = self.serials.get(key, 0) + 1
        return self.site.index_rule.format(unit.credit_code, year, self.serials[key])

    def make(self, i: int, unit: Unit, column: Column, topic: str, when: datetime) -> Item:
        r = self.rng
        stem = f"{when.year}-{column.id}-{i:05d}"
        words = {
            "short": self.short(unit),
            "county": self.county,
            "topic": topic,
            "year": when.year,
            "doctype": r.choice(DOC_TYPES),
        }
        if not column.catalogue:
            if column.id in NEWS_COLUMNS:
                kind, titles = "news", NEWS_TITLES
            elif "通知" in column.title or "公告" in column.title:
                kind, titles = "notice", NOTICE_TITLES
            else:
                kind, titles = "page", GENERIC_TITLES
            item = Item(
                stem, unit, (column.id,), kind, r.choice(titles).format(**words), when, topic
            )
            opening = self.fill(r.choice(OPENINGS), unit, topic, when)
            more = self.paragraphs(unit, topic, when, r.randint(2, 6), NEWS_SENTENCES)
            item.body = "\n\n".join([opening, *more])
            item.summary = opening
            return item
        written = when.date() - timedelta(days=r.randint(0, 9))
        item = Item(
            stem,
            unit,
            (column.id,),
            "document",
            "",
            when,
            topic,
            written=written,
            index_no=self.next_index(unit, written.year),
        )
        inner = f"{self.county}{topic}{words['doctype']}"
        if column in self.doc_columns and "文件" in column.title:
            key = (unit.id, written.year)
            self.doc_serials[key] = self.doc_serials.get(key, 0) + 1
            item.doc_no = f"{self.code(unit)}〔{written.year}〕{self.doc_serials[key]}号"
            item.title = f"{unit.name}关于印发《{inner}》的通知"
            if r.random() < 0.05:
                partner = r.choice([u for u in self.units if u.id != unit.id] or [unit])
                if partner.id != unit.id:
                    item.co_issuers = (partner.id,)
            # 栏目映射: a unit's document also listed in the catalogue column it is responsible for.
            owned = [c.id for c in self.doc_columns if c.unit == unit.id and c.id != column.id]
            if owned and r.random() < 0.5:
                item.columns = (column.id, owned[0])
            sign = f"{unit.name}\n\n{written.year}年{written.month}月{written.day}日"
            sections = r.sample(SECTIONS, r.randint(3, 6))
            body = [
                f"各苏木镇人民政府，县直各部门：\n\n《{inner}》已经县人民政府同意，"
                "现印发给你们，请认真贯彻执行。",
                sign,
                "（此件公开发布）",
                f"## {inner}",
            ]
            for no, name in enumerate(sections):
                body.append(f"### {'一二三四五六七八'[no]}、{name}")
                body.extend(self.paragraphs(unit, topic, when, r.randint(1, 3)))
            item.body = "\n\n".join(body)
            item.summary = f"印发《{inner}》，明确{topic}工作的目标任务、职责分工和保障措施。"
        else:
            item.title = r.choice(GENERIC_TITLES).format(**words)
            item.body = "\n\n".join(self.paragraphs(unit, topic, when, r.randint(3, 7)))
            item.summary = item.body.split("。", 1)[0] + "。"
        return item

    def interpretation(self, i: int, doc: Item) -> Item:
        when = doc.published + timedelta(minutes=10)
        inner = doc.title.split("《", 1)[-1].split("》", 1)[0]
        forms = ("《{0}》政策解读", "一图读懂《{0}》", "《{0}》解读问答")
        title = self.rng.choice(forms).format(inner)
        assert self.interp_column is not None
        item = Item(
            f"{when.year}-{self.interp_column}-{i:05d}",
            doc.unit,
            (self.interp_column,),
            "interpretation",
            title,
            when,
            doc.topic,
            written=doc.written,
            index_no=self.next_index(doc.unit, doc.written.year if doc.written else when.year),
            interprets=doc.index_no,
        )
        qa = [
            f"## 问：{q}\n\n" + "".join(self.paragraphs(doc.unit, doc.topic, when, 1))
            for q in (
                "为什么要出台这项政策？",
                "主要内容有哪些？",
                "有哪些创新举措？",
                "如何抓好贯彻落实？",
            )
        ]
        item.body = "\n\n".join(
            [f"近日，{doc.unit.name}印发《{inner}》。现就有关内容解读如下。", *qa]
        )
        item.summary = f"解读《{inner}》的出台背景、主要内容和创新举措。"
        return item

    def front_matter(self, item: Item) -> str:
        lines = [
            f"标题: {item.title}",
            f"公开日期: {item.published:%Y-%m-%d %H:%M}",
            f"栏目: [{', '.join(item.columns)}]",
        ]
        if item.kind in ("document", "interpretation"):
            assert item.written is not None
            lines += [
                f"成文日期: {item.written.isoformat()}",
                f"发文机构: {item.unit.name}",
                f"信息分类: {self.topic_class(item)}",
                f"有效性: {item.validity}",
            ]
            if item.index_no:
                lines.append(f"索引号: {item.index_no}")
        for key, value in (
            ("发文字号", item.doc_no),
            ("解读对象", item.interprets),
            ("废止文件", item.repealed_by),
        ):
            if value:
                lines.append(f"{key}: {value}")
        if item.repeal_date:
            lines.append(f"废止日期: {item.repeal_date.isoformat()}")
        if item.co_issuers:
            lines.append(f"联合发文单位: [{', '.join(item.co_issuers)}]")
        if item.needs_interpretation:
            lines.append("需要解读: 是")
        if item.important:
            lines.append("重要程度: 重要")
        genre = next((g for g in ("通知", "公告", "报告") if item.title.endswith(g)), None)
        if genre:
            lines.append(f"体裁: {genre}")
        lines.append(f"概述: {item.summary}")
        return "---\n" + "\n".join(lines) + "\n---\n\n"

    def topic_class(self, item: Item) -> str:
        wanted = {
            "jyxx": "教育",
            "czzj": "财政金融审计",
            "rsxx": "劳动人事",
            "ghjh": "国民经济管理",
        }.get(item.columns[0], "综合政务")
        topics = self.site.topics
        return wanted if wanted in topics or not topics else topics[0]


def pelican_text(item: Item, column_titles: dict[str, str]) -> str:
    head = (
        f"Title: {item.title}\nDate: {item.published:%Y-%m-%d %H:%M}\n"
        f"Category: {column_titles[item.columns[0]]}\nSlug: {item.unit.id}-{item.stem}\n\n"
    )
    return head + item.body + "\n"


PELICANCONF = '''"""Bare Pelican settings for the comparison build: default theme, no plugin."""
PATH = "content"
OUTPUT_PATH = "output"
SITENAME = "{name}"
SITEURL = ""
FEED_DOMAIN = "{url}"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
CACHE_PATH = ".pelican-cache"
'''


def prepare(target: Path, force: bool) -> None:
    if target.exists() and any(target.iterdir()):
        if not force:
            sys.stderr.write(f"错误：{target} 不是空目录。修改方法：换一个目录，或加 --force\n")
            raise SystemExit(2)
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 N 篇合成文章的完整网站（基准测试用）")
    parser.add_argument("n", type=int, help="文章篇数")
    parser.add_argument("dir", type=Path, help="输出网站目录（须为空或不存在）")
    parser.add_argument(
        "--pelican",
        type=Path,
        metavar="DIR2",
        help="另写一份同样正文、Pelican 英文元数据的纯 Pelican 网站",
    )
    parser.add_argument("--seed", type=int, default=2026, help="随机种子（默认 2026）")
    parser.add_argument("--force", action="store_true", help="目录非空时先清空")
    parser.add_argument(
        "--check",
        action="store_true",
        help="生成后用 govsite 读取整个网站，有任何问题则列出并以退出码 1 结束",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("文章篇数至少为 1")
    site = site_config.load(REPO)
    policy = reviewers_config.load(REPO / "reviewers.yml")
    units = [
        u
        for u in policy.units.values()
        if policy.owner_of(f"content/{u.id}/x.md") is u and u.credit_code
    ]
    if not units:
        sys.stderr.write("错误：reviewers.yml 中没有拥有 content/<单位>/ 的单位，无法生成文章\n")
        return 2
    gen = Generator(site, units, args.seed)
    items = gen.items(args.n)
    prepare(args.dir, args.force)
    for name in COPIED:
        src, dst = REPO / name, args.dir / name
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    for unit in units:
        (args.dir / "content" / unit.id).mkdir(parents=True, exist_ok=True)
    for item in items:
        path = args.dir / "content" / item.unit.id / f"{item.stem}.md"
        path.write_text(gen.front_matter(item) + item.body + "\n", encoding="utf-8")
    if args.pelican:
        prepare(args.pelican, args.force)
        titles = {c.id: c.title for c in site.columns.values()}
        for unit in units:
            (args.pelican / "content" / unit.id).mkdir(parents=True, exist_ok=True)
        for item in items:
            path = args.pelican / "content" / item.unit.id / f"{item.stem}.md"
            path.write_text(pelican_text(item, titles), encoding="utf-8")
        conf = PELICANCONF.format(name=site.name, url=site.url)
        (args.pelican / "pelicanconf.py").write_text(conf, encoding="utf-8")
    sys.stdout.write(
        f"已生成 {len(items)} 篇文章 → {args.dir}"
        + (f"；纯 Pelican 版 → {args.pelican}" if args.pelican else "")
        + "\n"
    )
    return check(args.dir) if args.check else 0


def check(root: Path) -> int:
    from govsite.library import load_library

    lib = load_library(root)
    for problem in lib.problems:
        sys.stderr.write(problem.render() + "\n")
    sys.stdout.write(f"校验：{len(lib.articles)} 篇文章，{len(lib.problems)} 个问题\n")
    return 1 if lib.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
